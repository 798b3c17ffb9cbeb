"""The app opens on its home screen and quits with the keyboard."""

from __future__ import annotations

import asyncio

from textual.widgets import Static

from tui.app import ComptoirApp


def test_home_screen_opens_in_french_and_quits_with_q() -> None:
    async def journey() -> None:
        app = ComptoirApp()
        async with app.run_test() as pilot:
            welcome = app.query_one("#welcome", Static)
            assert "Bienvenue dans Comptoir" in str(welcome.render())
            await pilot.press("q")
        assert app.return_code == 0

    asyncio.run(journey())
