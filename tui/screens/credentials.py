"""The net-entreprises identifiers of the current establishment, kept in the system keyring.

Set (last name, first name, password — a password input, never shown), see (names and
"password stored: yes/no", never the password), delete (F8 twice). Every keyring call runs
in a thread worker (keyring is imported there only, storage/credentials.py); a missing
keyring (`KeyringUnavailable`) is shown as its plain message. Escape goes back.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Static

from forms.i18n import N_, _, set_language
from tui.commands import translate_bindings


class CredentialsState(Message):
    """What the keyring holds for the SIRET (never the password), or why it cannot say."""

    def __init__(self, stored: bool, nom: str = "", prenom: str = "", has_password: bool = False,
                 error: str = "", done: str = "") -> None:
        super().__init__()
        self.stored = stored
        self.nom = nom
        self.prenom = prenom
        self.has_password = has_password
        self.error = error
        self.done = done


def state_words(stored: bool, nom: str, prenom: str, has_password: bool) -> str:
    if not stored:
        return _("No identifiers stored for this establishment.") + "\n" + _("Password stored: no")
    yes_no = _("yes") if has_password else _("no")
    return "\n".join((
        _("Last name: {nom}").format(nom=nom or "-"),
        _("First name: {prenom}").format(prenom=prenom or "-"),
        _("Password stored: {yes_no}").format(yes_no=yes_no),
    ))


class CredentialsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="back"),
        Binding("f2", "save", N_("Save"), id="save-credentials", key_display="F2"),
        Binding("f8", "delete", N_("Delete"), id="delete-credentials", key_display="F8"),
    ]

    def __init__(self, etab_id: int) -> None:
        super().__init__(id="credentials")
        self.etab_id = etab_id
        self.armed_delete = False
        self.state: CredentialsState | None = None
        translate_bindings(self)

    def _etab(self) -> Any:
        return dict(getattr(self.app, "etabs", [])).get(self.etab_id)

    @property
    def siret(self) -> str:
        etab = self._etab()
        return etab.siret if etab is not None else ""

    def compose(self) -> ComposeResult:
        etab = self._etab()
        name = f"{etab.raison_sociale} — SIRET {etab.siret}" if etab is not None else "?"
        yield Header()
        with VerticalScroll(id="cred-body", can_focus=False):
            yield Static(_("net-entreprises identifiers of: {name}").format(name=name), id="cred-etab", classes="title")
            yield Static(_("Kept in the system keyring only, never in a file. The password is never shown."),
                         id="cred-intro")
            state = Static(_("Looking in the system keyring…"), id="cred-state")
            state.border_title = _("Stored now")
            yield state
            for wid, label, password in (
                ("cred-nom", _("Last name"), False),
                ("cred-prenom", _("First name"), False),
                ("cred-password", _("Password"), True),
            ):
                box = Input(id=wid, password=password)
                box.border_title = label
                yield box
            yield Static("", id="cred-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save (F2)"), id="cred-save", variant="primary")
                yield Button(_("Delete (F8)"), id="cred-delete")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("net-entreprises identifiers")
        self.query_one("#cred-nom", Input).focus()
        self._work("load", self.siret, "", "", "", self.app.lang)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ worker
    @work(thread=True, exclusive=True, group="keyring", exit_on_error=False)
    def _work(self, what: str, siret: str, nom: str, prenom: str, password: str, lang: str) -> None:
        set_language(lang)
        from storage import credentials
        from storage.errors import StorageError

        done = ""
        try:
            if what == "save":
                credentials.set_credentials(siret, nom, prenom, password)
                done = _("Identifiers stored in the system keyring.")
            elif what == "delete":
                done = (_("Identifiers deleted.") if credentials.delete_credentials(siret)
                        else _("No identifiers stored for this establishment."))
            creds = credentials.get_credentials(siret)
        except StorageError as err:
            self.post_message(CredentialsState(False, error=err.message))
            return
        finally:
            password = ""
        if creds is None:
            self.post_message(CredentialsState(False, done=done))
        else:
            self.post_message(CredentialsState(True, creds.nom, creds.prenom, creds.has_password, done=done))

    def on_credentials_state(self, message: CredentialsState) -> None:
        self.state = message
        note = self.query_one("#cred-message", Static)
        state = self.query_one("#cred-state", Static)
        if message.error:
            state.update(_("Unknown: the keyring cannot be reached."))
            note.update(_("Error:") + " " + message.error)
            return
        state.update(state_words(message.stored, message.nom, message.prenom, message.has_password))
        note.update(message.done)
        if message.stored:
            nom, prenom = self.query_one("#cred-nom", Input), self.query_one("#cred-prenom", Input)
            if not nom.value:
                nom.value = message.nom
            if not prenom.value:
                prenom.value = message.prenom

    # ------------------------------------------------------------------ actions
    @on(Button.Pressed, "#cred-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cred-delete")
    def _delete_pressed(self) -> None:
        self.action_delete()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        order = ["cred-nom", "cred-prenom", "cred-password"]
        wid = event.input.id or ""
        if wid in order[:-1]:
            self.query_one("#" + order[order.index(wid) + 1], Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        nom = self.query_one("#cred-nom", Input).value.strip()
        prenom = self.query_one("#cred-prenom", Input).value.strip()
        box = self.query_one("#cred-password", Input)
        password = box.value
        note = self.query_one("#cred-message", Static)
        if not nom or not prenom or not password:
            note.update(_("Error:") + " " + _("Last name, first name and password are all needed."))
            return
        box.value = ""
        note.update(_("Saving…"))
        self._work("save", self.siret, nom, prenom, password, self.app.lang)  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        note = self.query_one("#cred-message", Static)
        if not self.armed_delete:
            self.armed_delete = True
            note.update(_("Press F8 again to delete the identifiers of this establishment."))
            return
        self.armed_delete = False
        self._work("delete", self.siret, "", "", "", self.app.lang)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss(None)
