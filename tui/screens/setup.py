"""Guided set-up of an establishment: the questions of forms/declarations/sections.ETABLISSEMENT
through `FormSession`, so the checks are exactly those of every declaration.

One step at a time (only its inputs are mounted). Enter goes to the next field, and from the
last one to the next step; a step with an open error cannot be left, every error is said in
words under its field. At the end the establishment is saved by a worker
(`store.save_etablissement`) and the screen is dismissed with its id. Escape goes back one
step (from the first, back to the home without saving).
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


class Saved(Message):
    def __init__(self, etab_id: int | None, error: str = "") -> None:
        super().__init__()
        self.etab_id = etab_id
        self.error = error


def _setup_form() -> Any:
    from forms.declarations.sections import ETABLISSEMENT
    from forms.questions import Form

    return Form("etablissement", "Establishment", tuple(ETABLISSEMENT))


class SetupScreen(Screen[int | None]):
    BINDINGS = [Binding("escape", "back", N_("Back"), id="back")]

    def __init__(self, first: bool = True, answers: dict[str, str] | None = None) -> None:
        super().__init__(id="setup")
        from forms.session import FormSession

        self.first = first
        self.session = FormSession(_setup_form(), answers or {})
        self.keys: list[str] = []
        self.inputs: list[Input] = []
        self.questions: list[Any] = []
        self.notes: list[Static] = []
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup-body", can_focus=False):
            if self.first:
                yield Static(
                    _("Welcome to Comptoir. First, the establishment you declare for: three short steps. "
                      "You can add other establishments later (F6)."),
                    id="setup-intro",
                )
            yield Static("", id="setup-title", classes="title")
            yield VerticalScroll(id="setup-fields", can_focus=False)
            yield Static("", id="setup-errors", classes="error")
            with Horizontal(id="setup-buttons", classes="buttons"):
                yield Button(_("Back"), id="setup-back")
                yield Button(_("Next"), id="setup-next", variant="primary")
        yield Footer()

    async def on_mount(self) -> None:
        await self._show_step()

    # ------------------------------------------------------------------ one step
    def _steps(self) -> list[Any]:
        return self.session.steps()

    async def _show_step(self) -> None:
        steps = self._steps()
        step = self.session.current_step()
        index = self.session.step_index
        self.query_one("#setup-title", Static).update(
            _("Step {n} of {total}: {title}").format(n=index + 1, total=len(steps), title=step.title())
        )
        fields = self.query_one("#setup-fields", VerticalScroll)
        await fields.remove_children()
        self.keys = []
        self.questions = []
        self.inputs = []
        self.notes = []
        widgets: list[Any] = []
        for i, (key, q) in enumerate(step.questions(self.session.answers)):
            self.keys.append(key)
            self.questions.append(q)
            box = Input(value=self.session.shown_value(key, q), id=f"q-{i}")
            box.border_title = _(q.label) + ("" if q.required else " " + _("(optional)"))
            widgets.append(box)
            self.inputs.append(box)
            if q.help:
                widgets.append(Static(_(q.help), classes="help"))
            note = Static("", classes="field-error")
            self.notes.append(note)
            widgets.append(note)
        await fields.mount_all(widgets)
        last = index == len(steps) - 1
        self.query_one("#setup-next", Button).label = _("Save") if last else _("Next")
        self.query_one("#setup-errors", Static).update("")
        if self.inputs:
            # Focus without scrolling, then show the step from its title: on a slow terminal the
            # focus could scroll on a layout not yet done and leave the title off screen.
            self.inputs[0].focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#setup-body", VerticalScroll).scroll_home, animate=False)

    def _field_messages(self) -> bool:
        """Answer every field of the step; say each problem under its field. True when the step passes."""
        step = self.session.current_step()
        texts: list[list[str]] = []
        for i, (key, box) in enumerate(zip(self.keys, self.inputs, strict=True)):
            self._propose(i)
            result = self.session.answer(key, box.value)
            texts.append([("✗ " + m) for m in result.errors] + [("ℹ " + m) for m in result.notes])
        errors = self.session.step_errors(step)
        first_bad = None
        for err in errors:
            if err.key in self.keys:
                i = self.keys.index(err.key)
                if not any(t.startswith("✗") for t in texts[i]):
                    texts[i].append("✗ " + err.message)
                first_bad = i if first_bad is None else min(first_bad, i)
        for note, lines in zip(self.notes, texts, strict=True):
            note.update("\n".join(lines))
        summary = self.query_one("#setup-errors", Static)
        if errors:
            summary.update(_("{n} answer(s) to correct before going on.").format(n=len(errors)))
            if first_bad is not None:
                self.inputs[first_bad].focus()
            return False
        summary.update("")
        return True

    def _propose(self, i: int) -> None:
        """Fill an empty field with its default, once the answers it depends on are given."""
        box = self.inputs[i]
        if not box.value:
            default = self.session.shown_value(self.keys[i], self.questions[i])
            if default:
                box.value = default

    async def _next(self) -> None:
        if not self._field_messages():
            return
        steps = self._steps()
        if self.session.step_index < len(steps) - 1:
            self.session.go(self.session.step_index + 1)
            await self._show_step()
            return
        self._save(dict(self.session.answers), self.app.lang)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, answers: dict[str, str], lang: str) -> None:
        set_language(lang)
        from forms.model import Etablissement
        from storage.errors import StorageError

        etab = Etablissement.from_answers(answers, prefix="etablissement.")
        try:
            etab_id = self.app.store.save_etablissement(etab)  # type: ignore[attr-defined]
        except StorageError as err:
            self.post_message(Saved(None, err.message))
            return
        self.post_message(Saved(etab_id))

    def on_saved(self, message: Saved) -> None:
        if message.error:
            self.query_one("#setup-errors", Static).update(_("Not saved:") + " " + message.error)
            return
        self.notify(_("Establishment saved."))
        self.dismiss(message.etab_id)

    # ------------------------------------------------------------------ keys
    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        i = self.inputs.index(event.input) if event.input in self.inputs else -1
        if 0 <= i < len(self.inputs) - 1:
            self.session.answer(self.keys[i], event.input.value)
            self._propose(i + 1)
            self.inputs[i + 1].focus()
        else:
            await self._next()

    @on(Button.Pressed, "#setup-next")
    async def _next_pressed(self) -> None:
        await self._next()

    @on(Button.Pressed, "#setup-back")
    async def _back_pressed(self) -> None:
        await self.action_back()

    async def action_back(self) -> None:
        for key, box in zip(self.keys, self.inputs, strict=True):
            self.session.answer(key, box.value)  # kept only when it passes
        if self.session.step_index == 0:
            self.dismiss(None)
            return
        self.session.go(self.session.step_index - 1)
        await self._show_step()
