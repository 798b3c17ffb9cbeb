"""SVG snapshots of the main screens (home, check, credentials, the wizard with an answer in
error, the review) in French and in English, at 80×24 and 120×40, animations and cursor blink
off, a fixed clock and fixed data.

Each shot waits for an explicit state (wait_until on a condition, not a sleep), puts the focus
where it should be explicitly, and stops every Input's cursor from blinking: the same SVG
whatever ran before (checked by running this file alone, after the rest of tests/tui and in
reverse order).

Update after an intended change: `pytest tests/tui/test_snapshots.py --snapshot-update`, then
look at the SVG files under tests/tui/__snapshots__/ before committing them (their text:
`tests.tui.pilotkit.svg_text`).
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.pilotkit import SIRET_A, home_loaded, make_app, seed, wait_until

SIZES = [(80, 24), (120, 40)]
LANGS = ["fr", "en"]


@pytest.fixture
def home(tmp_path, monkeypatch):
    path = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(path))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    seed(path, drafts=True, files=True)
    return path


@pytest.fixture
def fail_keyring():
    import keyring.core
    from keyring.backends import fail

    before = keyring.core._keyring_backend
    keyring.core.set_keyring(fail.Keyring())
    yield
    keyring.core._keyring_backend = before


async def _still(pilot) -> None:  # type: ignore[no-untyped-def]
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause(0.2)


async def _settled(pilot, scroller) -> None:  # type: ignore[no-untyped-def]
    """Wait until `scroller` has stopped moving: the same offset over several refreshes."""
    seen: list[float] = []

    def still() -> bool:
        seen.append(scroller.scroll_y)
        return len(seen) >= 5 and len(set(seen[-5:])) == 1

    await wait_until(pilot, still, what="the scrolling done")


def _inside(widget, container) -> bool:  # type: ignore[no-untyped-def]
    """`widget` is drawn in full inside `container`'s visible part."""
    region = widget.region
    return region.area > 0 and container.region.contains_region(region)


# A DPAE ready to send (our own copy: the snapshot must not move with other tests' data).
DPAE = {
    "etablissement.siret": SIRET_A, "etablissement.raison_sociale": "BOULANGERIE MARTIN",
    "etablissement.ape": "1071C", "etablissement.ape_entreprise": "1071C", "etablissement.idcc": "0843",
    "etablissement.voie": "12 RUE DE LA PAIX", "etablissement.code_postal": "75002", "etablissement.localite": "PARIS",
    "etablissement.contact_nom": "MARTIN PAUL", "etablissement.contact_email": "paul@example.fr",
    "etablissement.contact_telephone": "0102030405", "etablissement.urssaf_code": "117", "etablissement.sst": "25",
    "nombre_embauches": "1", "embauches.0.individu.nom": "DURAND", "embauches.0.individu.prenoms": "LISE",
    "embauches.0.individu.sexe": "02", "embauches.0.individu.naissance_date": "1985-03-12",
    "embauches.0.individu.nir": "2850375123456", "embauches.0.individu.naissance_pays": "FR",
    "embauches.0.individu.naissance_lieu": "PARIS", "embauches.0.individu.naissance_departement": "75",
    "embauches.0.individu.codification_ue": "01", "embauches.0.contrat.nature": "01",
    "embauches.0.contrat.debut": "2026-03-16", "embauches.0.contrat.heure_embauche": "09:00",
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_home(snap_compare, home, lang, size) -> None:
    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await home_loaded(pilot)
        await _still(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_check(snap_compare, home, lang, size, monkeypatch) -> None:
    monkeypatch.chdir(__file__.rsplit("/tests/", 1)[0])  # the report names the path as typed

    async def checked(pilot) -> None:  # type: ignore[no-untyped-def]
        await home_loaded(pilot)
        await pilot.press("f3")
        await wait_until(pilot, lambda: hasattr(pilot.app.screen, "result_ok"))
        screen = pilot.app.screen
        screen.query_one("#job-path", Input).value = "tests/samples/mensuelle-normale.dsn"
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.result_ok is not None, timeout=60)
        await _still(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=size, run_before=checked)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_credentials(snap_compare, home, fail_keyring, lang, size) -> None:
    async def opened(pilot) -> None:  # type: ignore[no-untyped-def]
        await home_loaded(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: getattr(pilot.app.screen, "state", None) is not None)
        await _still(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=size, run_before=opened)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_wizard_with_an_answer_in_error(snap_compare, home, lang, size) -> None:
    """The DPAE's address step, the postcode typed wrong: F8 lists it in the summary, Enter on
    the summary's line goes to the field, whose message is under it."""
    async def wrong(pilot) -> None:  # type: ignore[no-untyped-def]
        from tui.journey import open_wizard

        app = pilot.app
        await home_loaded(pilot)
        wizard = open_wizard(app, "dpae", etab_id=app.etab_id)
        await wait_until(pilot, lambda: app.screen is wizard and bool(wizard.fields), what="the wizard")
        await wizard.go_to_key("etablissement.code_postal")
        await wait_until(pilot, lambda: wizard.field_of("etablissement.code_postal") is not None, what="step 2")
        for key, typed in (("etablissement.voie", "12 rue de la Paix"), ("etablissement.code_postal", "7500"),
                           ("etablissement.localite", "Paris")):
            wizard.field_of(key).input.value = typed
        await wait_until(pilot, lambda: wizard.session.answers.get("etablissement.localite") == "PARIS",
                         what="the answers checked and saved")
        await pilot.press("f8")
        summary = wizard.query_one("#wizard-summary")
        await wait_until(pilot, lambda: summary.display and app.focused is summary, what="the summary")
        await pilot.press("enter")  # its only line: to the postcode
        field = wizard.field_of("etablissement.code_postal")
        field.input.focus(scroll_visible=False)  # explicitly, whatever the jump did
        fields = wizard.query_one("#wizard-fields")
        await wait_until(pilot, lambda: app.focused is field.input and "7500" in str(field.error.render())
                         and _inside(field.label, fields) and _inside(field.error, fields), what="the field in error")
        await _settled(pilot, fields)
        await _still(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=size, run_before=wrong)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_review(snap_compare, home, lang, size) -> None:
    """A DPAE answered in full: F8 on its last step opens the review (verdict, findings, answers)."""
    async def reviewed(pilot) -> None:  # type: ignore[no-untyped-def]
        from tui.journey import open_wizard
        from tui.screens.review import ReviewScreen

        app = pilot.app
        await home_loaded(pilot)
        draft = app.store.create_draft(app.etab_id, "dpae", "2026-03", DPAE)
        wizard = open_wizard(app, "dpae", draft_id=draft, etab_id=app.etab_id)
        await wait_until(pilot, lambda: app.screen is wizard and bool(wizard.fields), what="the wizard")
        await wizard.go_to_key("embauches.0.contrat.debut")  # the last step
        await wait_until(pilot, lambda: wizard.field_of("embauches.0.contrat.debut") is not None, what="last step")
        await pilot.press("f8")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), what="the review")
        review = app.screen
        verdict = review.query_one("#review-verdict")
        await wait_until(pilot, lambda: review.built is not None and str(verdict.render()).strip() != "",
                         what="the verdict")
        findings = review.query_one("#review-findings")
        findings.focus()
        await wait_until(pilot, lambda: app.focused is findings, what="the findings focused")
        await _still(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=size, run_before=reviewed)
