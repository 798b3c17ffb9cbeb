"""Before an arrêt, a reprise or a FCTU, the wizard asks which known employee it is about
(a hire entered once serves the signals that follow); keyboard only."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.tui.pilotkit import SIRET_A, make_app, seed, wait_until


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    from forms.model import Contrat, Individu
    from storage import open_store

    path = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(path))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    (etab_id,) = seed(path, (SIRET_A,))
    store = open_store("sqlite:///" + str(path / "comptoir.db"))
    try:
        lise = store.save_individu(etab_id, Individu(nir="2850375123456", nom="DURAND", prenoms="LISE",
                                                     naissance_date="1985-03-12"))
        store.save_contrat(lise, Contrat(numero="CDI2026-0001", debut="2026-01-05", nature="01"))
        paul = store.save_individu(etab_id, Individu(nir="1800175123456", nom="ANCIEN", prenoms="PAUL"))
        store.save_contrat(paul, Contrat(numero="CDD2025-0001", debut="2025-01-06", fin="2025-06-30"))
    finally:
        store.close()
    return path


def _journey(keys: list[str]):  # type: ignore[no-untyped-def]
    async def run() -> tuple[str, dict[str, str] | None, list[str]]:
        from tui.journey import open_wizard
        from tui.screens.employees import EmployeeScreen
        from tui.screens.wizard import WizardScreen

        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.store is not None and app.etab_id is not None, what="store")
            open_wizard(app, "arret", etab_id=app.etab_id)
            await wait_until(pilot, lambda: isinstance(app.screen, EmployeeScreen), what="the employee list")
            from textual.widgets import OptionList

            box = app.screen.query_one(OptionList)
            lines = [str(box.get_option_at_index(i).prompt) for i in range(box.option_count)]
            assert app.focused is box and box.border_title
            for key in keys:
                await pilot.press(key)
            await pilot.pause(0.1)
            if isinstance(app.screen, WizardScreen):
                return "wizard", app.store.load_draft(app.screen.draft_id).answers, lines
            return type(app.screen).__name__, None, lines

    return asyncio.run(run())


def test_enter_picks_the_running_contract_first_and_fills_the_draft(home: Path) -> None:
    where, answers, lines = _journey(["enter"])
    assert lines[0].startswith("DURAND LISE — contrat CDI2026-0001 — depuis le 05/01/2026")
    assert "fini le 30/06/2025" in lines[1] and "Quelqu'un d'autre" in lines[2]
    assert where == "wizard" and answers is not None
    assert answers["individu.nom"] == "DURAND" and answers["contrat.numero"] == "CDI2026-0001"
    assert answers["etablissement.siret"] == SIRET_A


def test_someone_else_starts_with_an_empty_identity(home: Path) -> None:
    where, answers, _lines = _journey(["down", "down", "enter"])
    assert where == "wizard" and answers is not None
    assert "individu.nom" not in answers and answers["etablissement.siret"] == SIRET_A


def test_escape_goes_back_without_creating_a_draft(home: Path) -> None:
    where, answers, _lines = _journey(["escape"])
    assert where == "HomeScreen" and answers is None
    from storage import open_store

    store = open_store("sqlite:///" + str(home / "comptoir.db"))
    try:
        assert store.list_drafts() == []
    finally:
        store.close()


def test_each_running_contract_of_one_person_is_a_line_of_its_own(home: Path) -> None:
    """Lise takes a second, part-time contract: an arrêt is about one of the two, so both are
    offered, and the one picked is the contract of the draft."""
    from forms.model import Contrat
    from storage import open_store

    store = open_store("sqlite:///" + str(home / "comptoir.db"))
    try:
        ((lise_id, _lise),) = [(i, p) for i, p in store.list_individus(store.list_etablissements()[0][0])
                               if p.nom == "DURAND"]
        store.save_contrat(lise_id, Contrat(numero="CDD2026-0002", debut="2026-03-02", nature="02"))
    finally:
        store.close()
    where, answers, lines = _journey(["down", "enter"])
    assert lines[0].startswith("DURAND LISE — contrat CDI2026-0001")
    assert lines[1].startswith("DURAND LISE — contrat CDD2026-0002 — depuis le 02/03/2026")
    assert where == "wizard" and answers is not None
    assert answers["contrat.numero"] == "CDD2026-0002" and answers["contrat.debut"] == "2026-03-02"
