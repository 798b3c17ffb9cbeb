"""SVG snapshots of the main screens (home, check, credentials) in French and in English, at
80×24 and 120×40, animations and cursor blink off, a fixed clock and fixed data.

Update after an intended change: `pytest tests/tui/test_snapshots.py --snapshot-update`, then
look at the SVG files under tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.pilotkit import home_loaded, make_app, seed, wait_until

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
