"""The Textual app. This first version is the home screen shell; the wizard comes with the
declarations (see docs/architecture.md)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from forms.i18n import _


class ComptoirApp(App[None]):
    CSS_PATH = "comptoir.tcss"
    TITLE = "Comptoir"
    BINDINGS = [Binding("q", "quit", "Quit", priority=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _("Welcome to Comptoir.") + "\n\n" + _("To check a DSN file without sending it, run: comptoir validate FILE"),
            id="welcome",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Social declarations, checked before you send them")


def run_app() -> None:
    ComptoirApp().run()
