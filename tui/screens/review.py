"""Review and export: the answers as given, the file as blocks and rubriques, the engine's
report and the checks across declarations; from any finding, back to its question; then the
file written (test or real, atomically, owner-only), recorded in the history.

Building, checking, writing and recording run in a thread worker (a monthly DSN of thousands
of employees takes seconds): the screen says it is working and stays usable; the worker posts
`Prepared` and one handler shows it. The texts shown are cut at `SHOWN_LINES` lines (the file
itself is whole; `comptoir show FILE` prints it all).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from forms.i18n import N_, _
from tui.commands import translate_bindings

NATURES = {"mensuelle": "01", "arret": "04", "reprise": "05", "fctu": "07"}
SHOWN_LINES = 2000  # beyond, a Static would take seconds to lay out


def cut(text: str, limit: int = SHOWN_LINES) -> str:
    """`text` cut at `limit` lines, saying how many were left out."""
    lines = text.split("\n", limit)
    if len(lines) <= limit:
        return text
    more = lines.pop().count("\n") + 1
    return "\n".join(lines) + "\n" + _("… and {n} more lines (comptoir show FILE prints them all).").format(n=more)


@dataclass
class Prepared:
    """What the worker made: the built declaration or the answers to correct, the texts to
    show, and for an export the file written (or why not)."""

    serial: int
    export: bool = False  # asked to write the file
    built: Any = None
    answer_errors: list[Any] = field(default_factory=list)
    answers: str = ""
    tree: str = ""
    rows: list[tuple[str, str | None]] = field(default_factory=list)  # (text, option id or None: disabled)
    exported: Path | None = None
    digest: str = ""
    export_error: str = ""


class PreparedMessage(Message):
    def __init__(self, prepared: Prepared) -> None:
        super().__init__()
        self.prepared = prepared


def answers_text(wizard: Any) -> str:
    """Every answer that applies, label: value as it will be written."""
    from forms.questions import Kind
    from forms.values import show_amount, show_date

    lines: list[str] = []
    current = None
    for slot in wizard.session.slots():
        if slot.step.id != current:
            current = slot.step.id
            lines.append("")
            lines.append(slot.step.title())
        value = wizard.session.answers.get(slot.key, "")
        shown = show_date(value) if slot.question.kind is Kind.DATE and value else (
            show_amount(value) if slot.question.kind is Kind.AMOUNT and value else value)
        lines.append(f"  {_(slot.question.label)} : {shown or '—'}")
    return "\n".join(lines).strip()


def key_for_rubrique(wizard: Any, rubrique: str) -> str | None:
    """The first question that feeds `rubrique` (findings lead back to it)."""
    for slot in wizard.session.slots():
        if rubrique in slot.question.rubriques:
            return slot.key
    return None


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("f2", "export(True)", N_("Export a test file"), id="review.test"),
        Binding("f3", "export(False)", N_("Export the real file"), id="review.real"),
        Binding("escape", "back", N_("Back to the questions"), id="review.back"),
    ]
    CSS_PATH = "../wizard.tcss"

    def __init__(self, wizard: Any) -> None:
        super().__init__(id="review")
        self.wizard = wizard
        self.built: Any = None
        self.exported: Path | None = None
        self.working = False
        self.exporting = False  # a worker is writing and recording the file
        self._serial = 0  # the latest request; an older worker's result is dropped
        self._answer_keys: list[str] = []
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Static(_("Review — {title}").format(title=self.wizard.declaration.title), classes="title")
        yield Static("", id="review-verdict")
        yield OptionList(id="review-findings")
        with VerticalScroll(id="review-body"):
            yield Static("", id="review-answers")
            yield Static("", id="review-tree")
        yield Static("", id="review-export")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-findings", OptionList).border_title = _("Findings — Enter goes to the question")
        self.query_one("#review-body", VerticalScroll).border_title = _("The declaration (arrows scroll)")
        self.rebuild(test=True)

    def _build_context(self, test: bool) -> Any:
        from forms.declarations import BuildContext

        today = getattr(self.app, "today", date.today())
        numero = 1
        store = self.wizard.store
        nature = NATURES.get(self.wizard.kind)
        if store is not None and nature:
            from forms.history.controls import in_force, next_numero_ordre
            from storage.history import declared

            history, _notes = declared(store, self.wizard.etab_id)
            numero = next_numero_ordre(in_force(history), nature, today)
        return BuildContext(today=today, numero_ordre=numero, test=test)

    def rebuild(self, test: bool, export: bool = False) -> None:
        """Build and check in a worker (then write and record the file when `export`)."""
        self._serial += 1
        self.working = True
        self.query_one("#review-verdict", Static).update(
            _("Writing the file…") if export else _("Building and checking the file…"))
        serial, lang = self._serial, getattr(self.app, "lang", None)
        context = self._build_context(test)
        self.run_worker(lambda: self._prepare(serial, lang, context, test, export), thread=True,
                        group="review", exit_on_error=False)

    def _prepare(self, serial: int, lang: str | None, context: Any, test: bool, export: bool) -> None:
        """In the worker: no widget is touched here."""
        from forms.declarations import AnswerErrors, build
        from forms.i18n import set_language

        set_language(lang)
        out = Prepared(serial, export)
        out.answers = cut(_("Your answers") + "\n" + answers_text(self.wizard))
        try:
            out.built = build(self.wizard.kind, self.wizard.session.answers, context)
        except AnswerErrors as exc:
            out.answer_errors = list(exc.errors)
            self.post_message(PreparedMessage(out))
            return
        report = out.built.report
        if report is not None:
            from tui.report import render_tree

            out.tree = cut(_("The file, block by block") + "\n" + render_tree(out.built.data))
            for i, f in enumerate(report.findings):
                level = _("blocking") if f.blocking else _("not blocking")
                out.rows.append((f"[{level}] {f.rubrique or ''} {f.message}", f"finding-{i}"))
            if self.wizard.store is not None:
                from storage.history import check_before_export

                for i, h in enumerate(check_before_export(self.wizard.store, self.wizard.etab_id, out.built.data)):
                    out.rows.append((f"[{h.control}] {h.message}", f"hist-{i}"))
        for note in out.built.notes:
            out.rows.append((note, None))
        if export and not out.built.blocking:
            self._write(out, test)
        self.post_message(PreparedMessage(out))

    def _write(self, out: Prepared, test: bool) -> None:
        """In the worker: the file written atomically (0600) and recorded in the history."""
        from storage.errors import StorageError
        from storage.files import write_export
        from storage.paths import data_dir, ensure_private_dir

        built = out.built
        try:
            folder = ensure_private_dir(data_dir() / "exports")
            path = folder / (("essai-" if test else "") + built.filename)
            out.digest = write_export(path, built.data)
            store = self.wizard.store
            if store is not None:
                from storage.history import replaced_file

                store.record_file(
                    etab_id=self.wizard.etab_id, draft_id=self.wizard.draft_id, path=path, data=built.data,
                    nature=built.nature, type=built.type, test=test, period=built.period,
                    people=built.people, replaces=replaced_file(self.wizard.session.answers),
                )
                if self.wizard.draft_id is not None:
                    store.set_draft_state(self.wizard.draft_id, "termine")
        except StorageError as exc:
            out.export_error = exc.message
            return
        out.exported = path

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed unexpectedly posts nothing: say so and free the keys."""
        if event.worker.group != "review" or event.state is not WorkerState.ERROR:
            return
        self.working = self.exporting = False
        self.query_one("#review-verdict", Static).update(
            _("The file could not be built: {error}").format(error=event.worker.error))

    def on_prepared_message(self, message: PreparedMessage) -> None:
        done = message.prepared
        if done.export:
            self.exporting = False
        if done.serial != self._serial:
            return  # a newer request is on its way
        self.working = False
        self.built = done.built
        self.query_one("#review-answers", Static).update(done.answers)
        findings = self.query_one("#review-findings", OptionList)
        findings.clear_options()
        verdict = self.query_one("#review-verdict", Static)
        out = self.query_one("#review-export", Static)
        if done.built is None:
            errors = done.answer_errors
            verdict.update(_("Not ready: {n} answer(s) to correct.").format(n=len(errors)))
            # A question may have two errors (its format and a rule): one line each, ids unique.
            self._answer_keys = [e.key for e in errors]
            findings.add_options([Option(f"{e.label()} : {e.message}", id=f"answer-{i}") for i, e in enumerate(errors)])
            if done.export:
                out.update(_("Nothing written: correct the answers first."))
            return
        if done.tree:
            self.query_one("#review-tree", Static).update(done.tree)
        findings.add_options([Option(text, id=oid) if oid else Option(text, disabled=True) for text, oid in done.rows])
        blocking = done.built.blocking
        verdict.update(_("Refused: the file has blocking findings; correct them before exporting.") if blocking
                       else _("Ready: no blocking finding. F2 exports a test file, F3 the real one."))
        if not done.export:
            return
        if blocking:
            out.update(_("Nothing written: correct the answers first."))
        elif done.export_error:
            out.update(_("Not written:") + " " + done.export_error)
        elif done.exported is not None:
            self.exported = done.exported
            out.update(_("Written {path}\nsha256 {sha}\n{deadline}").format(
                path=done.exported, sha=done.digest, deadline=self._deadline()))

    @on(OptionList.OptionSelected, "#review-findings")
    async def _jump(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id or ""
        key: str | None = None
        if ident.startswith("finding-") and self.built is not None and self.built.report is not None:
            finding = self.built.report.findings[int(ident.split("-")[1])]
            key = key_for_rubrique(self.wizard, finding.rubrique or "")
        elif ident.startswith("answer-"):
            key = self._answer_keys[int(ident.split("-")[1])]
        if key:
            self.app.pop_screen()
            await self.wizard.go_to_key(key)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self, test: bool) -> None:
        if self.exporting:  # a second write would record the file twice
            self.notify(_("The file is being written; wait for it."), severity="warning")
            return
        self.exporting = True
        self.query_one("#review-export", Static).update("")
        self.rebuild(test=test, export=True)

    def _deadline(self) -> str:
        from forms import deadlines
        from forms.values import as_date, show_date

        answers = self.wizard.session.answers
        kind = self.wizard.kind
        try:
            if kind == "mensuelle":
                month = as_date((answers.get("declaration.mois") or "")[:7] + "-01")
                if month is None:
                    return ""
                d = deadlines.monthly_dsn(month, large_employer=int(answers.get("etablissement.effectif") or 0) >= 50,
                                          same_month_pay=True)
            elif kind == "dpae":
                start = as_date(answers.get("embauches.0.contrat.debut", ""))
                if start is None:
                    return ""
                d = deadlines.dpae(start)
            elif kind == "fctu":
                end = as_date(answers.get("fin.date", "")) or getattr(self.app, "today", date.today())
                d = deadlines.fctu(end)
            else:
                return ""
        except (ValueError, TypeError):
            return ""
        return _("Due by {date}.").format(date=show_date(d.due.isoformat()))
