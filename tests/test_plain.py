"""The plain line mode (`comptoir --plain`, tui/plain.py) driven through a pipe, as a screen
reader user or a script would: every declaration from an empty database to a validated file,
wrong answers, going back, help, code lists, save and resume, quit, and the automatic choice
of the mode. The output must be plain text: no escape sequence, no box drawing.

The answers of each kind come from the examples the other tests already build and validate;
the lines typed are derived from the form itself (`script_for`), so a new declaration is one
line in SCENARIOS.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from hashlib import sha256
from pathlib import Path

import pytest

from forms.declarations import KINDS, available, get
from forms.session import FormSession

ROOT = Path(__file__).resolve().parent.parent
ESCAPES = re.compile(r"[\x1b\u2500-\u257f]")


# ----------------------------------------------------------------------------- scenarios
def _doc(kind: str) -> dict[str, str]:
    return dict(json.loads((ROOT / "docs" / "answers" / f"{kind}.json").read_text("utf-8"))["answers"])


def _mensuelle() -> dict[str, str]:
    from tests.test_mensuelle import answers_for, cdi_cadre, ctp_for

    people = [cdi_cadre(0)]
    return answers_for(people, ctp=ctp_for(people))


def _reprise() -> dict[str, str]:
    from tests.test_events import reprise_answers

    return reprise_answers()


def _fctu() -> dict[str, str]:
    from tests.test_events import end_of_cdd

    return end_of_cdd()


# kind → (answers, date of the declaration, extra options); one line per declaration.
SCENARIOS: dict[str, tuple[Callable[[], dict[str, str]], str, tuple[str, ...]]] = {
    "dpae": (lambda: _doc("dpae"), "2026-01-02", ("--test",)),
    "mensuelle": (_mensuelle, "2026-02-05", ("--test",)),
    "arret": (lambda: _doc("arret"), "2026-03-04", ()),
    "reprise": (_reprise, "2026-03-12", ()),
    "fctu": (_fctu, "2026-04-02", ()),
}


def script_for(kind: str, answers: dict[str, str]) -> list[tuple[str, str]]:
    """(key, line typed) for every question the plain mode asks, in its order: the answer, or
    an empty line where the answers have none (the proposal is accepted, or nothing)."""
    session = FormSession(get(kind).form, {})
    out: list[tuple[str, str]] = []
    index = 0
    while True:
        slots = session.slots()
        if index >= len(slots):
            return out
        slot = slots[index]
        line = answers.get(slot.key, "")
        out.append((slot.key, line))
        raw = line
        if not raw:  # the proposal, when it passes its checks (as the plain mode does)
            proposed = session.shown_value(slot.key, slot.question)
            raw = proposed if proposed and session.check(slot.key, proposed).ok else ""
        result = session.answer(slot.key, raw)
        assert result.ok, (slot.key, line, result.errors)
        index += 1
        assert index < 5000


def lines_of(script: list[tuple[str, str]]) -> list[str]:
    return [line for _key, line in script]


def run(home: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None,
        timeout: float = 240) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("COMPTOIR_LANG", "COMPTOIR_DATABASE_URL")}
    environ.update({"COMPTOIR_HOME": str(home), "TERM": "xterm-256color"})
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "tui", *args], input=stdin, capture_output=True, text=True,
                          env=environ, cwd=ROOT, timeout=timeout)


def assert_plain(text: str) -> None:
    found = ESCAPES.search(text)
    assert found is None, f"escape or box-drawing character {found.group()!r} in the output"


def drafts(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "comptoir.db") as db:
        return db.execute("SELECT id, kind, state, position FROM draft ORDER BY id").fetchall()


def saved_answers(home: Path, draft_id: int) -> dict[str, str]:
    with sqlite3.connect(home / "comptoir.db") as db:
        return dict(db.execute("SELECT key, value FROM answer WHERE draft_id = ?", (draft_id,)).fetchall())


def produced(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "comptoir.db") as db:
        return db.execute("SELECT id, draft_id, path, sha256, nature, test FROM produced_file").fetchall()


def _need(kind: str) -> None:
    if kind not in available():
        pytest.skip(f"the declaration {kind} is not in this tree yet (forms.declarations.available())")


# ----------------------------------------------------------------------------- every declaration
@pytest.mark.parametrize("kind", KINDS)
def test_a_declaration_from_an_empty_database_to_a_validated_file(kind: str, tmp_path: Path) -> None:
    _need(kind)
    make, today, options = SCENARIOS[kind]
    script = script_for(kind, make())
    typed = lines_of(script) + [""]  # the last line: write into exports/
    result = run(tmp_path, "--plain", "new", kind, "--today", today, *options, stdin="\n".join(typed) + "\n")
    out = result.stdout
    assert result.returncode == 0, out[-3000:] + result.stderr
    assert_plain(out)
    # Every question said its place, its label and its format.
    assert out.count("Format attendu : ") >= len(script)
    assert re.search(r"^Question 1 sur \d+, étape ", out, re.M)
    # The review and the report, then the file with its path and checksum.
    assert "Récapitulatif de la déclaration" in out
    assert "Rapport de validation" in out
    match = re.search(r"^Fichier écrit : (.+)$", out, re.M)
    assert match, out[-2000:]
    path = Path(match.group(1))
    assert path.parent == tmp_path / "exports"
    data = path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    digest = sha256(data).hexdigest()
    assert f"sha256 : {digest}" in out
    [(file_id, draft_id, recorded, recorded_sha, _nature, _test)] = produced(tmp_path)
    assert recorded == str(path) and recorded_sha == digest and draft_id == 1
    assert drafts(tmp_path)[0][2] == "termine"
    if kind != "dpae":  # the DSN written passes the engine
        check = subprocess.run([sys.executable, "-m", "tui", "validate", str(path)], capture_output=True, text=True,
                               cwd=ROOT, env={**os.environ, "COMPTOIR_HOME": str(tmp_path)})
        assert check.returncode == 0, check.stdout


# ----------------------------------------------------------------------------- the line dialogue
ARRET_HEAD = ["01", "83214562700010"]  # declaration type, SIRET


def test_wrong_answer_back_help_and_code_list(tmp_path: Path) -> None:
    _need("arret")
    script = script_for("arret", _doc("arret"))
    keys = [k for k, _line in script]
    before_motif = lines_of(script)[: keys.index("arret.motif")]
    typed = [
        "01", "abc",          # a wrong SIRET: a sentence, then the same question
        "<", "?",             # back to the declaration type, its help
        "", *before_motif[1:],
        "maladie",            # several codes match: refused, with the codes
        "!liste", "", "deuil", "<",  # page 1, page 2, a search, back
        "adoption",           # words of a label: the one code
        "!quitter",
    ]
    result = run(tmp_path, "--plain", "new", "arret", stdin="\n".join(typed) + "\n")
    out = result.stdout
    assert result.returncode == 0, out[-3000:]
    assert_plain(out)
    siret_question = "Question 1 sur 5, étape Établissement.\nSIRET de l'établissement.\n"
    refused = out.index("Réponse : abc\n")
    after = out[refused:]
    assert re.match(r"Réponse : abc\nRéponse refusée : .+ « abc »\.\n" + re.escape(siret_question), after), after[:400]
    back = after.index("Réponse : <\n")
    assert after[back:].split("\n")[3] == "Question 1 sur 1, étape Déclaration."
    assert "Réponse actuelle : 01 (déclaration normale). Une ligne vide la garde." in after[back:]
    assert "Aide : Type de déclaration." in out and "Commandes : ?" in out
    assert re.search(r"« maladie » correspond à plusieurs codes \(01, 05", out)
    assert "19 codes, page 1 sur 2 :" in out and "19 codes, page 2 sur 2 :" in out
    assert "  24 : Potentiel nouveau motif" in out
    assert "1 code(s) correspondent à « deuil », page 1 sur 1 :\n  19 : Deuil d'enfant" in out
    assert "Retenu : 09 (adoption)." in out
    assert "Brouillon n° 1 enregistré. Pour reprendre plus tard : comptoir --plain resume 1" in out
    answers = saved_answers(tmp_path, 1)
    assert answers["arret.motif"] == "09" and answers["etablissement.siret"] == "83214562700010"


def test_save_then_resume_goes_on_exactly_where_it_stopped(tmp_path: Path) -> None:
    _need("arret")
    script = script_for("arret", _doc("arret"))
    cut = [k for k, _line in script].index("individu.naissance_date")
    first = run(tmp_path, "--plain", "new", "arret", "--today", "2026-03-04",
                stdin="\n".join([*lines_of(script)[:cut], "!sauver"]) + "\n")
    assert first.returncode == 3, first.stdout[-2000:]
    assert "comptoir --plain resume 1" in first.stdout
    assert drafts(tmp_path) == [(1, "arret", "en_cours", "individu.naissance_date")]
    assert saved_answers(tmp_path, 1)["individu.prenoms"] == "JULIEN"

    second = run(tmp_path, "--plain", "resume", "1", "--today", "2026-03-04",
                 stdin="\n".join([*lines_of(script)[cut:], ""]) + "\n")
    out = second.stdout
    assert second.returncode == 0, out[-3000:]
    assert_plain(out)
    first_question = out[out.index("Question "):].split("\n")[:2]
    assert first_question == ["Question 3 sur 4, étape Salarié.", "Date de naissance."]
    assert "Fichier écrit : " in out and len(produced(tmp_path)) == 1


def test_resume_shows_the_current_answer_and_an_empty_line_keeps_it(tmp_path: Path) -> None:
    _need("arret")
    first = run(tmp_path, "--plain", "new", "arret", stdin="03\n<\n!quitter\n")
    assert first.returncode == 0
    second = run(tmp_path, "--plain", "resume", "1", stdin="\n!quitter\n")
    out = second.stdout
    assert "Réponse actuelle : 03 (déclaration annule et remplace intégral). Une ligne vide la garde." in out
    assert "Identifiant de la déclaration remplacée." in out  # kept, so the next question applies
    assert run(tmp_path, "--plain", "resume", "7", stdin="").returncode == 2


def test_a_step_rule_lists_every_open_error_and_goes_back_to_the_first(tmp_path: Path) -> None:
    _need("arret")
    answers = _doc("arret")
    answers.update({"arret.dernier_jour": "2019-08-01", "arret.fin_previsionnelle": "2019-08-10"})
    script = script_for("arret", answers)
    keys = [k for k, _line in script]
    upto = keys.index("arret.fin_previsionnelle") + 1
    typed = [*lines_of(script)[:upto], "02/03/2026", "15/03/2026", "non", ""]
    result = run(tmp_path, "--plain", "new", "arret", "--today", "2026-03-04", stdin="\n".join(typed) + "\n")
    out = result.stdout
    assert result.returncode == 0, out[-3000:]
    summary = out.index("Cette étape a 1 erreur(s) à corriger :")
    rest = out[summary:].split("\n")
    assert rest[1].startswith("- Dernier jour travaillé : ") and "début du contrat" in rest[1]
    assert rest[2] == "Retour à la question : Dernier jour travaillé."
    assert "Question 2 sur 3, étape Arrêt de travail.\nDernier jour travaillé." in out[summary:]
    assert "Réponse actuelle : 01/08/2019. Une ligne vide la garde." in out[summary:]
    assert "Fichier écrit : " in out


def test_english_on_request(tmp_path: Path) -> None:
    _need("arret")
    result = run(tmp_path, "--lang", "en", "--plain", "new", "arret", stdin="\n!quit\n")
    out = result.stdout
    assert "Question 1 of 1, step Declaration." in out
    assert "Expected format: one of these codes: 01" in out
    assert "Draft no. 1 saved." in out


# ----------------------------------------------------------------------------- choosing the mode
def _through_a_terminal(home: Path, args: list[str], env: dict[str, str], stdin: bytes) -> str:
    """Run `comptoir` with standard output on a pseudo-terminal; what it printed."""
    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "COMPTOIR_LANG"}
    environ.update({"COMPTOIR_HOME": str(home), **env})
    proc = subprocess.Popen([sys.executable, "-m", "tui", *args], stdin=subprocess.PIPE, stdout=slave,
                            stderr=subprocess.STDOUT, env=environ, cwd=ROOT)
    os.close(slave)
    assert proc.stdin is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    chunks = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _w, _x = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_plain_mode_is_chosen_when_output_is_not_a_terminal(tmp_path: Path) -> None:
    result = run(tmp_path, stdin="!quitter\n")  # `comptoir` alone, output into a pipe
    assert result.returncode == 0, result.stderr
    assert "Comptoir, mode ligne par ligne." in result.stdout
    assert "1. Nouvelle déclaration : " in result.stdout
    assert_plain(result.stdout)


def test_plain_mode_is_chosen_by_term_dumb_on_a_terminal(tmp_path: Path) -> None:
    out = _through_a_terminal(tmp_path, [], {"TERM": "dumb"}, b"!quitter\n")
    assert "Comptoir, mode ligne par ligne." in out
    assert_plain(out)


def test_plain_mode_is_chosen_by_the_setting(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"plain": True, "lang": "en"}), "utf-8")
    out = _through_a_terminal(tmp_path, [], {"TERM": "xterm-256color"}, b"!quit\n")
    assert "Comptoir, plain line mode." in out
    assert_plain(out)


def test_plain_wanted_rules() -> None:
    from tui.plain import plain_wanted

    class Tty:
        def isatty(self) -> bool:
            return True

    class Pipe:
        def isatty(self) -> bool:
            return False

    xterm = {"TERM": "xterm"}
    assert plain_wanted(True, stdout=Tty(), env=xterm, settings={"plain": False})
    assert plain_wanted(None, stdout=Pipe(), env=xterm, settings={"plain": False})
    assert plain_wanted(None, stdout=Tty(), env={"TERM": "dumb"}, settings={"plain": False})
    assert plain_wanted(None, stdout=Tty(), env=xterm, settings={"plain": True})
    assert not plain_wanted(None, stdout=Tty(), env=xterm, settings={"plain": False})


def test_the_menu_resumes_a_draft(tmp_path: Path) -> None:
    _need("arret")
    assert run(tmp_path, "--plain", "new", "arret", stdin="01\n!quitter\n").returncode == 0
    result = run(tmp_path, "--plain", stdin="\n".join([str(len(available()) + 1), "!quitter"]) + "\n")
    out = result.stdout
    assert f"{len(available()) + 1}. Reprendre le brouillon n° 1 : " in out
    assert "Question 1 sur 5, étape Établissement." in out


@pytest.mark.parametrize("args", [["--plain", "new", "arret"], ["--plain"], []])
def test_plain_mode_never_loads_textual(tmp_path: Path, args: list[str]) -> None:
    """Through the console script's own entry point (`comptoir` = tui.entry:run); `comptoir`
    alone does not even load click (start-up)."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('TEXTUAL=%s CLICK=%s\\n' % ('textual' in sys.modules, 'click' in sys.modules)))\n"
        f"sys.argv = ['comptoir', *{args!r}]\n"
        "from tui.entry import run\n"
        "run()\n"
    )
    environ = {**os.environ, "COMPTOIR_HOME": str(tmp_path)}
    environ.pop("COMPTOIR_LANG", None)
    result = subprocess.run([sys.executable, "-c", code], input="01\n!quitter\n", capture_output=True, text=True,
                            env=environ, cwd=ROOT, timeout=120)
    assert "TEXTUAL=False" in result.stderr, result.stderr
    assert ("CLICK=False" in result.stderr) == (not args), result.stderr
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr


def _lise_known(home: Path, *contracts: tuple[str, str, str]) -> None:
    """A store in `home` that knows Lise DURAND with these contracts (number, start, nature)."""
    from forms.model import Contrat, Etablissement, Individu
    from storage import open_store

    store = open_store("sqlite:///" + str(home / "comptoir.db"))
    try:
        etab_id = store.save_etablissement(Etablissement(siret="83214562700010", raison_sociale="ATELIER"))
        lise = store.save_individu(etab_id, Individu(nir="2850375123456", nom="DURAND", prenoms="LISE"))
        for numero, debut, nature in contracts:
            store.save_contrat(lise, Contrat(numero=numero, debut=debut, nature=nature))
    finally:
        store.close()


def test_a_signal_starts_by_asking_which_known_employee(tmp_path: Path) -> None:
    _lise_known(tmp_path, ("CDI2026-0001", "2026-01-05", "01"))
    result = run(tmp_path, "--plain", "new", "fctu", stdin="3\n1\n")
    out = result.stdout
    assert "Quel salarié ?" in out and "1. DURAND LISE — contrat CDI2026-0001 — depuis le 05/01/2026" in out
    assert "Un nombre entre 1 et 2 était attendu ; trouvé « 3 »." in out
    assert result.returncode == 3, out[-2000:]  # the input ended inside the form: the draft is kept
    answers = saved_answers(tmp_path, 1)
    assert answers["individu.nom"] == "DURAND" and answers["contrat.numero"] == "CDI2026-0001"
    assert answers["connu.avant.siret"] == "83214562700010"


def test_a_signal_offers_each_running_contract_of_one_person(tmp_path: Path) -> None:
    _lise_known(tmp_path, ("CDD2026-0001", "2026-01-05", "02"), ("CDD2026-0002", "2026-02-02", "02"))
    result = run(tmp_path, "--plain", "new", "arret", stdin="2\n")
    out = result.stdout
    assert "1. DURAND LISE — contrat CDD2026-0001 — depuis le 05/01/2026" in out
    assert "2. DURAND LISE — contrat CDD2026-0002 — depuis le 02/02/2026" in out
    assert "3. Quelqu'un d'autre" in out or "3. Quelqu’un d’autre" in out, out[-1500:]
    answers = saved_answers(tmp_path, 1)
    assert answers["contrat.numero"] == "CDD2026-0002" and answers["contrat.debut"] == "2026-02-02"
