"""Filling a form: the state the wizard, the plain mode and `comptoir build` share.

`FormSession` holds the answers and where the user is. `answer(key, raw)` checks one typed
answer and keeps it only when it passes; `on_save` is called at once with every accepted
answer (storage commits it: autosave). A step cannot be left while it has blocking errors;
`errors()` lists every open one with the question it links to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from forms.answer_check import check_answer
from forms.i18n import _, get_language
from forms.questions import Checked, FieldError, Form, Kind, Question, Scope, StepInstance

FACT_MARK = ".avant."  # answers that record what was declared before (see effective_answers)

SaveHook = Callable[[str, str | None, int, str], None]  # key, value (None: removed), step, position


@dataclass
class Slot:
    """One question in place: its key, its step and its rank in the whole form."""

    key: str
    question: Question
    step: StepInstance
    step_index: int


class FormSession:
    def __init__(
        self, form: Form, answers: dict[str, str] | None = None, *, on_save: SaveHook | None = None,
        step: int = 0, position: str = "",
    ) -> None:
        self.form = form
        self.answers: dict[str, str] = dict(answers or {})
        self.on_save = on_save
        self.step_index = step
        self.position = position
        # (question, value, language) → error messages, for questions without an own rule: their
        # check reads nothing but the value, so a value seen once is not read again.
        self._checked: dict[tuple[int, str, str], list[str]] = {}
        # The last layout: (language, copy of the answers it was made for, steps, questions shown
        # per step). Reused while the answers are equal; any change of an answer lays out again.
        self._layout: tuple[str, dict[str, str], list[StepInstance], dict[int, list[tuple[str, Question]]]] | None = None

    # ------------------------------------------------------------------ layout
    def steps(self) -> list[StepInstance]:
        return list(self._laid_out()[2])

    def _laid_out(self) -> tuple[str, dict[str, str], list[StepInstance], dict[int, list[tuple[str, Question]]]]:
        """The layout for the current answers (`when` predicates read only the answers)."""
        language = get_language()
        memo = self._layout
        if memo is None or memo[0] != language or memo[1] != self.answers:
            memo = self._layout = (language, dict(self.answers), self.form.steps(self.answers), {})
        return memo

    def _shown(self, step: StepInstance, shown: dict[int, list[tuple[str, Question]]]) -> list[tuple[str, Question]]:
        """`step.questions(answers)`, computed once per step of the current layout."""
        found = shown.get(id(step))
        if found is None:
            found = shown[id(step)] = step.questions(self.answers)
        return found

    def slots(self) -> list[Slot]:
        out: list[Slot] = []
        for i, step in enumerate(self.steps()):
            for key, q in step.questions(self.answers):
                out.append(Slot(key, q, step, i))
        return out

    def find(self, key: str) -> Slot | None:
        for slot in self.slots():
            if slot.key == key:
                return slot
        return None

    def current_step(self) -> StepInstance:
        steps = self.steps()
        self.step_index = max(0, min(self.step_index, len(steps) - 1))
        return steps[self.step_index]

    def scope_of(self, step: StepInstance) -> Scope:
        return Scope(self.answers, step.prefix)

    def value(self, key: str) -> str:
        return self.answers.get(key, "")

    def shown_value(self, key: str, question: Question) -> str:
        """The stored answer, or the question's default proposed for it."""
        if key in self.answers:
            return self.answers[key]
        slot_prefix = key[: len(key) - len(question.id)]
        return question.default_for(Scope(self.answers, slot_prefix))

    # ------------------------------------------------------------------ answering
    def check(self, key: str, raw: str) -> Checked:
        slot = self.find(key)
        if slot is None:
            return Checked(None, [_("No question {key} in this form.").format(key=key)])
        return check_answer(slot.question, raw, self.scope_of(slot.step))

    def answer(self, key: str, raw: str) -> Checked:
        """Check `raw` for `key`; keep it and save it when it passes."""
        result = self.check(key, raw)
        if result.ok:
            value = result.value or ""
            if value:
                self.answers[key] = value
            else:
                self.answers.pop(key, None)
            self.position = key
            if self.on_save is not None:
                self.on_save(key, value or None, self.step_index, key)
        return result

    def accept_defaults(self, step: StepInstance) -> None:
        """Store the proposed default of each unanswered question of `step` (once seen)."""
        for key, q in step.questions(self.answers):
            if key not in self.answers:
                default = q.default_for(self.scope_of(step))
                if default and check_answer(q, default, self.scope_of(step)).ok:
                    self.answer(key, default)

    def go(self, index: int) -> StepInstance:
        self.step_index = index
        step = self.current_step()
        if self.on_save is not None:
            self.on_save("", None, self.step_index, self.position)
        return step

    # ------------------------------------------------------------------ errors
    def step_errors(self, step: StepInstance) -> list[FieldError]:
        return self._step_errors(step, step.questions(self.answers), get_language())

    def _step_errors(self, step: StepInstance, shown: list[tuple[str, Question]], language: str) -> list[FieldError]:
        scope = self.scope_of(step)
        errors: list[FieldError] = []
        for key, q in shown:
            value = self.answers.get(key, "")
            if not value:
                if q.required:
                    errors.append(FieldError(key, q, _("This answer is required: {label}.").format(
                        label=_(q.label)), step.id))
                continue
            if q.kind is Kind.COUNT:
                continue
            for message in self._errors_of(q, value, scope, language):
                errors.append(FieldError(key, q, message, step.id))
        if not errors:
            by_id = {q.id: (key, q) for key, q in shown}
            for rule in step.step.rules:
                for qid, message in rule(scope):
                    key, q = by_id.get(qid, (step.prefix + qid, shown[0][1] if shown else None))  # type: ignore[assignment]
                    if q is not None:
                        errors.append(FieldError(key, q, message, step.id))
        return errors

    def _errors_of(self, q: Question, value: str, scope: Scope, language: str) -> list[str]:
        if q.check is not None:
            return check_answer(q, value, scope).errors
        memo = (id(q), value, language)
        found = self._checked.get(memo)
        if found is None:
            found = self._checked[memo] = check_answer(q, value, scope).errors
        return found

    def errors(self) -> list[FieldError]:
        language, _answers, steps, shown = self._laid_out()
        out: list[FieldError] = []
        for step in steps:
            out.extend(self._step_errors(step, self._shown(step, shown), language))
        return out

    def can_leave(self, step: StepInstance) -> bool:
        return not self.step_errors(step)

    def first_open(self) -> int:
        """Index of the first step with an open error (the last step when none)."""
        steps = self.steps()
        for i, step in enumerate(steps):
            if self.step_errors(step):
                return i
        return len(steps) - 1

    def effective_answers(self) -> dict[str, str]:
        """Only the answers of questions that apply: what the builders read."""
        keep: set[str] = set()
        _language, _answers, steps, shown = self._laid_out()
        for step in steps:
            if step.step.id.endswith(".count"):
                keep.update(step.key(q) for q in step.step.questions)
            else:
                keep.update(key for key, _q in self._shown(step, shown))
        # Facts, not questions: what was declared last (`salaries.0.avant.contrat.quotite`, written
        # by `forms.history.prefill`) is kept for the builders that derive change blocks from it.
        return {k: v for k, v in self.answers.items() if k in keep or FACT_MARK in k}
