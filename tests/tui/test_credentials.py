"""The credentials screen: set, see (never the password), delete, per establishment — against
a real Secret Service (gnome-keyring on a private D-Bus, the storage tests' fixture), and the
plain message of KeyringUnavailable with keyring's `fail` backend."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input

from tests.storage.conftest import secret_service  # noqa: F401 - the fixture, shared
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

PASSWORD = "s3cret-Pa55word"


@pytest.fixture
def home(tmp_path, monkeypatch):
    path = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(path))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    return path


@pytest.fixture
def fail_keyring():
    import keyring.core
    from keyring.backends import fail

    # Not keyring.get_keyring(): it would detect (and cache for the process) the backends
    # now, before the Secret Service fixture has started its daemon.
    before = keyring.core._keyring_backend
    keyring.core.set_keyring(fail.Keyring())
    yield
    keyring.core._keyring_backend = before


async def open_credentials(pilot):  # type: ignore[no-untyped-def]
    from tui.screens.credentials import CredentialsScreen

    app = pilot.app
    await home_loaded(pilot)
    await pilot.press("f5")
    await wait_until(pilot, lambda: isinstance(app.screen, CredentialsScreen))
    screen = app.screen
    await wait_until(pilot, lambda: screen.state is not None, what="the keyring's answer")
    return screen


def test_keyring_unavailable_is_said_in_plain_words(home, fail_keyring) -> None:
    seed(home)

    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_credentials(pilot)
            text = screen_text(app)
            assert "Error: No secure keyring is available" in text
            assert "Unknown: the keyring cannot be reached." in text
            assert "Traceback" not in text
            # Saving fails the same way, and the password typed is not kept in the input.
            for wid, value in (("#cred-nom", "MARTIN"), ("#cred-prenom", "Paul"), ("#cred-password", PASSWORD)):
                screen.query_one(wid, Input).focus()
                await type_text(pilot, value)
            screen.state = None
            await pilot.press("f2")
            await wait_until(pilot, lambda: screen.state is not None)
            assert screen.query_one("#cred-password", Input).value == ""
            assert "No secure keyring is available" in screen_text(app)
            assert PASSWORD not in screen_text(app)

    asyncio.run(journey())


@pytest.mark.usefixtures("secret_service")
def test_credentials_are_set_seen_without_the_password_and_deleted_per_establishment(home) -> None:
    seed(home, (SIRET_A, SIRET_B))
    from storage.credentials import delete_credentials, get_credentials

    for siret in (SIRET_A, SIRET_B):
        delete_credentials(siret)

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_credentials(pilot)
            siret = screen.siret
            assert "Mot de passe enregistré : non" in screen_text(app)
            assert app.focused is screen.query_one("#cred-nom", Input)
            await type_text(pilot, "MARTIN")
            await pilot.press("enter")
            await type_text(pilot, "Paul")
            await pilot.press("enter")
            assert app.focused is screen.query_one("#cred-password", Input)
            assert screen.query_one("#cred-password", Input).password  # typed masked
            await type_text(pilot, PASSWORD)
            screen.state = None
            await pilot.press("enter")
            await wait_until(pilot, lambda: screen.state is not None and screen.state.stored, what="stored")
            text = screen_text(app)
            assert "Mot de passe enregistré : oui" in text and "Nom : MARTIN" in text and "Prénom : Paul" in text
            assert PASSWORD not in text
            assert screen.query_one("#cred-password", Input).value == ""
            stored = get_credentials(siret)
            assert stored is not None and stored.password == PASSWORD and stored.nom == "MARTIN"
            other = SIRET_B if siret == SIRET_A else SIRET_A
            assert get_credentials(other) is None  # per establishment
            # Delete: F8 asks for confirmation, F8 again deletes.
            await pilot.press("f8")
            assert "Appuyez de nouveau sur F8" in screen_text(app)
            assert get_credentials(siret) is not None
            screen.state = None
            await pilot.press("f8")
            await wait_until(pilot, lambda: screen.state is not None)
            assert not screen.state.stored and "Identifiants supprimés." in screen_text(app)
            assert get_credentials(siret) is None
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1)

    asyncio.run(journey())
