"""The declaration wizard: one step of questions at a time, every accepted answer autosaved.

The screen holds no declaration rule: it shows the steps `forms.session.FormSession` lays
out, says under each field what `check_answer` says (errors as sentences starting with
"Erreur", never colour alone), lists every open error of the step in a summary that jumps
to the field, and saves each accepted answer at once through the store (autosave). A code
field offers the codes matching what is typed in a list under it (tui/widgets/answers.py);
the code picked there is checked and saved as a typed one.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from forms import codelists
from forms.answer_check import choices_of
from forms.i18n import N_, _
from forms.questions import FieldError, Kind, Question
from forms.session import FormSession
from tui.commands import translate_bindings
from tui.widgets.answers import AnswerInput, CodeInput

# What a field says about the format it expects, by kind (shown under the label).
FORMATS = {
    Kind.DATE: N_("Date, such as 15/03/2026."),
    Kind.MONTH: N_("Month, such as 03/2026."),
    Kind.TIME: N_("Time, such as 09:00."),
    Kind.AMOUNT: N_("Amount in euros, such as 1 234,56."),
    Kind.DECIMAL: N_("Number, such as 151,67."),
    Kind.INTEGER: N_("Whole number."),
    Kind.COUNT: N_("Whole number."),
    Kind.YESNO: N_("oui or non."),
    Kind.CODE: N_("A code of the list, or words of its label."),
    Kind.SIRET: N_("14 digits."),
    Kind.NIR: N_("13 characters, or 15 with the key."),
    Kind.IBAN: N_("IBAN, spaces allowed."),
    Kind.BIC: N_("8 or 11 characters."),
    Kind.POSTCODE: N_("5 digits."),
}


class Field:
    """The widgets of one question: label, format, input (and, for a code list, the list of
    matching codes under it — tui/widgets/answers.py), help, error, note."""

    def __init__(self, index: int, key: str, question: Question, value: str, generation: int = 0) -> None:
        self.key = key
        self.question = question
        required = "" if question.required else " " + _("(optional)")
        self.label = Static(_(question.label) + required, classes="field-label")
        fmt = FORMATS.get(question.kind)
        self.format = Static(_(fmt) if fmt else "", classes="field-format")
        ident = f"field-{generation}-{index}"  # ids never reused while a step is redrawn
        offered = choices_of(question) if question.kind is Kind.CODE else []
        self.input: Input = (
            CodeInput(offered, value=value, id=ident) if offered else AnswerInput(value=value, id=ident))
        self.input.border_title = _(question.label)
        self.choices = self.input.choices if isinstance(self.input, CodeInput) else None
        self.help = Static(_(question.help) if question.help else "", classes="field-help")
        self.help.display = False
        self.error = Static("", classes="field-error")
        self.note = Static("", classes="field-note")
        self.problem = ""  # why the text typed was refused, "" when it was not

    def widgets(self) -> list[Any]:
        shown = [self.label, self.format, self.input]
        if self.choices is not None:
            shown.append(self.choices)
        return [*shown, self.help, self.error, self.note]


class WizardScreen(Screen[None]):
    """One declaration, step by step. `store` may be None (nothing is then saved)."""

    BINDINGS = [
        Binding("f8", "next", N_("Next step"), id="wizard.next"),
        Binding("f7", "previous", N_("Previous step"), id="wizard.previous"),
        Binding("f1", "help", N_("Help on this field"), id="wizard.help"),
        Binding("escape", "back", N_("Back"), id="wizard.back"),
    ]
    CSS_PATH = "../wizard.tcss"
    timing: Any = None  # a callable(stage) the keystroke bench sets; None otherwise

    def __init__(self, kind: str, draft_id: int | None, store: Any, etab_id: int | None = None) -> None:
        super().__init__(id="wizard")
        from forms.declarations import get

        self.kind = kind
        self.declaration = get(kind)
        self.store = store
        self.draft_id = draft_id
        self.etab_id = etab_id
        answers: dict[str, str] = {}
        step, position = 0, ""
        if store is not None and draft_id is not None:
            draft = store.load_draft(draft_id)
            answers, step, position = draft.answers, draft.step, draft.position
        self.session = FormSession(self.declaration.form, answers, on_save=self._autosave, step=step,
                                   position=position)
        self.fields: list[Field] = []
        self.generation = 0
        self.save_problem = ""
        self._summary_keys: list[str] = []  # the question of each line of the errors summary
        translate_bindings(self)

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Static(self.declaration.title, id="wizard-title", classes="title")
        yield Static("", id="wizard-progress")
        yield Static("", id="wizard-summary-title", classes="error")
        yield OptionList(id="wizard-summary")
        yield VerticalScroll(id="wizard-fields", can_focus=False)
        yield Static("", id="wizard-status")
        yield Footer()

    async def on_mount(self) -> None:
        summary = self.query_one("#wizard-summary", OptionList)
        summary.display = False
        summary.border_title = _("Answers to correct")
        await self.show_step(focus_key=self.session.position)

    async def show_step(self, focus_key: str = "", typed: dict[str, str] | None = None, listing: bool = False) -> None:
        """Draw the current step, focus `focus_key` (else the first field). `typed`: the text
        of the field being typed in when the same step is redrawn (a question appeared or went
        away): it is kept as it was, typing goes on where it was, and its list of codes is open
        again when it was (`listing`)."""
        steps = self.session.steps()
        step = self.session.current_step()
        self.query_one("#wizard-progress", Static).update(
            _("Step {n} of {total} — {title}").format(n=self.session.step_index + 1, total=len(steps), title=step.title())
        )
        container = self.query_one("#wizard-fields", VerticalScroll)
        await container.remove_children()
        self.generation += 1
        typed = typed or {}
        self.fields = [
            Field(i, key, q, typed[key] if key in typed else self._shown(key, q), self.generation)
            for i, (key, q) in enumerate(step.questions(self.session.answers))
        ]
        await container.mount_all([w for f in self.fields for w in f.widgets()])
        self._hide_summary()
        target = next((f for f in self.fields if f.key == focus_key), self.fields[0] if self.fields else None)
        if target is None:
            return
        box = target.input
        if focus_key in typed and isinstance(box, AnswerInput):  # typing goes on: the caret at the end
            box.resume_typing()
            if listing and isinstance(box, CodeInput):
                box.show_choices(box.value)
        box.focus()

    def _shown(self, key: str, q: Question) -> str:
        value = self.session.shown_value(key, q)
        if q.kind is Kind.DATE and value:
            from forms.values import show_date

            return show_date(value)
        if q.kind in (Kind.AMOUNT, Kind.DECIMAL) and value:
            return value.replace(".", ",")
        return value

    def field_of(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    # ------------------------------------------------------------------ answering
    def _autosave(self, key: str, value: str | None, step: int, position: str) -> None:
        if self.store is None or self.draft_id is None:
            return
        from storage.errors import StorageError

        try:
            if key:
                self.store.save_answer(self.draft_id, key, value, step=step, position=position)
            else:
                self.store.save_position(self.draft_id, step, position)
            self.save_problem = ""
        except StorageError as exc:  # the answer stays in memory; said in words
            self.save_problem = exc.message
        self.query_one("#wizard-status", Static).update(
            (_("Not saved:") + " " + self.save_problem) if self.save_problem else _("Saved.")
        )

    def answer_field(self, field: Field) -> bool:
        """Check and keep the field's answer; show its error or note. True when accepted."""
        result = self.session.answer(field.key, field.input.value)
        if result.ok:
            field.error.update("")
            notes = list(result.notes)
            if field.question.kind is Kind.CODE and result.value:
                label = codelists.label_of(choices_of(field.question), result.value)
                if label:
                    notes.insert(0, _("Chosen: {code} — {label}").format(code=result.value, label=label))
            field.note.update("\n".join(notes))
        else:
            field.error.update(_("Error:") + " " + " ".join(result.errors))
            field.note.update("")
        field.problem = "" if result.ok else " ".join(result.errors)
        return result.ok

    @on(Input.Changed)
    async def _changed(self, event: Input.Changed) -> None:
        field = next((f for f in self.fields if f.input is event.input), None)
        if field is None:
            return
        before = [f.key for f in self.fields]
        self.answer_field(field)
        after = [k for k, _q in self.session.current_step().questions(self.session.answers)]
        if after != before:  # a question appeared or went away with this answer
            listing = isinstance(field.input, CodeInput) and field.input.choices_open
            await self.show_step(focus_key=field.key, typed={field.key: field.input.value}, listing=listing)
        if self.timing is not None:  # bench/tui_bench.py: answer checked, shown and saved; then painted
            self.timing("handled")
            self.call_after_refresh(self.timing, "refreshed")

    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        index = next((i for i, f in enumerate(self.fields) if f.input is event.input), -1)
        if index < 0:  # a field of a step since redrawn (Enter typed during the redraw): not a "next"
            return
        if index < len(self.fields) - 1:
            nxt = self.fields[index + 1]
            if not nxt.input.value:
                nxt.input.value = self._shown(nxt.key, nxt.question)
            nxt.input.focus()
        else:
            await self.action_next()

    # ------------------------------------------------------------------ errors summary
    def _hide_summary(self) -> None:
        self.query_one("#wizard-summary", OptionList).display = False
        self.query_one("#wizard-summary-title", Static).update("")

    def show_summary(self, errors: list[Any]) -> None:
        title = self.query_one("#wizard-summary-title", Static)
        summary = self.query_one("#wizard-summary", OptionList)
        title.update(_("{n} answer(s) to correct before going on (Enter on a line goes to its field):").format(
            n=len(errors)))
        summary.clear_options()
        # One line per error; a question may have two (its format and a rule): ids stay unique.
        self._summary_keys = [e.key for e in errors]
        summary.add_options([Option(f"{e.label()} : {e.message}", id=f"error-{i}") for i, e in enumerate(errors)])
        summary.display = True
        summary.highlighted = 0
        for e in errors:
            field = self.field_of(e.key)
            if field is not None and not field.error.render().plain:  # type: ignore[attr-defined]
                field.error.update(_("Error:") + " " + e.message)
        summary.focus()

    @on(OptionList.OptionSelected, "#wizard-summary")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        keys = self._summary_keys
        field = self.field_of(keys[event.option_index]) if event.option_index < len(keys) else None
        if field is not None:  # the field from its label at the top, so its message under it shows too
            field.input.focus(scroll_visible=False)
            container = self.query_one("#wizard-fields", VerticalScroll)
            container.call_after_refresh(container.scroll_to_widget, field.label, animate=False, top=True)

    # ------------------------------------------------------------------ moving
    async def action_next(self) -> None:
        refused: list[FieldError] = []
        for field in self.fields:
            if not field.input.value:
                field.input.value = self._shown(field.key, field.question)
            if not self.answer_field(field) and field.input.value.strip():
                refused.append(FieldError(field.key, field.question, field.problem))
        step = self.session.current_step()
        errors = self.session.step_errors(step)
        if refused:  # text typed but refused: its own message, not the answer kept before (or none)
            keys = {e.key for e in refused}
            order = {f.key: i for i, f in enumerate(self.fields)}
            errors = sorted(refused + [e for e in errors if e.key not in keys], key=lambda e: order.get(e.key, len(order)))
        if errors:
            self.show_summary(errors)
            return
        steps = self.session.steps()
        if self.session.step_index < len(steps) - 1:
            self.session.go(self.session.step_index + 1)
            await self.show_step()
            return
        from tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self))

    async def action_previous(self) -> None:
        for field in self.fields:
            self.session.answer(field.key, field.input.value)  # kept only when it passes
        if self.session.step_index > 0:
            self.session.go(self.session.step_index - 1)
            await self.show_step()

    def action_help(self) -> None:
        focused = self.focused
        for field in self.fields:
            if field.input is focused:
                field.help.display = not field.help.display
                if not field.question.help:
                    field.help.update(_("No help for this question."))

    def action_back(self) -> None:
        """Back to the home: every accepted answer is already saved; typed text stays in memory."""
        self.app.pop_screen()
        reload = getattr(self.app, "reload_home", None)
        if callable(reload):
            try:
                reload()
            except Exception:  # noqa: BLE001 - the home may not be mounted (tests)
                pass

    async def go_to_key(self, key: str) -> None:
        """Open the step holding `key` and focus its field (from the review)."""
        slot = self.session.find(key)
        if slot is None:
            return
        self.session.go(slot.step_index)
        await self.show_step(focus_key=key)
