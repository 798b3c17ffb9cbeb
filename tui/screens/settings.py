"""Settings: language, high-contrast theme, animations. Each change is saved at once
(tui/settings.py) and applied: theme and animations now, the language from the next start
(every text of the open screens was written in the previous one). Escape goes back.

Each setting is a list of choices whose current one is said in words ("✓ … (chosen)"), not
by a colour: Textual's radio buttons and checkboxes show their state by colour only.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from forms.i18n import N_, _
from tui.commands import translate_bindings
from tui.settings import save_settings
from tui.themes import DEFAULT, HIGH_CONTRAST

CHOICES: dict[str, tuple[tuple[Any, str], ...]] = {
    "lang": (("fr", "Français"), ("en", "English")),
    "theme": ((DEFAULT, N_("Standard")), (HIGH_CONTRAST, N_("High contrast"))),
    "animations": ((True, N_("Animations on")), (False, N_("Animations off"))),
}
TITLES = {
    "lang": N_("Language (from the next start)"),
    "theme": N_("Colours"),
    "animations": N_("Animations"),
}


class SettingsScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", N_("Back"), id="back")]

    def __init__(self) -> None:
        super().__init__(id="settings")
        translate_bindings(self)

    def _current(self) -> dict[str, Any]:
        current: dict[str, Any] = dict(getattr(self.app, "settings", {}))
        current["lang"] = current.get("lang") or getattr(self.app, "lang", "fr")
        current["theme"] = current.get("theme") or DEFAULT
        current["animations"] = bool(current.get("animations", True))
        return current

    def _options(self, key: str) -> list[Option]:
        chosen = self._current()[key]
        out = []
        for i, (value, label) in enumerate(CHOICES[key]):
            text = _(label) if key != "lang" else label
            prompt = f"✓ {text} " + _("(chosen)") if value == chosen else f"  {text}"
            out.append(Option(prompt, id=f"{key}-{i}"))
        return out

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings-body", can_focus=False):
            yield Static(_("Each change is saved at once. Enter chooses."), id="settings-intro")
            for key in CHOICES:
                box = OptionList(*self._options(key), id=f"set-{key}", classes="choices")
                box.border_title = _(TITLES[key])
                yield box
            yield Static("", id="settings-note")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Settings")
        current = self._current()
        for key, choices in CHOICES.items():
            values = [value for value, _label in choices]
            self.query_one(f"#set-{key}", OptionList).highlighted = values.index(current[key])
        self.query_one("#set-lang", OptionList).focus()

    @on(OptionList.OptionSelected, ".choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key, index = (event.option.id or "").rsplit("-", 1)
        value = CHOICES[key][int(index)][0]
        try:
            saved = save_settings({key: value})
        except OSError as exc:
            self.query_one("#settings-note", Static).update(
                _("Error:") + " " + _("the settings could not be saved ({reason}).").format(reason=exc.strerror or exc))
            return
        self.app.apply_settings(saved)  # type: ignore[attr-defined]
        box = event.option_list
        highlighted = box.highlighted
        box.clear_options()
        box.add_options(self._options(key))
        box.highlighted = highlighted
        self.query_one("#settings-note", Static).update(_("Saved."))

    def action_back(self) -> None:
        self.dismiss(None)
