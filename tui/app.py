"""The Textual app: the home screen first, the storage opened right after in a worker.

Start-up (docs: /work/shared/notes/engineering-notes.md): the home is painted before anything
heavy is imported; the store (SQLModel, migrations) is opened in a thread worker after the
first refresh, and the home fills itself when `StoreReady` arrives. keyring is imported only
by the credentials screen's worker.

Keys: F2 new declaration, F3 check a file, F4 import a DSN, F5 credentials, F6 switch
establishment, F7 a produced file's status, F9 settings, F1 the keys of the screen, ctrl+p
every action (command palette), ctrl+q quit — a binding without an id, so no keymap can take
it away. Escape goes back one level on every screen but the home.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from forms.i18n import N_, _, get_language, set_language
from tui.commands import comptoir_commands, translate_bindings
from tui.settings import load_settings
from tui.themes import DEFAULT, THEMES

READY_STAMP_ENV = "COMPTOIR_READY_STAMP"  # a file: the time the home was first painted is written there
EXIT_WHEN_READY_ENV = "COMPTOIR_EXIT_WHEN_READY"  # "1": quit right after the first paint (bench)
TODAY_ENV = "COMPTOIR_TODAY"  # YYYY-MM-DD: a fixed clock (tests)


class StoreReady(Message):
    """The store is open (posted by the worker that opened it)."""

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store


class StoreFailed(Message):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class ComptoirApp(App[None]):
    CSS_PATH = str(Path(__file__).with_name("comptoir.tcss"))  # absolute: subclasses live anywhere
    TITLE = "Comptoir"
    COMMANDS = App.COMMANDS | {comptoir_commands}  # a callable: textual.command loads with the palette
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        # No id: a user keymap cannot remove or move it.
        Binding("ctrl+q", "quit", N_("Quit"), priority=True, show=True),
        Binding("f10", "quit", N_("Quit"), id="quit", show=False, key_display="F10"),
        Binding("f1", "keys", N_("Keys"), id="keys", show=False, key_display="F1"),
        Binding("f9", "settings", N_("Settings"), id="settings", show=False, key_display="F9"),
    ]

    def __init__(
        self,
        *,
        lang: str | None = None,
        today: date | None = None,
        settings: dict[str, Any] | None = None,
        database_url: str | None = None,
        open_storage: bool = True,
    ) -> None:
        self.settings = dict(settings) if settings is not None else load_settings()
        chosen = lang or self.settings.get("lang") or os.environ.get("COMPTOIR_LANG") or get_language()
        self.lang = set_language(chosen)
        super().__init__()
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self.settings.get("theme") or DEFAULT
        if not self.settings.get("animations", True):
            self.animation_level = "none"
        fixed = os.environ.get(TODAY_ENV)
        self._today = today or (date.fromisoformat(fixed) if fixed else None)
        self.database_url = database_url
        self.open_storage_at_start = open_storage
        self.store: Any = None
        self.store_error: str | None = None
        self.etab_id: int | None = None
        # What the home loaded last, for the command palette.
        self.etabs: list[tuple[int, Any]] = []
        self.drafts: list[Any] = []
        self.kinds: list[str] = []
        self._painted = False
        self._store_started = False
        translate_bindings(self)

    # ------------------------------------------------------------------ start-up
    @property
    def today(self) -> date:
        return self._today or date.today()

    def get_default_screen(self) -> Screen:
        from tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.sub_title = _("Social declarations, checked before you send them")
        if self.open_storage_at_start:
            # Opened once the home is painted (home_painted); the timer only covers a home
            # that never reports its paint.
            self.set_timer(2.0, self._open_store)

    def _open_store(self) -> None:
        if self._store_started:
            return
        self._store_started = True
        self.run_worker(self._open_store_work, thread=True, name="open-store", group="store", exit_on_error=False)

    def _open_store_work(self) -> None:
        set_language(self.lang)
        from storage.errors import StorageError

        try:
            from storage import open_store

            store = open_store(self.database_url)
        except StorageError as err:
            self.post_message(StoreFailed(err.message))
            return
        self.post_message(StoreReady(store))

    def on_store_ready(self, message: StoreReady) -> None:
        self.store = message.store
        self._home().store_ready()

    def on_store_failed(self, message: StoreFailed) -> None:
        self.store_error = message.message
        self._home().store_failed(message.message)

    def home_painted(self) -> None:
        """Called by the home after its first refresh: the app is interactive."""
        if self._painted:
            return
        self._painted = True
        if self.open_storage_at_start:
            self.call_after_refresh(self._open_store)
        stamp = os.environ.get(READY_STAMP_ENV)
        if stamp:
            with open(stamp, "w", encoding="utf-8") as out:
                out.write(repr(time.time()))
        if os.environ.get(EXIT_WHEN_READY_ENV) == "1":
            self.exit()

    def _home(self) -> Any:
        from tui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                return screen
        return self.screen_stack[0]

    async def action_quit(self) -> None:
        if self.store is not None:
            try:
                self.store.close()
            except Exception:  # noqa: BLE001 - quitting must not fail
                pass
        self.exit()

    # ------------------------------------------------------------------ actions
    def _needs_store(self) -> bool:
        if self.store is None:
            self.notify(self.store_error or _("The database is still opening; try again in a moment."), severity="warning")
            return False
        return True

    def action_new(self) -> None:
        if not self._needs_store():
            return
        if self.etab_id is None:
            self.notify(_("Set up an establishment first."), severity="warning")
            return
        from tui.screens.home import KindScreen

        def chosen(kind: str | None) -> None:
            if kind:
                self.open_declaration(kind)

        self.push_screen(KindScreen(self.kinds), chosen)

    def open_declaration(self, kind: str, draft_id: int | None = None) -> None:
        try:
            from tui.journey import open_wizard
        except ModuleNotFoundError as exc:
            if exc.name != "tui.journey":
                raise
            self.notify(_("The declaration wizard is not available in this version yet."), severity="warning", timeout=8)
            return

        open_wizard(self, kind, draft_id=draft_id, etab_id=self.etab_id)

    def action_resume(self, draft_id: int) -> None:
        for draft in self.drafts:
            if draft.id == draft_id:
                self.open_declaration(draft.kind, draft_id=draft.id)
                return

    def action_check(self) -> None:
        from tui.screens.check import CheckScreen

        self.push_screen(CheckScreen())

    def action_import(self) -> None:
        if not self._needs_store():
            return
        from tui.screens.importer import ImportScreen

        self.push_screen(ImportScreen(), lambda _result: self.reload_home())

    def action_credentials(self) -> None:
        if not self._needs_store():
            return
        if self.etab_id is None:
            self.notify(_("Set up an establishment first."), severity="warning")
            return
        from tui.screens.credentials import CredentialsScreen

        self.push_screen(CredentialsScreen(self.etab_id))

    def action_switch(self) -> None:
        if not self._needs_store():
            return
        from tui.screens.home import EtabScreen

        def chosen(etab_id: int | None) -> None:
            if etab_id == -1:
                self.action_add_etab()
            elif etab_id is not None:
                self.switch_etab(etab_id)

        self.push_screen(EtabScreen(self.etabs, self.etab_id), chosen)

    def action_file_status(self) -> None:
        if self._needs_store():
            self._home().choose_file_status()

    def switch_etab(self, etab_id: int) -> None:
        self.etab_id = etab_id
        self.reload_home()

    def action_add_etab(self) -> None:
        if not self._needs_store():
            return
        from tui.screens.setup import SetupScreen

        def done(etab_id: int | None) -> None:
            if etab_id is not None:
                self.etab_id = etab_id
            self.reload_home()

        self.push_screen(SetupScreen(first=False), done)

    def action_settings(self) -> None:
        from tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def reload_home(self) -> None:
        self._home().reload()

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Theme and animations at once; the language from the next start."""
        self.settings = dict(settings)
        self.theme = settings.get("theme") or DEFAULT
        self.animation_level = "full" if settings.get("animations", True) else "none"

    # ------------------------------------------------------------------ palette
    def palette_commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        from forms.kinds import TITLES

        out: list[tuple[str, str, Callable[[], Any]]] = []
        for kind in self.kinds:
            out.append((
                _("New declaration: {title}").format(title=_(TITLES[kind])),
                _("Start filling a new declaration of this kind."),
                lambda kind=kind: self.open_declaration(kind),
            ))
        for draft in self.drafts:
            title = _(TITLES[draft.kind]) if draft.kind in TITLES else draft.kind
            out.append((
                _("Resume draft no. {id}: {title} {period}").format(id=draft.id, title=title, period=draft.period).strip(),
                _("Go back to this draft where you left it."),
                lambda draft_id=draft.id: self.action_resume(draft_id),
            ))
        out.append((_("Check a file without sending it"), _("Run every control on a DSN file and read the report."), self.action_check))
        out.append((_("Import a DSN file"), _("Take the establishment, employees and contracts of an existing DSN."), self.action_import))
        out.append((_("net-entreprises identifiers"), _("Store, see or delete the identifiers of this establishment."), self.action_credentials))
        out.append((_("Change a produced file's status"), _("For the file selected in the list of produced files: draft, checked, exported or filed."), self.action_file_status))
        for etab_id, etab in self.etabs:
            out.append((
                _("Switch establishment: {name}").format(name=f"{etab.raison_sociale} {etab.siret}".strip()),
                _("Work on this establishment."),
                lambda etab_id=etab_id: self.switch_etab(etab_id),
            ))
        out.append((_("Add an establishment"), _("Set up another establishment."), self.action_add_etab))
        out.append((_("Settings"), _("Language, high-contrast theme, animations."), self.action_settings))
        out.append((_("Show the keys of this screen"), _("The keys and what they do."), self.action_keys))
        out.append((_("Quit Comptoir"), _("Everything is already saved."), self.exit))
        return out
