"""Which employee? Asked before an arrêt, a reprise or a FCTU when Comptoir already knows the
establishment's people (storage.world): picking one fills the identity and the contract of the
new draft (forms.history.known); the last line lets the user type someone new. Enter picks,
Escape goes back to the home without creating anything.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from forms.history.known import KnownEmployee
from forms.i18n import N_, _
from tui.commands import translate_bindings

SOMEONE_ELSE = "someone-else"


class EmployeeScreen(Screen["KnownEmployee | str | None"]):
    """Dismissed with the employee picked, SOMEONE_ELSE, or None (Escape)."""

    BINDINGS = [Binding("escape", "back", N_("Back"), id="back")]

    def __init__(self, known: list[KnownEmployee], title: str) -> None:
        super().__init__(id="employees")
        self.known = known
        self.title_text = title
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="employees-body", can_focus=False):
            yield Static(self.title_text, classes="title")
            yield Static(_("Choose the employee with the arrow keys, then press Enter: their identity and contract "
                           "are filled in from what was already declared; you can still change them."),
                         id="employees-intro")
            options = [Option(k.label(), id=f"known-{i}") for i, k in enumerate(self.known)]
            options.append(Option(_("Someone else: type their identity and contract"), id=SOMEONE_ELSE))
            box = OptionList(*options, id="employees-list", classes="choices")
            box.border_title = _("Which employee?")
            yield box
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Which employee?")
        box = self.query_one("#employees-list", OptionList)
        box.highlighted = 0
        box.focus()

    @on(OptionList.OptionSelected, "#employees-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id or ""
        if ident == SOMEONE_ELSE:
            self.dismiss(SOMEONE_ELSE)
            return
        self.dismiss(self.known[int(ident.removeprefix("known-"))])

    def action_back(self) -> None:
        self.dismiss(None)
