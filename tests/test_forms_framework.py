"""The form framework: typed answers, code lists, questions that apply, repeats, step errors."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from forms import codelists, values
from forms.answer_check import check_answer
from forms.declarations import KINDS, AnswerErrors, BuildContext, build, get
from forms.i18n import set_language
from forms.model import Contrat, Individu
from forms.questions import Form, Kind, Question, Repeat, Scope, Step
from forms.session import FormSession

ROOT = Path(__file__).resolve().parent.parent
ARRET = json.loads((ROOT / "docs/answers/arret.json").read_text("utf-8"))


# ----------------------------------------------------------------------------- values
@pytest.mark.parametrize("raw", ["15/03/2026", "15032026", "15.03.2026", "2026-03-15", " 15-03-2026 "])
def test_dates_typed_french_style_are_kept_iso(raw: str) -> None:
    assert values.parse_date(raw) == "2026-03-15"


def test_a_date_that_does_not_exist_is_refused_with_what_was_found() -> None:
    with pytest.raises(values.ValueProblem) as exc:
        values.parse_date("31/02/2026")
    assert "31/02/2026" in exc.value.message


@pytest.mark.parametrize(("raw", "kept"), [
    ("1 234,56", "1234.56"), ("1234.5", "1234.50"), ("1\u00a0234,56 €", "1234.56"), ("1.234,56", "1234.56"),
    ("0", "0.00"),
])
def test_amounts_typed_french_style(raw: str, kept: str) -> None:
    assert values.parse_decimal(raw) == kept


def test_amounts_refuse_extra_decimals_and_negatives_unless_allowed() -> None:
    with pytest.raises(values.ValueProblem, match="12,345"):
        values.parse_decimal("12,345")
    with pytest.raises(values.ValueProblem):
        values.parse_decimal("-5")
    assert values.parse_decimal("-457,66", negative=True) == "-457.66"


def test_transliteration_shows_what_will_be_written() -> None:
    q = Question("individu.nom", "Family name (birth name)", Kind.UPPER, max_length=80)
    result = check_answer(q, "Lefèvre-Œuvray", Scope({}))
    assert result.value == "LEFEVRE-OEUVRAY"
    assert any("LEFEVRE-OEUVRAY" in n for n in result.notes)


def test_displayed_values_follow_the_language() -> None:
    set_language("fr")
    assert values.show_amount("1234.5") == "1\u202f234,50"
    assert values.show_date("2026-03-15") == "15/03/2026"


# ----------------------------------------------------------------------------- code lists
def test_code_lists_search_by_code_or_words() -> None:
    natures = codelists.norm_choices("S21.G00.40.007")
    assert codelists.search(natures, "02")[0][0] == "02"
    assert "02" in [c for c, _ in codelists.search(natures, "durée déterminée privé")]
    assert "01" in [c for c, _ in codelists.search(natures, "indetermINEE")]  # accents and case ignored


def test_a_code_answer_accepts_a_unique_label_match_and_refuses_ambiguity() -> None:
    q = Question("individu.sexe", "Sex", Kind.CODE, codes="S21.G00.30.005")
    assert check_answer(q, "féminin", Scope({})).value == "02"
    assert check_answer(q, "1", Scope({})).value == "01"
    refused = check_answer(Question("c", "Nature", Kind.CODE, codes="S21.G00.40.007"), "contrat", Scope({}))
    assert refused.value is None and "contrat" in refused.errors[0]


def test_external_lists_are_accepted_on_their_pattern_and_flagged() -> None:
    q = Question("etablissement.ape", "APE", Kind.CODE, external="APE", pattern=r"\d{4}[A-Z]", pattern_hint="x")
    ok = check_answer(q, "6201z", Scope({}))
    assert ok.value == "6201Z" and ok.notes  # flagged: not verified offline
    assert check_answer(q, "62A1Z", Scope({})).value is None


# ----------------------------------------------------------------------------- layout and session
CHILD = Step("enfant", "Child", (Question("prenom", "First name"),
                                 Question("age", "Age", Kind.INTEGER, when=lambda s: s.yes("a_age"))))
FORM = Form("demo", "Demo", (
    Step("base", "Base", (Question("a_age", "Ask ages?", Kind.YESNO),)),
    Repeat("enfants", Question("nombre", "How many children?", Kind.COUNT, high=5), (CHILD,), "Child {n}"),
))


def test_repeats_expand_per_answer_and_keys_carry_the_item_prefix() -> None:
    session = FormSession(FORM)
    assert [s.id for s in session.steps()] == ["base", "enfants.count"]
    assert session.answer("a_age", "oui").ok
    assert session.answer("nombre", "2").ok
    assert [s.id for s in session.steps()] == ["base", "enfants.count", "enfants.0.enfant", "enfants.1.enfant"]
    assert [slot.key for slot in session.slots()][-2:] == ["enfants.1.prenom", "enfants.1.age"]


def test_a_question_appears_only_when_it_applies_and_hidden_answers_are_not_built() -> None:
    session = FormSession(FORM, {"a_age": "oui", "nombre": "1", "enfants.0.prenom": "LEA", "enfants.0.age": "3"})
    assert "enfants.0.age" in [s.key for s in session.slots()]
    session.answer("a_age", "non")
    assert "enfants.0.age" not in [s.key for s in session.slots()]
    assert "enfants.0.age" not in session.effective_answers()
    assert session.answers["enfants.0.age"] == "3"  # kept: saying yes again brings it back


def test_scope_looks_outwards_from_an_item() -> None:
    scope = Scope({"a_age": "oui", "enfants.0.prenom": "LEA"}, "enfants.0.")
    assert scope.get("prenom") == "LEA" and scope.yes("a_age")


def test_every_accepted_answer_is_saved_at_once_and_refused_ones_never() -> None:
    saved: list[tuple[str, str | None]] = []
    session = FormSession(FORM, on_save=lambda k, v, step, pos: saved.append((k, v)))
    assert not session.answer("nombre", "12").ok  # above 5
    assert session.answer("nombre", "1").ok
    assert saved == [("nombre", "1")]


def test_a_step_with_a_missing_answer_cannot_be_left_and_the_summary_links_to_it() -> None:
    session = FormSession(FORM, {"a_age": "oui", "nombre": "1"})
    step = session.steps()[2]
    errors = session.step_errors(step)
    assert [e.key for e in errors] == ["enfants.0.prenom", "enfants.0.age"]
    assert not session.can_leave(step)
    assert session.first_open() == 2


# ----------------------------------------------------------------------------- records and build
def test_records_round_trip_through_answers() -> None:
    person = Individu(nom="BERNARD", prenoms="JULIEN", nir="1850369383045", naissance_date="1985-03-14")
    assert Individu.from_answers(person.to_answers("salaries.0.individu."), "salaries.0.individu.") == person
    contract = Contrat(numero="CDI2019-0007", debut="2019-09-01")
    assert Contrat.from_answers(contract.to_answers("contrat."), "contrat.") == contract


def test_the_arret_example_builds_a_file_without_blocking_findings() -> None:
    built = build("arret", ARRET["answers"], BuildContext(today=values.as_date("2026-03-04")))  # type: ignore[arg-type]
    assert not built.blocking, built.report
    assert b"S21.G00.60.004,'01'" in built.data and b"S21.G00.60.007,'FR76" in built.data
    assert built.people == [("1850369383045", "BERNARD JULIEN")]


def test_without_subrogation_no_subrogation_rubrique_is_written() -> None:
    answers = {**ARRET["answers"], "arret.subrogation": "non"}
    built = build("arret", answers, BuildContext(today=values.as_date("2026-03-04")))  # type: ignore[arg-type]
    assert not built.blocking
    assert b"S21.G00.60.004,'02'" in built.data
    assert b"S21.G00.60.005" not in built.data and b"S21.G00.60.007" not in built.data


def test_build_refuses_answers_with_errors_listing_each_question() -> None:
    answers = {**ARRET["answers"], "arret.subrogation_fin": "2026-02-01"}
    with pytest.raises(AnswerErrors) as exc:
        build("arret", answers)
    assert [e.key for e in exc.value.errors] == ["arret.subrogation_fin"]


def test_every_declaration_form_has_unique_keys_and_translated_labels() -> None:
    from forms.declarations import available

    for kind in available():
        form = get(kind).form
        steps = form.steps({})
        ids = [q.id for s in steps for q in s.step.questions]
        assert len(ids) == len(set(ids)), kind


# ----------------------------------------------------------------------------- comptoir build
def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PATH": "/usr/bin:/bin", "COMPTOIR_LANG": "en"})


def test_comptoir_build_writes_the_file_owner_only(tmp_path: Path) -> None:
    out = tmp_path / "arret.dsn"
    result = _run("build", str(ROOT / "docs/answers/arret.json"), "-o", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes().startswith(b"S10.G00.00.001,'COMPTOIR'")


@pytest.mark.parametrize("kind", KINDS)
def test_each_declaration_has_an_example_answers_file_that_builds(kind: str, tmp_path: Path) -> None:
    """docs/answers/KIND.json, the example docs/answers.md points to, is a file `comptoir build`
    writes (a DSN or the DPAE XML) for every declaration."""
    example = ROOT / "docs" / "answers" / f"{kind}.json"
    assert json.loads(example.read_text("utf-8"))["kind"] == kind
    out = tmp_path / f"{kind}.out"
    result = _run("build", str(example), "-o", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"<?xml") if kind == "dpae" else data.startswith(b"S10.G00.00.001,'COMPTOIR'")


def test_comptoir_build_lists_errors_by_question_and_writes_nothing(tmp_path: Path) -> None:
    bad = dict(ARRET)
    bad["answers"] = {**ARRET["answers"], "individu.nir": "123", "arret.motif": "42"}
    answers = tmp_path / "bad.json"
    answers.write_text(json.dumps(bad), "utf-8")
    out = tmp_path / "out.dsn"
    result = _run("build", str(answers), "-o", str(out), cwd=ROOT)
    assert result.returncode == 1
    assert "individu.nir" in result.stderr and "arret.motif" in result.stderr
    assert "Social security number (NIR)" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("content", [None, "", "not json", "[1]", '{"kind": "nope", "answers": {}}'])
def test_comptoir_build_exits_2_on_unreadable_answers(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "answers.json"
    if content is not None:
        path.write_text(content, "utf-8")
    result = _run("build", str(path), "-o", str(tmp_path / "x.dsn"), cwd=ROOT)
    assert result.returncode == 2
    assert str(path) in result.stderr
    assert not (tmp_path / "x.dsn").exists()


# ----------------------------------------------------------------------------- test / real, DPAE
def test_a_test_file_says_test_and_a_real_one_says_real() -> None:
    today = values.as_date("2026-03-04")
    real = build("arret", ARRET["answers"], BuildContext(today=today))  # type: ignore[arg-type]
    test = build("arret", ARRET["answers"], BuildContext(today=today, test=True))  # type: ignore[arg-type]
    assert b"S10.G00.00.005,'02'" in real.data  # 02 envoi fichier réel
    assert b"S10.G00.00.005,'01'" in test.data  # 01 envoi fichier test


DPAE = json.loads((ROOT / "docs/answers/dpae.json").read_text("utf-8"))


def test_the_dpae_example_builds_the_xml_message_with_its_indicator() -> None:
    built = build("dpae", DPAE["answers"], BuildContext(test=True))
    assert built.media == "xml" and built.nature == "DPAE"
    assert b"<FR_DUE_Upload.Test.Indicator>1<" in built.data
    real = build("dpae", DPAE["answers"], BuildContext(test=False))
    assert b"<FR_DUE_Upload.Test.Indicator>120<" in real.data
    assert built.notes  # the nature-10 signal notice


def test_a_dpae_for_a_cdd_asks_its_end_date_and_refuses_it_missing() -> None:
    answers = {k: v for k, v in DPAE["answers"].items() if k != "embauches.0.contrat.fin_previsionnelle"}
    with pytest.raises(AnswerErrors) as exc:
        build("dpae", answers)
    assert "embauches.0.contrat.fin_previsionnelle" in [e.key for e in exc.value.errors]
    cdi = {**answers, "embauches.0.contrat.nature": "01"}
    assert "embauches.0.contrat.fin_previsionnelle" not in [s.key for s in FormSession(get("dpae").form, cdi).slots()]


def test_a_dpae_holds_at_most_100_hires() -> None:
    session = FormSession(get("dpae").form, DPAE["answers"])
    assert session.answer("nombre_embauches", "100").ok
    refused = session.answer("nombre_embauches", "101")
    assert not refused.ok and "101" in refused.errors[0]


def test_the_same_dpae_answers_give_the_nature_10_signal() -> None:
    from forms.declarations.dpae import build_signal10_answers

    answers = {**DPAE["answers"], "embauches.0.contrat.periode_essai_jours": "30"}
    built = build_signal10_answers(answers, BuildContext(today=values.as_date("2026-01-02")))  # type: ignore[arg-type]
    assert b"S20.G00.05.001,'10'" in built.data
