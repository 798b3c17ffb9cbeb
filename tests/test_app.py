"""The app shell: French by default, English by --lang or the setting, the home painted before
the storage is opened (SQLModel and keyring not loaded for the first paint), a quit key that
no keymap can remove, and the ready stamp the start-up bench reads."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path, monkeypatch):
    path = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(path))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    monkeypatch.delenv("COMPTOIR_LANG", raising=False)
    return path


def test_home_screen_opens_in_french_and_quits_with_ctrl_q(home) -> None:
    from tui.app import ComptoirApp

    async def journey() -> None:
        app = ComptoirApp(open_storage=False)
        async with app.run_test() as pilot:
            assert app.lang == "fr"
            assert "Que voulez-vous faire ?" in str(app.screen.query_one("#actions").border_title)
            assert "Ouverture de la base de données" in str(app.screen.query_one("#home-status").render())
            await pilot.press("ctrl+q")
        assert app.return_code == 0

    asyncio.run(journey())


def test_the_quit_key_cannot_be_remapped_away(home) -> None:
    from tui.app import ComptoirApp

    async def journey() -> None:
        app = ComptoirApp(open_storage=False)
        async with app.run_test() as pilot:
            app.set_keymap({"quit": "f12", "keys": "f11"})  # every binding with an id can move…
            await pilot.pause()
            await pilot.press("ctrl+q")  # …but not ctrl+q, which has none
        assert app.return_code == 0

    asyncio.run(journey())


def test_english_by_option_or_by_setting(home) -> None:
    from tui.app import ComptoirApp
    from tui.settings import save_settings

    async def journey(app: ComptoirApp) -> str:
        async with app.run_test():
            return str(app.screen.query_one("#actions").border_title)

    assert asyncio.run(journey(ComptoirApp(lang="en", open_storage=False))) == "What do you want to do?"
    save_settings({"lang": "en"})
    assert asyncio.run(journey(ComptoirApp(open_storage=False))) == "What do you want to do?"
    assert asyncio.run(journey(ComptoirApp(lang="fr", open_storage=False))) == "Que voulez-vous faire ?"


def test_settings_file_keeps_other_keys_and_survives_damage(home) -> None:
    from tui.settings import load_settings, save_settings, settings_path

    assert load_settings() == {"plain": False, "theme": "comptoir", "animations": True, "lang": None}
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"plain": True, "someone_elses": 3}))
    saved = save_settings({"theme": "comptoir-contrast"})
    assert saved["plain"] is True and saved["theme"] == "comptoir-contrast"
    assert json.loads(settings_path().read_text())["someone_elses"] == 3
    settings_path().write_text("{not json")
    assert load_settings()["theme"] == "comptoir"


PAINT_PROBE = """
import asyncio, sys
from tui.app import ComptoirApp
seen = {}
class Probe(ComptoirApp):
    def home_painted(self):
        seen.update({m: m in sys.modules for m in ("sqlmodel", "sqlalchemy", "keyring")})
        seen["store"] = self.store is not None
        super().home_painted()
async def main():
    app = Probe()
    async with app.run_test() as pilot:
        for _ in range(500):
            await pilot.pause(0.01)
            if app.store is not None:
                break
        seen["store_later"] = app.store is not None
        seen["keyring_later"] = "keyring" in sys.modules
asyncio.run(main())
print(seen)
"""


def test_home_is_painted_before_the_storage_is_loaded(home) -> None:
    out = subprocess.run(
        [sys.executable, "-c", PAINT_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, COMPTOIR_HOME=str(home)),
    )
    assert out.returncode == 0, out.stderr[-2000:]
    seen = eval(out.stdout.strip().splitlines()[-1])  # noqa: S307 - our own probe's dict
    assert seen == {"sqlmodel": False, "sqlalchemy": False, "keyring": False, "store": False,
                    "store_later": True, "keyring_later": False}


def test_ready_stamp_and_exit_when_ready(home, tmp_path) -> None:
    stamp = tmp_path / "ready"
    from tui.app import ComptoirApp

    os.environ["COMPTOIR_READY_STAMP"] = str(stamp)
    os.environ["COMPTOIR_EXIT_WHEN_READY"] = "1"
    try:
        async def journey() -> None:
            app = ComptoirApp(open_storage=False)
            async with app.run_test() as pilot:
                for _ in range(200):
                    await pilot.pause(0.01)
                    if stamp.exists():
                        break
            assert app.return_code == 0

        asyncio.run(journey())
    finally:
        del os.environ["COMPTOIR_READY_STAMP"], os.environ["COMPTOIR_EXIT_WHEN_READY"]
    assert float(stamp.read_text()) > 0
