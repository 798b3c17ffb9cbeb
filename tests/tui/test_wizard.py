"""The wizard from an empty draft to an exported file, driven with the keyboard (Pilot)."""

from __future__ import annotations

import asyncio
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from forms.validator import validate_bytes
from tests.tui.pilotkit import SIRET_A, make_app, seed, type_text, wait_until

ROOT = Path(__file__).resolve().parent.parent.parent
ARRET = json.loads((ROOT / "docs/answers/arret.json").read_text("utf-8"))["answers"]


def french(key: str, value: str) -> str:
    """An answer as a person types it: dates 15/03/2026."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return value


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(path))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    seed(path, (SIRET_A,))
    return path


async def fill(pilot: Any, answers: dict[str, str], typed: set[str] = frozenset(), max_steps: int = 40) -> None:
    """Answer every step of the wizard: typed keys by keystrokes, others set in the field;
    Enter moves to the next field and, on the last, to the next step."""
    from tui.screens.wizard import WizardScreen

    for _ in range(max_steps):
        screen = pilot.app.screen
        if not isinstance(screen, WizardScreen):
            return
        before = screen.session.step_index
        done: set[str] = set()
        for _round in range(20):  # an answer may show new questions: go round until none is left
            pending = [f for f in screen.fields if f.key not in done]
            if not pending:
                break
            for field in pending:
                done.add(field.key)
                if field.key in answers:
                    value = french(field.key, answers[field.key])
                    field.input.focus()
                    if field.key in typed:
                        field.input.value = ""
                        await type_text(pilot, value)
                    else:
                        field.input.value = value
                elif field.question.kind.value == "count" and not field.input.value:
                    field.input.value = "0"  # a list the answers do not fill: none
            await pilot.pause()
            # a redraw may have replaced fields set just before it: set those again
            done = {k for k in done if k not in answers or screen.session.answers.get(k)}
        await pilot.press("f8")
        await pilot.pause(0.05)
        if isinstance(pilot.app.screen, WizardScreen) and pilot.app.screen.session.step_index == before:
            errors = pilot.app.screen.session.step_errors(pilot.app.screen.session.current_step())
            raise AssertionError(f"stuck on step {before}: {[(e.key, e.message) for e in errors]}")
    raise AssertionError("the wizard did not end")


def test_an_arret_with_subrogation_from_an_empty_draft_to_an_exported_file(home: Path) -> None:
    answers = {**ARRET, "etablissement.siret": SIRET_A}

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.store is not None and app.etab_id is not None, what="store")
            from tui.journey import open_wizard
            from tui.screens.review import ReviewScreen

            open_wizard(app, "arret", etab_id=app.etab_id)
            await pilot.pause(0.1)
            assert "Étape 1 sur" in str(app.screen.query_one("#wizard-progress").render())
            await fill(pilot, answers, typed={"arret.dernier_jour", "arret.subrogation"})
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), what="review")
            review = app.screen
            await wait_until(pilot, lambda: review.built is not None, what="the file built (worker)")
            assert not review.built.blocking
            await pilot.press("f3")  # the real file
            await wait_until(pilot, lambda: review.exported is not None, what="the file written (worker)")
            path = review.exported
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            report = validate_bytes(path.read_bytes())
            assert not report.blocking
            assert b"S21.G00.60.004,'01'" in path.read_bytes()
            [produced] = app.store.search_files(nature="04")
            assert produced.path == str(path)

    asyncio.run(journey())


def test_a_wrong_answer_is_said_under_its_field_and_in_the_summary_which_jumps_to_it(home: Path) -> None:
    async def wrong() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.store is not None and app.etab_id is not None, what="store")
            from tui.journey import open_wizard

            screen = open_wizard(app, "arret", etab_id=app.etab_id)
            await pilot.pause(0.1)
            # Step 1: the kind of declaration; then the establishment: break its postcode.
            await pilot.press("f8")
            await pilot.pause(0.05)
            await pilot.press("f8")
            await pilot.pause(0.05)
            fields = {f.key: f for f in screen.fields}
            assert "etablissement.code_postal" in fields, list(fields)
            box = fields["etablissement.code_postal"].input
            box.focus()
            box.value = ""
            await type_text(pilot, "7500")
            await pilot.pause()
            assert "Erreur" in str(fields["etablissement.code_postal"].error.render())
            await pilot.press("f8")
            await pilot.pause(0.05)
            summary = screen.query_one("#wizard-summary")
            assert summary.display and app.focused is summary
            # The summary says why the text typed was refused, not that the answer is missing.
            lines = [str(summary.get_option_at_index(i).prompt) for i in range(summary.option_count)]
            [postcode] = [line for line in lines if line.startswith("Code postal")]
            assert "7500" in postcode, lines
            await pilot.press("enter")  # the first line: its field gets the focus
            await pilot.pause()
            assert isinstance(app.focused, Input)
            assert any(f.input is app.focused and f.key.startswith("etablissement.") for f in screen.fields)

    asyncio.run(wrong())


def test_leaving_and_resuming_keeps_the_place_and_every_accepted_answer(home: Path) -> None:
    async def first() -> int:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.store is not None and app.etab_id is not None, what="store")
            from tui.journey import open_wizard

            screen = open_wizard(app, "arret", etab_id=app.etab_id)
            await pilot.pause(0.1)
            await pilot.press("f8")  # declaration type: the default 01
            await pilot.pause(0.05)
            box = screen.fields[1].input  # raison sociale
            box.focus()
            box.value = ""
            await type_text(pilot, "Boulangerie Dupain")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            return screen.draft_id

    draft_id = asyncio.run(first())

    async def again() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.store is not None, what="store")
            from tui.journey import open_wizard

            screen = open_wizard(app, "arret", draft_id=draft_id, etab_id=app.etab_id)
            await pilot.pause(0.1)
            assert screen.session.step_index == 1
            assert screen.session.answers["etablissement.raison_sociale"] == "BOULANGERIE DUPAIN"
            assert app.focused is screen.field_of("etablissement.raison_sociale").input

    asyncio.run(again())


def _two_employees() -> dict[str, str]:
    from tests.test_mensuelle import answers_for, cdd_partiel, cdi_cadre, ctp_for

    people = [cdi_cadre(0), cdd_partiel(1)]
    return answers_for(people, ctp=ctp_for(people))


@pytest.mark.parametrize("kind", ["dpae", "mensuelle", "reprise", "fctu"])
def test_every_declaration_from_an_empty_draft_to_an_exported_file(home: Path, kind: str) -> None:
    from datetime import date

    from tests.test_plain import SCENARIOS

    make_answers, today, _options = SCENARIOS[kind]
    answers = _two_employees() if kind == "mensuelle" else make_answers()

    async def journey() -> None:
        app = make_app(today=date.fromisoformat(today))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.store is not None and app.etab_id is not None, what="store")
            from tui.journey import open_wizard
            from tui.screens.review import ReviewScreen

            open_wizard(app, kind, etab_id=app.etab_id)
            await pilot.pause(0.1)
            await fill(pilot, answers, max_steps=300)
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), what="review")
            review = app.screen
            await wait_until(pilot, lambda: review.built is not None, what="the file built (worker)")
            assert not review.built.blocking, review.built
            await pilot.press("f2")  # a test file
            await wait_until(pilot, lambda: review.exported is not None, what="the file written (worker)")
            path = review.exported
            assert path is not None and path.name.startswith("essai-")
            data = path.read_bytes()
            if kind == "dpae":
                assert b"<FR_DUE_Upload.Test.Indicator>1<" in data
            else:
                assert not validate_bytes(data).blocking
                assert b"S10.G00.00.005,'01'" in data  # 01: envoi fichier test
            if kind == "mensuelle":
                assert data.count(b"S21.G00.30.001,") == 2

    asyncio.run(journey())


def test_enter_on_a_produced_file_starts_its_annule_et_remplace_in_the_wizard(home: Path) -> None:
    from datetime import date

    from forms.declarations import BuildContext, build
    from storage import open_store
    from storage.files import write_export

    answers = {**ARRET, "etablissement.siret": SIRET_A}
    built = build("arret", answers, BuildContext(today=date(2026, 3, 4)))
    store = open_store()
    try:
        [(etab_id, _etab)] = store.list_etablissements()
        draft = store.create_draft(etab_id, "arret", built.period, answers)
        path = home / "arret.dsn"
        write_export(path, built.data)
        file_id = store.record_file(etab_id=etab_id, draft_id=draft, path=path, data=built.data, nature="04",
                                    type="01", test=False, period=built.period, people=built.people)
    finally:
        store.close()

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            from tests.tui.pilotkit import home_loaded
            from tui.screens.wizard import WizardScreen

            await home_loaded(pilot)
            await wait_until(pilot, lambda: app.screen.query_one("#files").row_count == 1, what="the file listed")
            app.screen.query_one("#files").focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, WizardScreen), what="the wizard")
            answers_now = app.screen.session.answers
            assert answers_now["declaration.type"] == "03"
            assert answers_now["declaration.remplace"] == "040320261"  # S20.G00.05.007 + numéro d'ordre
            assert answers_now["declaration.fichier_remplace"] == str(file_id)

    asyncio.run(journey())


# ----------------------------------------------------------------------------- code lists
async def _at_motif(pilot: Any) -> Any:
    """The wizard of an arrêt, on its "reason for the stop" (a code list of the norm)."""
    app = pilot.app
    await wait_until(pilot, lambda: app.store is not None and app.etab_id is not None, what="store")
    from tui.journey import open_wizard

    screen = open_wizard(app, "arret", etab_id=app.etab_id)
    await wait_until(pilot, lambda: bool(screen.fields), what="the first step")
    await screen.go_to_key("arret.motif")
    field = screen.field_of("arret.motif")
    await wait_until(pilot, lambda: field is not None and app.focused is field.input, what="the reason field")
    return screen


def test_words_of_a_label_filter_the_code_list_and_the_keyboard_picks_a_code(home: Path) -> None:
    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _at_motif(pilot)
            field = screen.field_of("arret.motif")
            box, choices = field.input, field.choices
            assert choices is not None and not choices.display  # nothing typed: no list
            await type_text(pilot, "Accident")  # words of labels, case and accents ignored
            await wait_until(pilot, lambda: choices.display, what="the list")
            shown = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
            assert shown and all("accident" in line.lower() for line in shown), shown
            assert app.focused is box  # the field keeps the focus while the list is open
            assert choices.highlighted is None
            await pilot.press("down", "down")
            assert choices.highlighted == 1
            picked = screen.session.check("arret.motif", "").value  # nothing yet
            assert picked is None
            code = str(choices.get_option_at_index(1).prompt).split()[1]
            assert str(choices.get_option_at_index(1).prompt).startswith("▶ ")  # not colour alone
            await pilot.press("enter")
            # This code asks more (the accident's date): the step is redrawn, the focus kept.
            await wait_until(pilot, lambda: screen.session.answers.get("arret.motif") == code
                             and app.focused is screen.field_of("arret.motif").input, what="the code kept")
            field = screen.field_of("arret.motif")
            assert field.input.value == code and not field.choices.display
            note = str(field.note.render())
            assert f"Chosen: {code} — " in note and "accident" in note.lower()
            assert screen.draft_id is not None
            draft = app.store.load_draft(screen.draft_id)
            assert draft.answers["arret.motif"] == code  # autosaved as a typed answer

    asyncio.run(journey())


def test_a_code_typed_then_enter_is_accepted_and_the_next_field_gets_the_focus(home: Path) -> None:
    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _at_motif(pilot)
            await type_text(pilot, "01")
            await pilot.press("enter")
            following = screen.fields[[f.key for f in screen.fields].index("arret.motif") + 1]
            await wait_until(pilot, lambda: app.focused is following.input, what="the next field")
            assert screen.session.answers["arret.motif"] == "01"
            assert not screen.field_of("arret.motif").choices.display

    asyncio.run(journey())


def test_escape_closes_the_code_list_keeping_the_text_and_a_second_escape_goes_back(home: Path) -> None:
    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _at_motif(pilot)
            field = screen.field_of("arret.motif")
            await type_text(pilot, "mater")
            await wait_until(pilot, lambda: field.choices.display, what="the list")
            await pilot.press("down", "escape")
            assert not field.choices.display and field.input.value == "mater"
            assert app.screen is screen
            await pilot.press("up")  # the list closed: Up scrolls, nothing is picked
            assert field.input.value == "mater"
            await pilot.press("down")  # Down opens it again on what is typed
            assert field.choices.display and field.choices.highlighted == 0
            await pilot.press("up")  # back to the text: Enter would take it as typed
            assert field.choices.highlighted is None and field.choices.display
            await pilot.press("escape", "escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1, what="back on the home")

    asyncio.run(journey())


def test_typing_on_after_a_question_appears_keeps_the_text_and_the_list(home: Path) -> None:
    """Words typed in the kind of declaration: "annul…" picks 03 at the second letter, which
    shows a new question; the step is redrawn and typing goes on where it was."""
    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.store is not None and app.etab_id is not None, what="store")
            from tui.journey import open_wizard

            screen = open_wizard(app, "arret", etab_id=app.etab_id)
            await wait_until(pilot, lambda: bool(screen.fields) and app.focused is screen.fields[0].input, what="step 1")
            await pilot.press("ctrl+u")
            await type_text(pilot, "annule et rem")
            await wait_until(pilot, lambda: "declaration.remplace" in [f.key for f in screen.fields], what="redraw")
            box = screen.field_of("declaration.type").input
            assert box.value == "annule et rem" and app.focused is box
            assert screen.field_of("declaration.type").choices.display
            assert screen.session.answers["declaration.type"] == "03"

    asyncio.run(journey())


def test_the_review_lists_two_errors_of_one_answer_and_each_leads_to_its_question(home: Path) -> None:
    """An IDCC of three digits breaks its format and the norm's length: two lines in the review
    (ids kept unique), and Enter on the second goes to the question."""
    answers = {**ARRET, "etablissement.siret": SIRET_A, "etablissement.idcc": "843"}

    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            from tui.screens.wizard import WizardScreen

            review = await review_of(pilot, "arret", "", answers)
            wizard = review.wizard
            findings = review.query_one("#review-findings")
            await wait_until(pilot, lambda: findings.option_count >= 2, what="the findings")
            idcc = [i for i in range(findings.option_count)
                    if "IDCC" in str(findings.get_option_at_index(i).prompt)]
            assert len(idcc) >= 2, [str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)]
            findings.focus()
            findings.highlighted = idcc[1]
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, WizardScreen)
                             and app.focused is wizard.field_of("etablissement.idcc").input, what="the IDCC question")

    asyncio.run(journey())


async def review_of(pilot, kind: str, period: str, answers: dict[str, str], before=None):  # type: ignore[no-untyped-def]
    """A draft of `kind` with `answers`, its wizard, then its review pushed and mounted
    (`before()` runs once the wizard is open, before the review builds)."""
    from tui.journey import open_wizard
    from tui.screens.review import ReviewScreen

    app = pilot.app
    await wait_until(pilot, lambda: app.store is not None and app.etab_id is not None, what="store")
    draft = app.store.create_draft(app.etab_id, kind, period, answers)
    wizard = open_wizard(app, kind, draft_id=draft, etab_id=app.etab_id)
    await wait_until(pilot, lambda: bool(wizard.fields), what="the wizard")
    if before is not None:
        before()
    review = ReviewScreen(wizard)
    app.push_screen(review)
    await wait_until(pilot, lambda: app.screen is review and review.is_mounted, what="the review")
    return review


def test_a_large_declaration_is_built_in_a_worker_and_its_texts_are_cut(home: Path) -> None:
    """A monthly DSN of 150 employees: the review says it is working at once, then shows the
    verdict, the tree cut with how many lines are left out, and F2 writes the whole file."""
    from tests.test_mensuelle import mensuelle_answers

    answers = mensuelle_answers(150)

    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            from tui.screens.review import SHOWN_LINES

            review = await review_of(pilot, "mensuelle", answers["declaration.mois"][:7], answers)
            first = str(review.query_one("#review-verdict").render())
            assert review.built is None or "Ready" in first  # the worker may already be done
            if review.built is None:
                assert "Building and checking" in first
            await wait_until(pilot, lambda: review.built is not None and not review.working, timeout=60, what="built")
            assert not review.built.blocking, [f.message for f in review.built.report.findings if f.blocking][:3]
            tree = str(review.query_one("#review-tree").render())
            assert tree.count("\n") <= SHOWN_LINES + 1
            assert "more lines (comptoir show FILE prints them all)" in tree
            review.action_export(True)  # F2…
            review.action_export(True)  # …and F2 again at once, while it is written: refused
            await wait_until(pilot, lambda: review.exported is not None, timeout=60, what="the file written")
            assert any("being written" in n.message for n in app._notifications)
            assert len(app.store.search_files(nature="01")) == 1
            data = review.exported.read_bytes()
            assert data == review.built.data and data.count(b"\n") > SHOWN_LINES
            assert not validate_bytes(data).blocking

    asyncio.run(journey())


def test_cut_keeps_short_texts_and_says_what_it_leaves_out() -> None:
    from tui.screens.review import cut

    assert cut("a\nb", limit=2) == "a\nb"
    shown = cut("\n".join(str(i) for i in range(10)), limit=3)
    assert shown.split("\n")[:3] == ["0", "1", "2"] and "7" in shown.split("\n")[3]


def test_a_build_that_fails_unexpectedly_is_said_and_frees_the_export_keys(home: Path, monkeypatch) -> None:
    import forms.declarations

    answers = {**ARRET, "etablissement.siret": SIRET_A}

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            review = await review_of(pilot, "arret", "", answers,
                                     before=lambda: monkeypatch.setattr(forms.declarations, "build", broken))
            verdict = review.query_one("#review-verdict")
            await wait_until(pilot, lambda: "could not be built: disk on fire" in str(verdict.render()), what="the error")
            await pilot.press("f2")
            await wait_until(pilot, lambda: not review.exporting, what="the export keys free again")
            assert review.exported is None and not app.store.search_files()

    asyncio.run(journey())
