"""Accessibility of the screens of the app shell (issue 7, TUI part):

- every focusable widget shows a visible label (a border title, or a button's own text);
- the focus order (Tab) follows the reading order (top to bottom, left to right);
- the high-contrast theme's colour pairs reach a WCAG contrast ratio of at least 4.5:1,
  computed from the theme's own colours;
- nothing is said by colour alone: the due statuses and the settings' choices are words.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.color import Color
from textual.widgets import Button, OptionList

from tests.tui.pilotkit import SIRET_A, SIRET_B, home_loaded, make_app, screen_text, seed, wait_until

SCREENS = ["home", "check", "import", "credentials", "settings", "kinds", "etabs", "setup"]
KEYS = {"check": "f3", "import": "f4", "credentials": "f5", "settings": "f9", "kinds": "f2", "etabs": "f6"}


@pytest.fixture
def home(tmp_path, monkeypatch):
    path = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(path))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    seed(path, (SIRET_A, SIRET_B), drafts=True, files=True)
    import keyring.core
    from keyring.backends import fail

    before = keyring.core._keyring_backend
    keyring.core.set_keyring(fail.Keyring())
    yield path
    keyring.core._keyring_backend = before


async def open_screen(pilot, name: str):  # type: ignore[no-untyped-def]
    app = pilot.app
    await home_loaded(pilot)
    if name == "setup":
        app.action_add_etab()
    elif name == "codes":  # the wizard on a code field, its list of matching codes open
        from tui.journey import open_wizard

        wizard = open_wizard(app, "arret", etab_id=app.etab_id)
        await wait_until(pilot, lambda: bool(wizard.fields), what=name)
        await wizard.go_to_key("arret.motif")
        field = wizard.field_of("arret.motif")
        await wait_until(pilot, lambda: app.focused is field.input, what=name)
        await pilot.press("m", "a", "l")
        await wait_until(pilot, lambda: field.choices.display, what="the list of codes")
        await pilot.pause(0.3)
        return app.screen
    elif name in ("wizard", "review"):
        from tui.journey import open_wizard

        wizard = open_wizard(app, "arret", etab_id=app.etab_id)
        await wait_until(pilot, lambda: len(app.screen_stack) == 2, what=name)
        await pilot.pause(0.2)
        if name == "review":
            from tui.screens.review import ReviewScreen

            app.push_screen(ReviewScreen(wizard))
            await wait_until(pilot, lambda: len(app.screen_stack) == 3, what=name)
        await pilot.pause(0.3)
        return app.screen
    elif name != "home":
        await pilot.press(KEYS[name])
    if name != "home":
        await wait_until(pilot, lambda: len(app.screen_stack) == 2, what=name)
    await pilot.pause(0.3)
    return app.screen


def visible_label(widget) -> str:  # type: ignore[no-untyped-def]
    if isinstance(widget, Button):
        return str(widget.label).strip()
    if widget.border_title and widget.styles.border_top[0] not in ("", "none", "hidden"):
        return str(widget.border_title).strip()
    return ""


@pytest.mark.parametrize("name", [*SCREENS, "wizard", "codes", "review"])
def test_every_focusable_widget_has_a_visible_label_and_tab_follows_reading_order(home, name) -> None:
    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(140, 90)) as pilot:
            screen = await open_screen(pilot, name)
            chain = [w for w in screen.focus_chain if w.display]
            assert chain, f"{name}: nothing to focus"
            for widget in chain:
                assert visible_label(widget), f"{name}: {widget!r} has no visible label"
                assert visible_label(widget) in screen_text(app) or isinstance(widget, Button)
            # Lists shown but never focused (a code field's matches) are labelled too.
            for widget in screen.query(OptionList):
                if widget.display and widget.region.area > 0:
                    assert visible_label(widget) and visible_label(widget) in screen_text(app), f"{name}: {widget!r}"
            positions = [(w.region.y, w.region.x) for w in chain]
            assert all(w.region.area > 0 for w in chain), f"{name}: a focusable widget is off screen"
            assert positions == sorted(positions), f"{name}: focus order {[w.id for w in chain]} is not the reading order"
            # Tab really walks that chain, from the first widget.
            chain[0].focus()
            await pilot.pause()
            walked = [app.focused]
            for _ in range(len(chain) - 1):
                await pilot.press("tab")
                walked.append(app.focused)
            assert walked == chain

    asyncio.run(journey())


@pytest.mark.parametrize("name", [*[s for s in SCREENS if s != "home"], "wizard"])
def test_escape_goes_back_one_level(home, name) -> None:
    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await open_screen(pilot, name)
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1, what="back on the home")

    asyncio.run(journey())


def _luminance(color: Color) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast_ratio(fg: Color, bg: Color) -> float:
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_contrast_ratio_formula_matches_wcag_examples() -> None:
    assert round(contrast_ratio(Color.parse("#FFFFFF"), Color.parse("#000000")), 1) == 21.0
    assert round(contrast_ratio(Color.parse("#777777"), Color.parse("#FFFFFF")), 2) == 4.48


def test_high_contrast_theme_pairs_reach_4_5_to_1() -> None:
    from tui.themes import CONTRAST, CONTRAST_PAIRS

    colours = CONTRAST.to_color_system().generate()
    background = Color.parse(colours["background"])
    failures = []
    for fg_name, bg_name in CONTRAST_PAIRS:
        bg = Color.parse(colours[bg_name])
        bg = background.blend(bg, bg.a) if bg.a < 1 else bg
        fg = Color.parse(colours[fg_name])
        fg = bg.blend(fg, fg.a) if fg.a < 1 else fg
        ratio = contrast_ratio(fg, bg)
        if ratio < 4.5:
            failures.append(f"{fg_name} on {bg_name}: {ratio:.2f}")
    assert not failures, failures


def test_statuses_and_choices_are_words_not_colours(home) -> None:
    async def journey() -> None:
        app = make_app(lang="en", theme="comptoir-contrast")
        async with app.run_test(size=(120, 50)) as pilot:
            await home_loaded(pilot)
            text = screen_text(app)
            assert "LATE: was due on" in text and "open: due on" in text and "not open yet" in text
            await pilot.press("f9")
            await wait_until(pilot, lambda: len(app.screen_stack) == 2)
            await pilot.pause(0.2)
            text = screen_text(app)
            assert "✓ High contrast (chosen)" in text and "✓ English (chosen)" in text

    asyncio.run(journey())


def test_a_code_list_is_used_with_the_keyboard_alone_and_marks_its_choice_in_words(home) -> None:
    """The list of codes under a code field: labelled, the focus stays in the field (typing goes
    on filtering), the highlighted line starts with ▶, Enter picks, Escape closes it first and
    goes back only then."""
    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await home_loaded(pilot)
            wizard = await open_screen(pilot, "codes")
            field = wizard.field_of("arret.motif")
            text = screen_text(app)
            assert "Matching codes — ↓ ↑ choose, Enter picks, Escape closes" in text
            assert app.focused is field.input and not field.choices.can_focus
            assert "▶" not in text  # nothing chosen yet
            await pilot.press("down")
            await pilot.pause()
            marked = [line for line in screen_text(app).splitlines() if "▶" in line]
            assert len(marked) == 1 and "01 — " in marked[0]
            await pilot.press("escape")
            await pilot.pause()
            assert not field.choices.display and len(app.screen_stack) == 2
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1, what="back on the home")

    asyncio.run(journey())
