"""Review and export: the answers as given, the file as blocks and rubriques, the engine's
report and the checks across declarations; from any finding, back to its question; then the
file written (test or real, atomically, owner-only), recorded in the history."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from forms.i18n import N_, _
from tui.commands import translate_bindings

NATURES = {"mensuelle": "01", "arret": "04", "reprise": "05", "fctu": "07"}


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
        self.query_one("#review-answers", Static).update(_("Your answers") + "\n" + answers_text(self.wizard))
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

    def rebuild(self, test: bool) -> None:
        from forms.declarations import AnswerErrors, build

        findings = self.query_one("#review-findings", OptionList)
        findings.clear_options()
        verdict = self.query_one("#review-verdict", Static)
        try:
            self.built = build(self.wizard.kind, self.wizard.session.answers, self._build_context(test))
        except AnswerErrors as exc:
            self.built = None
            verdict.update(_("Not ready: {n} answer(s) to correct.").format(n=len(exc.errors)))
            # A question may have two errors (its format and a rule): one line each, ids unique.
            self._answer_keys = [e.key for e in exc.errors]
            findings.add_options([Option(f"{e.label()} : {e.message}", id=f"answer-{i}")
                                  for i, e in enumerate(exc.errors)])
            return
        report = self.built.report
        rows: list[Option] = []
        if report is not None:
            from tui.report import render_tree

            self.query_one("#review-tree", Static).update(_("The file, block by block") + "\n" + render_tree(self.built.data))
            for i, f in enumerate(report.findings):
                level = _("blocking") if f.blocking else _("not blocking")
                rows.append(Option(f"[{level}] {f.rubrique or ''} {f.message}", id=f"finding-{i}"))
            if self.wizard.store is not None:
                from storage.history import check_before_export

                for i, f in enumerate(check_before_export(self.wizard.store, self.wizard.etab_id, self.built.data)):
                    rows.append(Option(f"[{f.control}] {f.message}", id=f"hist-{i}"))
        for note in self.built.notes:
            rows.append(Option(note, disabled=True))
        findings.add_options(rows)
        blocking = self.built.blocking
        verdict.update(_("Refused: the file has blocking findings; correct them before exporting.") if blocking
                       else _("Ready: no blocking finding. F2 exports a test file, F3 the real one."))

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
        self.rebuild(test=test)
        out = self.query_one("#review-export", Static)
        if self.built is None or self.built.blocking:
            out.update(_("Nothing written: correct the answers first."))
            return
        from storage.errors import StorageError
        from storage.files import write_export
        from storage.paths import data_dir, ensure_private_dir

        folder = ensure_private_dir(data_dir() / "exports")
        path = folder / (("essai-" if test else "") + self.built.filename)
        try:
            digest = write_export(path, self.built.data)
            store = self.wizard.store
            if store is not None:
                from storage.history import replaced_file

                store.record_file(
                    etab_id=self.wizard.etab_id, draft_id=self.wizard.draft_id, path=path, data=self.built.data,
                    nature=self.built.nature, type=self.built.type, test=test, period=self.built.period,
                    people=self.built.people, replaces=replaced_file(self.wizard.session.answers),
                )
                if self.wizard.draft_id is not None:
                    store.set_draft_state(self.wizard.draft_id, "termine")
        except StorageError as exc:
            out.update(_("Not written:") + " " + exc.message)
            return
        self.exported = path
        out.update(_("Written {path}\nsha256 {sha}\n{deadline}").format(
            path=path, sha=digest, deadline=self._deadline()))

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
