"""The home: first-run set-up, switching establishments, due dates in words, drafts, the
produced-files search, new declaration and resume, and the command palette."""

from __future__ import annotations

import asyncio
import sys
import types
from datetime import date

import pytest
from textual.widgets import DataTable, Input

from tests.tui.pilotkit import (
    SIRET_A,
    SIRET_B,
    home_loaded,
    make_app,
    screen_text,
    seed,
    type_text,
    wait_until,
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    path = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(path))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    monkeypatch.delenv("COMPTOIR_LANG", raising=False)
    return path


async def answer_step(pilot, values: list[str]) -> None:
    for value in values:
        box = pilot.app.focused
        assert isinstance(box, Input)
        box.value = ""
        await type_text(pilot, value)
        await pilot.press("enter")
    await pilot.pause(0.1)


def test_first_run_sets_up_the_first_establishment_from_an_empty_database(home) -> None:
    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            from tui.screens.setup import SetupScreen

            await wait_until(pilot, lambda: isinstance(app.screen, SetupScreen), what="set-up screen")
            assert "Étape 1 sur 3" in screen_text(app)
            # A SIRET with a wrong key is refused in words, and the step is not left.
            await answer_step(pilot, ["732 829 320 00018"])
            await pilot.press("tab", "tab", "tab", "tab", "tab", "enter")  # focus order ends on "Next"
            await pilot.pause(0.1)
            text = screen_text(app)
            assert "Étape 1 sur 3" in text and "SIRET" in text
            assert app.screen.session.step_index == 0
            app.screen.inputs[0].focus()
            await answer_step(pilot, ["732 829 320 00017", "Boulangerie Martin", "1071C", "", ""])
            assert app.screen.session.step_index == 1, screen_text(app)
            await answer_step(pilot, ["12 rue de la Paix", "75002", "Paris"])
            assert app.screen.session.step_index == 2
            await answer_step(pilot, ["Martin Paul", "paul@example.fr", "01 02 03 04 05"])
            await home_loaded(pilot)
            await wait_until(pilot, lambda: app.etab_id is not None and len(app.screen_stack) == 1)
            text = screen_text(app)
            assert "BOULANGERIE MARTIN" in text and SIRET_A in text
            assert "DSN mensuelle" in text  # what is due next
        from storage import open_store

        store = open_store()
        try:
            [(_id, etab)] = store.list_etablissements()
        finally:
            store.close()
        assert etab.siret == SIRET_A and etab.ape_entreprise == "1071C" and etab.idcc == "9999"
        assert etab.code_postal == "75002" and etab.localite == "PARIS" and etab.contact_email == "paul@example.fr"

    asyncio.run(journey())


def test_escape_leaves_the_set_up_and_the_home_says_what_to_do(home) -> None:
    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(100, 40)) as pilot:
            from tui.screens.setup import SetupScreen

            await wait_until(pilot, lambda: isinstance(app.screen, SetupScreen))
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1)
            assert "No establishment yet: press F6 to set one up." in screen_text(app)

    asyncio.run(journey())


def test_switching_establishments_changes_what_the_home_shows(home) -> None:
    ids = seed(home, (SIRET_A, SIRET_B))

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await home_loaded(pilot)
            first = app.etab_id
            assert "2 établissements" in screen_text(app)
            await pilot.press("f6")
            from tui.screens.home import EtabScreen

            await wait_until(pilot, lambda: isinstance(app.screen, EtabScreen))
            assert "(actuel)" in screen_text(app)
            await pilot.press("down", "enter")
            await wait_until(pilot, lambda: app.etab_id != first and len(app.screen_stack) == 1)
            second = app.etab_id
            other = dict(app.etabs)[second]
            await wait_until(pilot, lambda: other.siret in screen_text(app), what="the other establishment")
            assert set(ids) == {first, second}
            # Escape on the chooser goes back without changing anything.
            await pilot.press("f6")
            await wait_until(pilot, lambda: isinstance(app.screen, EtabScreen))
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1)
            assert app.etab_id == second

    asyncio.run(journey())


async def three_files_listed(pilot) -> DataTable:  # type: ignore[no-untyped-def]
    """The home loaded with the three produced files of `seed(files=True)` in its list."""
    await home_loaded(pilot)
    table = pilot.app.screen.query_one("#files", DataTable)
    await wait_until(pilot, lambda: table.row_count == 3, what="all three files")
    return table


def test_produced_files_are_searched_by_nature_employee_nir_and_month(home) -> None:
    seed(home, files=True)

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(120, 60)) as pilot:
            table = await three_files_listed(pilot)

            async def search(field: str, value: str, expected: int) -> None:
                box = app.screen.query_one(field, Input)
                box.focus()
                box.value = ""
                await type_text(pilot, value)
                await wait_until(pilot, lambda: table.row_count == expected, what=f"{value!r} → {expected}")

            await search("#f-nature", "DPAE", 1)
            await search("#f-nature", "01", 2)
            await search("#f-nature", "", 3)
            await search("#f-who", "durand", 2)
            await search("#f-who", "18503 75", 2)  # a NIR's beginning, spaces tolerated
            await search("#f-who", "", 3)
            await search("#f-month", "01/2026", 1)
            await search("#f-month", "2026-02", 2)
            await search("#f-month", "février", 3)  # not a month: said, not used
            assert "Mois non utilisé" in screen_text(app)
            await search("#f-month", "", 3)
            text = screen_text(app)
            assert "exporté" in text and "test" in text and "MARTIN Paul" in text

    asyncio.run(journey())


def test_a_produced_file_is_marked_filed_from_the_home_with_the_keyboard(home) -> None:
    seed(home, files=True)

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(120, 60)) as pilot:
            table = await three_files_listed(pilot)
            table.focus()
            await pilot.press("down")  # the second file, newest first
            target = app.screen.files[int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)]
            assert target.status != "depose"
            await pilot.press("f7")
            await wait_until(pilot, lambda: app.screen.query("#statuses"), what="the status list")
            modal = screen_text(app)
            assert f"fichier n° {target.id}" in modal and "(actuel)" in modal
            await pilot.press("escape")  # back without change
            await wait_until(pilot, lambda: not app.screen.query("#statuses"), what="the home again")
            assert app.store.get_file(target.id).status == target.status
            await pilot.press("f7")
            await wait_until(pilot, lambda: app.screen.query("#statuses"), what="the status list")
            await pilot.press("end")  # the last status: filed
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.store.get_file(target.id).status == "depose", what="status saved")
            await wait_until(pilot, lambda: "déposé" in screen_text(app), what="the list says it")
            others = [f for f in app.store.search_files() if f.id != target.id]
            assert all(f.status != "depose" for f in others)  # only the file chosen

    asyncio.run(journey())


def test_the_status_key_without_a_file_says_what_to_do(home) -> None:
    seed(home)

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await home_loaded(pilot)
            await pilot.press("f7")
            await wait_until(pilot, lambda: any("Aucun fichier produit choisi" in n.message for n in app._notifications),
                             what="the notice")
            assert not app.screen.query("#statuses")

    asyncio.run(journey())


def test_due_items_say_each_status_in_words() -> None:
    from forms.i18n import set_language
    from forms.model import Etablissement
    from storage.records import Draft
    from tui.screens.home import due_items

    set_language("en")
    etab = Etablissement(siret=SIRET_A, effectif="3")
    drafts = [
        Draft(1, 1, "dpae", "2026-03", {"embauches.0.contrat.debut": "2026-03-16"}),
        Draft(2, 1, "arret", "2026-02", {"arret.dernier_jour": "2026-02-20"}),
        Draft(3, 1, "fctu", "", {}),
        Draft(4, 1, "mensuelle", "2026-03", {}),
    ]
    items = {i.title: i for i in due_items(etab, drafts, set(), date(2026, 3, 10))}
    assert items["Monthly DSN, February 2026"].status == "open: due on 16/03/2026, in 6 days"
    assert items["Draft no. 2: Sick leave or accident (DSN event 04) — 2026-02"].status.startswith("LATE: was due on")
    assert items["Draft no. 2: Sick leave or accident (DSN event 04) — 2026-02"].late
    assert items["Draft no. 1: DPAE (pre-hiring declaration) — 2026-03"].status == "open: due on 16/03/2026, in 6 days"
    assert "no due date yet" in items["Draft no. 3: End of contract (DSN event 07, FCTU)"].status
    assert items["Draft no. 4: Monthly DSN — 2026-03"].status.startswith("not open yet: from 01/04/2026")
    assert "Monthly DSN, March 2026" not in items  # said with its draft
    assert list(items)[0].startswith("Draft no. 2")  # late first
    done = {i.title: i for i in due_items(etab, [], {"2026-02"}, date(2026, 3, 16))}
    assert done["Monthly DSN, February 2026"].status == "done: a file was produced"
    today = {i.title: i for i in due_items(etab, [], set(), date(2026, 3, 16))}
    assert today["Monthly DSN, February 2026"].status == "due today (16/03/2026)"


def test_drafts_are_listed_and_resumed_with_enter(home, monkeypatch) -> None:
    seed(home, drafts=True)
    calls = []
    fake = types.ModuleType("tui.journey")
    fake.open_wizard = lambda app, kind, draft_id=None, etab_id=None: calls.append((kind, draft_id, etab_id))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui.journey", fake)

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(120, 50)) as pilot:
            await home_loaded(pilot)
            table = app.screen.query_one("#drafts", DataTable)
            assert table.row_count == 2
            text = screen_text(app)
            assert "EN RETARD" in text  # the arrêt draft is late, said in words
            table.focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda: bool(calls))
            kind, draft_id, etab_id = calls[0]
            assert etab_id == app.etab_id and draft_id in {d.id for d in app.drafts} and kind in {"dpae", "arret"}
            # F2: choose the kind of a new declaration.
            await pilot.press("f2")
            from tui.screens.home import KindScreen

            await wait_until(pilot, lambda: isinstance(app.screen, KindScreen))
            assert "DPAE" in screen_text(app)
            await pilot.press("enter")
            await wait_until(pilot, lambda: len(calls) == 2)
            assert calls[1] == (app.kinds[0], None, app.etab_id)

    asyncio.run(journey())


def test_without_the_wizard_a_declaration_is_refused_in_words(home, monkeypatch) -> None:
    seed(home)
    monkeypatch.setitem(sys.modules, "tui.journey", None)  # import fails as if the module were missing

    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(100, 40)) as pilot:
            await home_loaded(pilot)
            notes = []
            app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
            app.open_declaration("dpae")
            assert notes == ["The declaration wizard is not available in this version yet."]

    asyncio.run(journey())


def test_the_command_palette_lists_every_action(home) -> None:
    seed(home, (SIRET_A, SIRET_B), drafts=True)

    async def journey() -> None:
        from textual.command import CommandList, CommandPalette

        app = make_app(lang="en")
        async with app.run_test(size=(120, 50)) as pilot:
            await home_loaded(pilot)
            await pilot.press("ctrl+p")
            await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
            commands = app.screen.query_one(CommandList)
            await wait_until(pilot, lambda: commands.option_count >= 10, what="palette filled")
            await pilot.pause(0.3)
            prompts = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
            text = "\n".join(prompts)
            from forms.declarations import TITLES

            for kind in app.kinds:
                assert f"New declaration: {TITLES[kind]}" in text
            for draft in app.drafts:
                assert f"Resume draft no. {draft.id}" in text
            for expected in ("Check a file without sending it", "Import a DSN file", "net-entreprises identifiers",
                             "Switch establishment: BOULANGERIE MARTIN", "Switch establishment: GARAGE DURAND",
                             "Add an establishment", "Settings", "Quit Comptoir", "Show the keys of this screen"):
                assert expected in text, expected
            # Typing finds an action; Enter runs it.
            await type_text(pilot, "check a file")
            await pilot.pause(0.3)
            await pilot.press("enter")
            from tui.screens.check import CheckScreen

            await wait_until(pilot, lambda: isinstance(app.screen, CheckScreen))
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1)

    asyncio.run(journey())


def test_settings_switch_to_high_contrast_and_turn_animations_off(home) -> None:
    seed(home)

    async def journey() -> None:
        app = make_app(lang="en", animations=True)
        async with app.run_test(size=(100, 40)) as pilot:
            await home_loaded(pilot)
            await pilot.press("f9")
            from tui.screens.settings import SettingsScreen

            await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
            await pilot.press("up", "enter")  # language: Français (from the next start)
            await pilot.pause(0.1)
            text = screen_text(app)
            assert "next start" in text and "✓ Français (chosen)" in text and "✓ Animations on (chosen)" in text
            await pilot.press("tab", "down", "enter")  # colours: high contrast
            await wait_until(pilot, lambda: app.theme == "comptoir-contrast")
            await pilot.press("tab", "down", "enter")  # animations off
            await wait_until(pilot, lambda: app.animation_level == "none")
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1)
        from tui.settings import load_settings

        saved = load_settings()
        assert saved["theme"] == "comptoir-contrast" and saved["animations"] is False
        assert saved["lang"] == "fr"
        # The next start reads them.
        from tui.app import ComptoirApp

        real = ComptoirApp()
        assert real.theme == "comptoir-contrast" and real.animation_level == "none" and real.lang == "fr"

    asyncio.run(journey())
