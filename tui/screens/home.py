"""The home: the establishment, what is due next, drafts in progress, produced files.

Painted at once with "opening the database…"; filled when the app's store is ready, by a
thread worker that reads the store and computes the due dates (`forms.deadlines`) and posts
`HomeLoaded`. The produced-files search runs in its own worker on each change of its inputs.
With no establishment yet, the guided set-up opens (tui/screens/setup.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from forms.i18n import N_, _, set_language
from tui.commands import translate_bindings

FILE_STATUS_LABELS = {"brouillon": N_("draft"), "controle": N_("checked"), "exporte": N_("exported"), "depose": N_("filed")}
SEARCH_INPUTS = ("f-nature", "f-who", "f-month")
NATURE_WORDS = {"dpae": "DPAE", "mensuelle": "01", "arret": "04", "reprise": "05", "fctu": "07"}


# ----------------------------------------------------------------------------- data (no widgets)
@dataclass
class DueItem:
    title: str       # "Monthly DSN, March 2026"
    status: str      # the status in words, with its date
    late: bool = False
    sort: date = date.max


@dataclass
class HomeData:
    etabs: list[tuple[int, Any]] = field(default_factory=list)
    etab_id: int | None = None
    drafts: list[Any] = field(default_factory=list)
    due: list[DueItem] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


def month_label(d: date) -> str:
    from babel.dates import format_date

    from forms.i18n import get_language

    return format_date(d, "MMMM yyyy", locale="en_GB" if get_language() == "en" else "fr_FR")


def status_words(deadline: Any, today: date) -> tuple[str, bool]:
    """The status of a deadline as a sentence (never a colour alone), and whether it is late."""
    from forms.deadlines import Status, status
    from forms.values import show_date

    st = status(deadline, today)
    due = show_date(deadline.due.isoformat())
    if st is Status.LATE:
        return _("LATE: was due on {date}").format(date=due), True
    if st is Status.DUE_TODAY:
        return _("due today ({date})").format(date=due), False
    if st is Status.NOT_OPEN:
        opens = show_date(deadline.opens.isoformat())
        return _("not open yet: from {opens}, due on {date}").format(opens=opens, date=due), False
    days = (deadline.due - today).days
    return _("open: due on {date}, in {days} days").format(date=due, days=days), False


def _first_date(answers: dict[str, str], suffix: str) -> date | None:
    from forms.values import as_date

    found = [d for k, v in answers.items() if k.endswith(suffix) and (d := as_date(v)) is not None]
    return min(found) if found else None


def draft_deadline(draft: Any, today: date, etab: Any) -> Any | None:
    """The deadline of a draft from its answers, or None when they do not give it yet."""
    from forms import deadlines

    a = draft.answers
    if draft.kind == "mensuelle":
        month = draft.period or a.get("declaration.mois", "")
        try:
            y, m = (int(x) for x in month.split("-")[:2])
        except ValueError:
            return None
        return deadlines.monthly_dsn(date(y, m, 1), large_employer=_large(etab), same_month_pay=False)
    if draft.kind == "dpae":
        hire = _first_date(a, "contrat.debut")
        return deadlines.dpae(hire) if hire else None
    if draft.kind == "arret":
        last = _first_date(a, "arret.dernier_jour")
        return deadlines.arret(last + timedelta(days=1), last_day_worked=last) if last else None
    if draft.kind == "reprise":
        created = (draft.created or "")[:10]
        try:
            return deadlines.reprise(date.fromisoformat(created))
        except ValueError:
            return deadlines.reprise(today)
    if draft.kind == "fctu":
        end = _first_date(a, "fin.date")
        return deadlines.fctu(end) if end else None
    return None


def _large(etab: Any) -> bool:
    try:
        return int(getattr(etab, "effectif", "") or 0) >= 50
    except ValueError:
        return False


def due_items(etab: Any, drafts: list[Any], monthly_files: set[str], today: date) -> list[DueItem]:
    """Last month's and this month's monthly DSN (unless a file for it exists), and each open draft."""
    from forms import deadlines
    from forms.kinds import TITLES

    items: list[DueItem] = []
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    drafted = {d.period for d in drafts if d.kind == "mensuelle"}
    for month in (last_month, this_month):
        period = month.strftime("%Y-%m")
        if period in drafted:
            continue  # said with its draft below
        title = _("Monthly DSN, {month}").format(month=month_label(month))
        if period in monthly_files:
            items.append(DueItem(title, _("done: a file was produced"), False, date.max))
            continue
        dl = deadlines.monthly_dsn(month, large_employer=_large(etab), same_month_pay=False)
        words, late = status_words(dl, today)
        items.append(DueItem(title, words, late, dl.due))
    for draft in drafts:
        kind_title = _(TITLES[draft.kind]) if draft.kind in TITLES else draft.kind
        title = _("Draft no. {id}: {title}").format(id=draft.id, title=kind_title)
        if draft.period:
            title += " — " + draft.period
        dl = draft_deadline(draft, today, etab)
        if dl is None:
            items.append(DueItem(title, _("no due date yet: the key date is not answered"), False, date.max))
            continue
        words, late = status_words(dl, today)
        items.append(DueItem(title, words, late, dl.due))
    items.sort(key=lambda i: (not i.late, i.sort))
    return items


def load_home(store: Any, etab_id: int | None, today: date) -> HomeData:
    from forms.declarations import available

    data = HomeData(kinds=available())
    data.etabs = store.list_etablissements()
    ids = [i for i, _e in data.etabs]
    data.etab_id = etab_id if etab_id in ids else (ids[0] if ids else None)
    if data.etab_id is None:
        return data
    etab = dict(data.etabs)[data.etab_id]
    data.drafts = [store.load_draft(d.id) for d in store.list_drafts(etab_id=data.etab_id, state="en_cours")]
    monthly = {f.period for f in store.search_files(nature="01", etab_id=data.etab_id)}
    data.due = due_items(etab, data.drafts, monthly, today)
    return data


def parse_filters(nature: str, who: str, month: str) -> tuple[dict[str, str | None], str]:
    """The search filters from the three inputs, and a problem to show (empty when none)."""
    from forms.values import ValueProblem, parse_month

    n = nature.strip()
    if n:
        n = NATURE_WORDS.get(n.lower(), n.upper())
        if n.isdigit():
            n = n.zfill(2)
    m: str | None = None
    problem = ""
    if month.strip():
        try:
            m = parse_month(month)
        except ValueProblem as exc:
            problem = str(exc)
    return {"nature": n or None, "who": who.strip() or None, "month": m}, problem


# ----------------------------------------------------------------------------- messages
class HomeLoaded(Message):
    def __init__(self, data: HomeData) -> None:
        super().__init__()
        self.data = data


class FilesFound(Message):
    def __init__(self, files: list[Any], problem: str) -> None:
        super().__init__()
        self.files = files
        self.problem = problem


class LoadFailed(Message):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


# ----------------------------------------------------------------------------- the screen
class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("f2", "app.new", N_("New declaration"), id="new", key_display="F2"),
        Binding("f3", "app.check", N_("Check a file"), id="check", key_display="F3"),
        Binding("f4", "app.import", N_("Import a DSN"), id="import", key_display="F4"),
        Binding("f5", "app.credentials", N_("Identifiers"), id="credentials", show=False, key_display="F5"),
        # F6 and F7 are listed in the actions and the palette: the footer keeps 5 keys.
        Binding("f6", "app.switch", N_("Establishment"), id="switch", show=False, key_display="F6"),
        Binding("f7", "app.file_status", N_("File status"), id="file-status", show=False, key_display="F7"),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")
        translate_bindings(self)
        self.setup_shown = False
        self.loaded = False
        self.lists_ready = False
        self.pending: HomeData | None = None
        self.files: dict[int, Any] = {}  # the produced files listed, by id

    def compose(self) -> ComposeResult:
        # A one-line title rather than Textual's Header: ~25 ms less before the first paint.
        yield Static("Comptoir — " + _("Social declarations, checked before you send them"), id="title-bar")
        with VerticalScroll(id="home-body", can_focus=False):
            yield Static(_("Establishment: none yet"), id="etab")
            yield Static(_("Opening the database…"), id="home-status", classes="status")
            actions = OptionList(*self._action_options(), id="actions")
            actions.border_title = _("What do you want to do?")
            yield actions
            due = Static("", id="due")
            due.border_title = _("Due next")
            yield due
            yield Vertical(id="home-lists")
        yield Footer()

    def _action_options(self) -> list[Option]:
        rows = (
            ("new", "F2", _("New declaration (choose the kind)")),
            ("resume", "", _("Resume a draft: Enter on it in the list below")),
            ("check", "F3", _("Check a file without sending it")),
            ("import", "F4", _("Import a DSN file")),
            ("credentials", "F5", _("net-entreprises identifiers")),
            ("switch", "F6", _("Switch or add an establishment")),
            ("file_status", "F7", _("Change the status of the produced file selected below")),
            ("settings", "F9", _("Settings: language, contrast, animations")),
        )
        return [Option(f"{key:<3} {text}", id=oid) for oid, key, text in rows]

    def _lists(self) -> list[Any]:
        """The drafts and produced-files part: mounted after the first paint (start-up; the
        table and input widgets are imported only then)."""
        from textual.widgets import DataTable, Input

        drafts = DataTable(id="drafts", cursor_type="row", zebra_stripes=False)
        drafts.border_title = _("Drafts in progress (Enter resumes)")
        drafts.add_columns(_("No."), _("Declaration"), _("Period"), _("Last change"), _("Due"))
        drafts.display = False
        row = []
        for wid, title, hint in (
            ("f-nature", _("Nature"), _("01, 04, 05, 07, DPAE")),
            ("f-who", _("Employee name or NIR"), _("e.g. MARTIN")),
            ("f-month", _("Month"), _("e.g. 03/2026")),
        ):
            box = Input(placeholder=hint, id=wid)
            box.border_title = title
            row.append(box)
        files = DataTable(id="files", cursor_type="row")
        files.border_title = _("Produced files")
        files.add_columns(_("No."), _("Made on"), _("Nature"), _("Period"), _("Employees"), _("Status"), _("File"))
        return [drafts, Static("", id="drafts-empty", classes="note"), Horizontal(*row, id="search"),
                Static("", id="search-note", classes="note"), files]

    def on_mount(self) -> None:
        self.query_one("#due", Static).update(_("Opening the database…"))
        self.query_one("#actions", OptionList).focus()
        self.call_after_refresh(self._painted)

    async def _painted(self) -> None:
        self.app.home_painted()  # type: ignore[attr-defined]
        await self.query_one("#home-lists", Vertical).mount_all(self._lists())
        self.lists_ready = True
        if self.pending is not None:
            self._show(self.pending)
            self.pending = None
        elif getattr(self.app, "store", None) is not None:
            self.reload()

    # ------------------------------------------------------------------ loading
    def store_ready(self) -> None:
        self.reload()

    def store_failed(self, message: str) -> None:
        self.query_one("#home-status", Static).update(_("Error: the database cannot be opened.") + " " + message)
        self.query_one("#due", Static).update("")

    def reload(self) -> None:
        if getattr(self.app, "store", None) is None:
            return
        self._load(self.app.etab_id, self.app.today, self.app.lang)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="home-load", exit_on_error=False)
    def _load(self, etab_id: int | None, today: date, lang: str) -> None:
        set_language(lang)
        from storage.errors import StorageError

        try:
            data = load_home(self.app.store, etab_id, today)  # type: ignore[attr-defined]
        except StorageError as err:
            self.post_message(LoadFailed(err.message))
            return
        self.post_message(HomeLoaded(data))

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#home-status", Static).update(_("Error:") + " " + message.message)

    def on_home_loaded(self, message: HomeLoaded) -> None:
        if not self.lists_ready:
            self.pending = message.data
            return
        self._show(message.data)

    def _show(self, data: HomeData) -> None:
        from forms.kinds import TITLES
        from forms.values import show_date

        app: Any = self.app
        app.etabs, app.drafts, app.kinds, app.etab_id = data.etabs, data.drafts, data.kinds, data.etab_id
        status = self.query_one("#home-status", Static)
        if data.etab_id is None:
            self.query_one("#etab", Static).update(_("Establishment: none yet"))
            status.update(_("No establishment yet: press F6 to set one up."))
            self.query_one("#due", Static).update(_("Nothing yet."))
            if not self.setup_shown:
                self.setup_shown = True
                from tui.screens.setup import SetupScreen

                def done(etab_id: int | None) -> None:
                    if etab_id is not None:
                        app.etab_id = etab_id
                    self.reload()

                app.push_screen(SetupScreen(first=True), done)
            return
        etab = dict(data.etabs)[data.etab_id]
        line = _("Establishment: {name} — SIRET {siret}").format(name=etab.raison_sociale or "?", siret=etab.siret)
        if len(data.etabs) > 1:
            line += "  " + _("({n} establishments: F6 to switch)").format(n=len(data.etabs))
        self.query_one("#etab", Static).update(line)
        status.update("")
        lines = []
        for item in data.due:
            mark = "!" if item.late else "•"
            lines.append(f"{mark} {item.title} — {item.status}")
        self.query_one("#due", Static).update("\n".join(lines) or _("Nothing due."))
        table: Any = self.query_one("#drafts")
        table.clear()
        due_by_title = {i.title: i.status for i in data.due}
        for draft in data.drafts:
            kind_title = _(TITLES[draft.kind]) if draft.kind in TITLES else draft.kind
            title = _("Draft no. {id}: {title}").format(id=draft.id, title=kind_title)
            if draft.period:
                title += " — " + draft.period
            table.add_row(
                str(draft.id), kind_title, draft.period or "-", show_date((draft.updated or "")[:10]),
                due_by_title.get(title, ""), key=str(draft.id),
            )
        table.display = bool(data.drafts)
        self.query_one("#drafts-empty", Static).update("" if data.drafts else _("No draft in progress."))
        self.loaded = True
        self.search()

    # ------------------------------------------------------------------ search
    def on_input_changed(self, event: Any) -> None:
        if event.input.id in SEARCH_INPUTS:
            self.search()

    def search(self) -> None:
        if getattr(self.app, "store", None) is None or not self.lists_ready:
            return
        boxes: list[Any] = [self.query_one(f"#{wid}") for wid in SEARCH_INPUTS]
        filters, problem = parse_filters(*(box.value for box in boxes))
        self._search(filters, problem, self.app.etab_id, self.app.lang)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="home-search", exit_on_error=False)
    def _search(self, filters: dict[str, str | None], problem: str, etab_id: int | None, lang: str) -> None:
        set_language(lang)
        from storage.errors import StorageError

        try:
            files = self.app.store.search_files(etab_id=etab_id, **filters)  # type: ignore[attr-defined]
        except StorageError as err:
            self.post_message(FilesFound([], err.message))
            return
        self.post_message(FilesFound(files, problem))

    def on_files_found(self, message: FilesFound) -> None:
        from forms.values import show_date

        table: Any = self.query_one("#files")
        table.clear()
        self.files = {f.id: f for f in message.files}
        for f in message.files:
            names = ", ".join(name for _nir, name in f.people)
            status = _(FILE_STATUS_LABELS.get(f.status, f.status))
            if f.test:
                status += " (" + _("test") + ")"
            table.add_row(
                str(f.id), show_date(f.created[:10]), f.nature, f.period or "-", names or "-", status, f.path,
                key=str(f.id),
            )
        n = len(message.files)
        note = _("{n} file(s) found.").format(n=n) if n else _("No produced file matches.")
        if message.problem:
            note = _("Month not used: {problem}").format(problem=message.problem) + " " + note
        self.query_one("#search-note", Static).update(note)

    # ------------------------------------------------------------------ choosing
    def on_data_table_row_selected(self, event: Any) -> None:
        key = event.row_key.value
        if key is None:
            return
        if event.data_table.id == "drafts":
            self.app.action_resume(int(key))  # type: ignore[attr-defined]
        elif event.data_table.id == "files":
            self._correct(int(key))

    def selected_file(self) -> Any | None:
        """The produced file under the list's cursor, or None when the list is empty."""
        if not self.lists_ready or not self.files:
            return None
        from textual.widgets.data_table import CellDoesNotExist

        table: Any = self.query_one("#files")
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except CellDoesNotExist:  # no row under the cursor
            return None
        return self.files.get(int(key)) if key is not None else None

    def choose_file_status(self) -> None:
        """F7: set the status of the file under the cursor (e.g. "filed" once deposited)."""
        found = self.selected_file()
        if found is None:
            self.notify(_("No produced file selected: move to one in the list of produced files first."),
                        severity="warning")
            return
        app: Any = self.app

        def chosen(status: str | None) -> None:
            if status is None or status == found.status:
                return
            from storage.errors import StorageError

            try:
                app.store.set_file_status(found.id, status)
            except StorageError as err:
                self.notify(err.message, severity="error", timeout=10)
                return
            self.notify(_("File no. {id} is now: {status}.").format(
                id=found.id, status=_(FILE_STATUS_LABELS.get(status, status))))
            self.search()

        self.app.push_screen(FileStatusScreen(found.id, found.path, found.status), chosen)

    def _correct(self, file_id: int) -> None:
        """Enter on a produced file: start its "annule et remplace" (or "annule" for a FCTU),
        prefilled from it, in the wizard."""
        from forms.history.corrections import CorrectionRefused
        from storage.history import start_correction
        from tui.journey import open_wizard

        app: Any = self.app
        try:
            draft_id = start_correction(app.store, file_id)
        except (CorrectionRefused, ValueError) as exc:
            self.notify(str(exc), severity="warning", timeout=10)
            return
        draft = app.store.load_draft(draft_id)
        self.notify(_("A correction (annule et remplace) of file {id} is ready: check and change what was wrong.").format(
            id=file_id))
        open_wizard(app, draft.kind, draft_id=draft_id, etab_id=draft.etab_id)

    @on(OptionList.OptionSelected, "#actions")
    def _action(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id
        app: Any = self.app
        if oid == "resume":
            if app.drafts:
                self.query_one("#drafts").focus()
            else:
                self.notify(_("No draft in progress."))
            return
        getattr(app, f"action_{oid}")()


# ----------------------------------------------------------------------------- choosers
class KindScreen(ModalScreen[str | None]):
    """Choose the kind of a new declaration."""

    BINDINGS = [Binding("escape", "cancel", N_("Back"), id="back")]

    def __init__(self, kinds: list[str]) -> None:
        super().__init__()
        self.kinds = kinds
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        from forms.kinds import TITLES

        options = OptionList(*[Option(_(TITLES[k]), id=k) for k in self.kinds], id="kinds")
        options.border_title = _("Which declaration?")
        yield options
        yield Static(_("Enter chooses, Escape goes back."), classes="note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#kinds", OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FileStatusScreen(ModalScreen[str | None]):
    """Choose a produced file's status; the current one is marked in words."""

    BINDINGS = [Binding("escape", "cancel", N_("Back"), id="back")]

    def __init__(self, file_id: int, path: str, current: str) -> None:
        super().__init__()
        self.file_id, self.path, self.current = file_id, path, current
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        options = [
            Option(("» " if code == self.current else "  ") + _(label)
                   + ("  " + _("(current)") if code == self.current else ""), id=code)
            for code, label in FILE_STATUS_LABELS.items()
        ]
        box = OptionList(*options, id="statuses")
        box.border_title = _("Status of file no. {id}").format(id=self.file_id)
        yield box
        yield Static(self.path, classes="note")
        yield Static(_("Enter chooses, Escape goes back."), classes="note")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#statuses", OptionList)
        box.focus()
        codes = list(FILE_STATUS_LABELS)
        if self.current in codes:
            box.highlighted = codes.index(self.current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EtabScreen(ModalScreen[int | None]):
    """Choose the establishment to work on, or add one (-1)."""

    BINDINGS = [Binding("escape", "cancel", N_("Back"), id="back")]

    def __init__(self, etabs: list[tuple[int, Any]], current: int | None) -> None:
        super().__init__()
        self.etabs = etabs
        self.current = current
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        options = [
            Option(
                ("» " if i == self.current else "  ")
                + f"{e.raison_sociale or '?'} — SIRET {e.siret}"
                + ("  " + _("(current)") if i == self.current else ""),
                id=str(i),
            )
            for i, e in self.etabs
        ]
        options.append(Option("  + " + _("Add an establishment"), id="-1"))
        box = OptionList(*options, id="etabs")
        box.border_title = _("Which establishment?")
        yield box
        yield Static(_("Enter chooses, Escape goes back."), classes="note")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#etabs", OptionList)
        box.focus()
        ids = [i for i, _e in self.etabs]
        if self.current in ids:
            box.highlighted = ids.index(self.current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or "-1"))

    def action_cancel(self) -> None:
        self.dismiss(None)
