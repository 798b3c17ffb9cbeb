"""Filling a form: the state the wizard, the plain mode and `comptoir build` share.

`FormSession` holds the answers and where the user is. `answer(key, raw)` checks one typed
answer and keeps it only when it passes; `on_save` is called at once with every accepted
answer (storage commits it: autosave). A step cannot be left while it has blocking errors;
`errors()` lists every open one with the question it links to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import compress, islice, repeat
from sys import intern
from typing import Any

from forms.answer_check import (
    Reading,
    check_answer,
    compile_reader,
    own_rule_problem,
    rubriques_checked,
    syntax_checked,
)
from forms.i18n import _, get_language
from forms.norm import Rubrique
from forms.questions import (
    Checked,
    Children,
    FieldError,
    Form,
    Kind,
    Question,
    Repeat,
    Scope,
    Step,
    StepInstance,
    shown_questions,
    walk_groups,
)

FACT_MARK = ".avant."  # answers that record what was declared before (see effective_answers)

SaveHook = Callable[[str, str | None, int, str], None]  # key, value (None: removed), step, position


@dataclass
class Slot:
    """One question in place: its key, its step and its rank in the whole form."""

    key: str
    question: Question
    step: StepInstance
    step_index: int


class _Layout:
    """What the session derived from one state of the answers (in one language): the steps that
    apply, laid out with or without their titles, and each step's questions that apply."""

    __slots__ = ("answers", "kept", "language", "shown", "steps", "walk")

    def __init__(self, language: str, answers: dict[str, str]) -> None:
        self.language = language
        self.answers = answers  # a copy: the layout holds while the answers equal it
        self.steps: list[StepInstance] | None = None
        self.walk: list[tuple[Step, str]] | None = None
        self.shown: list[list[tuple[str, Question]] | None] | None = None
        self.kept: int | None = None  # how many answers apply (see `_pass`)


class KeptAnswers(dict[str, str]):
    """The answers that apply (`FormSession.effective_answers`); `by_item`, when known: item
    prefix ("" or "salaries.0.") → question id → answer, the same answers filed by item (facts
    apart), as they were when checked: a builder reads them at once, nothing changes them."""

    by_item: dict[str, dict[str, str]] | None = None
    # item prefix → repeat id → the prefixes and answers of the repeat's items, as the walk
    # laid them out (the same as looking each prefix up in `by_item`); None when not known.
    children: Children | None = None
    # False when no answer is a fact (FACT_MARK): then nothing was declared before (no change
    # blocks); None when not known.
    facts: bool | None = None
    # Rubrique code → (the rubrique, the values as written in it whose syntax the answers'
    # readings found good): a writer need not check them again against that same rubrique.
    syntax_checked: dict[str, tuple[Rubrique, set[str]]] | None = None


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
        # language → id(question) → (question, value → `read_answer` of it, its compiled reader):
        # everything but the question's own rule reads nothing but the value, so a value seen once
        # is not read again.
        self._readings: dict[str, dict[int, tuple[Question, dict[str, Reading], Callable[[str], Reading]]]] = {}
        # The layout of the last answers seen (a copy of them is kept): reused while the answers
        # and the language are equal; any change of an answer lays out again.
        self._layout: _Layout | None = None
        # language → id(step) → how its answers are checked (see `_plan`)
        self._plans: dict[str, dict[int, _Plan]] = {}
        self._children: Children | None = None  # what the last clean pass laid out (see KeptAnswers)

    # ------------------------------------------------------------------ layout
    def _current(self) -> _Layout:
        """The layout for the current answers (`when` predicates read only the answers)."""
        language = get_language()
        memo = self._layout
        if memo is None or memo.language != language or (memo.answers is not self.answers and memo.answers != self.answers):
            memo = self._layout = _Layout(language, dict(self.answers))
        return memo

    def steps(self) -> list[StepInstance]:
        memo = self._current()
        if memo.steps is None:
            memo.steps = self.form.steps(self.answers)
        return list(memo.steps)

    def _walk(self, memo: _Layout) -> list[tuple[Step, str]]:
        """(step, prefix) of every step that applies, in order (`steps()` without titles)."""
        if memo.walk is None:
            memo.walk = (
                [(st.step, st.prefix) for st in memo.steps] if memo.steps is not None else self.form.walk(self.answers)
            )
        return memo.walk

    def _shown(self, memo: _Layout, index: int) -> list[tuple[str, Question]]:
        """`step.questions(answers)` of the step at `index`, computed once per layout."""
        shown = memo.shown
        if shown is None:
            shown = memo.shown = [None] * len(self._walk(memo))
        found = shown[index]
        if found is None:
            step, prefix = self._walk(memo)[index]
            found = shown[index] = shown_questions(step, prefix, self.answers)
        return found

    def slots(self) -> list[Slot]:
        steps = self.steps()
        memo = self._current()
        out: list[Slot] = []
        for i, step in enumerate(steps):
            for key, q in self._shown(memo, i):
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
        out: list[FieldError] = []
        self._pass([(step.step, step.prefix)], get_language(), out, None)
        return out

    def errors(self) -> list[FieldError]:
        return self._errors(self._current())

    def errors_and_answers(self) -> tuple[list[FieldError], KeptAnswers | None]:
        """`errors()`, and `effective_answers()` when there is none (None otherwise), from one
        look at the answers: what a build needs. The answers kept also come item by item
        (`KeptAnswers.by_item`) when the form's keys tell their items apart."""
        memo = self._current()
        index: dict[str, dict[str, str]] | None = {} if _distinct_keys(self.form) else None
        self._children = None
        out = self._errors(memo, index)
        if out:
            return out, None
        effective = self._effective(memo)
        # A session used once (`checked_once`) hands its own copy of the answers over.
        kept = effective if isinstance(effective, KeptAnswers) and effective is memo.answers else KeptAnswers(effective)
        kept.by_item = index
        kept.children, self._children = self._children, None
        if index is not None and memo.kept == len(self.answers):
            kept.facts = False  # every answer is a question's, and no question's key holds FACT_MARK
        kept.syntax_checked = self._syntax_checked(memo.language)
        return out, kept

    def _syntax_checked(self, language: str) -> dict[str, tuple[Rubrique, set[str]]]:
        """`KeptAnswers.syntax_checked` from the values read in `language` so far."""
        out: dict[str, tuple[Rubrique, set[str]]] = {}
        for q, known, _read in self._readings.get(language, {}).values():
            rubriques = rubriques_checked(q) if known else ()
            if not rubriques:
                continue
            values = syntax_checked(q, known.values())
            for r in rubriques:
                found = out.get(r.code)
                if found is None:
                    out[r.code] = (r, set(values))
                elif found[0] is r:
                    found[1].update(values)
        return out

    def _errors(self, memo: _Layout, index: dict[str, dict[str, str]] | None = None) -> list[FieldError]:
        out: list[FieldError] = []
        kept = self._pass_clean(memo, index)
        if kept is None:  # some answer has an error: `_pass` finds each one, in order
            if index is not None:
                index.clear()
            kept = self._pass(self._walk(memo), memo.language, out, None, index)
        memo.kept = kept
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
        return dict(self._effective(self._current()))

    def _effective(self, memo: _Layout) -> dict[str, str]:
        answers = self.answers
        if memo.kept is None:
            memo.kept = self._pass(self._walk(memo), memo.language, None, None)
        if _distinct_keys(self.form):  # then `kept` counts distinct keys, none of them a fact
            if memo.kept == len(answers):
                return answers  # every answer applies (the callers copy it)
            if memo.kept + sum(1 for k in answers if FACT_MARK in k) == len(answers):
                return answers  # every answer applies or is a fact
        kept: list[str] = []
        self._pass(self._walk(memo), memo.language, None, kept)
        keep = set(kept)
        # Facts, not questions: what was declared last (`salaries.0.avant.contrat.quotite`, written
        # by `forms.history.prefill`) is kept for the builders that derive change blocks from it.
        return {k: v for k, v in answers.items() if k in keep or FACT_MARK in k}

    def _plans_in(self, language: str) -> dict[int, _Plan]:
        found = self._plans.get(language)
        if found is None:
            found = self._plans[language] = {}
        return found

    def _plan(self, step: Step, language: str) -> _Plan:
        """How the step's answers are checked in `language`, worked out once per step."""
        readings = self._readings.get(language)
        if readings is None:
            readings = self._readings[language] = {}
        questions = []
        for q in step.questions:
            entry = readings.get(id(q))
            if entry is None or entry[0] is not q:
                entry = readings[id(q)] = (q, {}, compile_reader(q))
            questions.append(
                (q.id, q.when, (q.id, q, q.required, q.kind is Kind.COUNT, q.check is not None, entry[1], entry[2])))
        plan = self._plans_in(language)[id(step)] = (
            step,
            tuple(qid for qid, _when, _check in questions),
            tuple(check for _qid, _when, check in questions),
            tuple((qid, when, check) for qid, when, check in questions) if any(w for _q, w, _c in questions) else None,
            step.id.endswith(".count"),
        )
        return plan

    def _pass(
        self, walk: list[tuple[Step, str]], language: str, out: list[FieldError] | None, keys: list[str] | None,
        index: dict[str, dict[str, str]] | None = None,
    ) -> int:
        """Go through the questions that apply of every step of `walk`; return how many of the
        answers are kept (those of the questions that apply; every question of a count step).

        With `out`, check each step into it: every answer is read once per value and language
        (`read_answer`), its question's own rule asked each time, then the step's rules when
        no answer of the step has an error — as `check_answer` and `step_errors` always did.
        With `keys`, list the keys kept; with `index` (and `out`), file each answer kept under
        its item's prefix and its question's id."""
        answers = self.answers
        plans = self._plans_in(language)
        scopes: dict[str, Scope] = {}  # one scope per item: it caches the prefixes it looks through
        # First the questions that apply, in order: their keys and how each is checked; then
        # their answers, looked up all at once; then the checks, step by step.
        checks: list[_Check] = []
        wanted: list[str] = []
        spans: list[tuple[Step, str, int]] = []
        kept = 0
        for step, prefix in walk:
            plan = plans.get(id(step))
            if plan is None or plan[0] is not step:
                plan = self._plan(step, language)
            conditional = plan[3]
            if conditional is None:
                checks.extend(plan[2])
                wanted.extend([prefix + qid for qid in plan[1]])
                spans.append((step, prefix, len(plan[1])))
                continue
            scope = scopes.get(prefix)
            if scope is None:
                scope = scopes[prefix] = Scope(answers, prefix)
            n = 0
            for qid, when, check in conditional:
                if when is not None and not when(scope):
                    if plan[4] and prefix + qid in answers:  # a count is kept even when not asked
                        kept += 1
                        if keys is not None:
                            keys.append(prefix + qid)
                        if index is not None:
                            index.setdefault(prefix, {})[qid] = answers[prefix + qid]
                    continue
                checks.append(check)
                wanted.append(prefix + qid)
                n += 1
            spans.append((step, prefix, n))
        found = list(map(answers.get, wanted))
        kept += len(found) - found.count(None)
        if keys is not None:
            keys.extend([key for key, value in zip(wanted, found, strict=True) if value is not None])
        if out is None:
            return kept
        todo = zip(checks, wanted, found, strict=True)
        item: dict[str, str] | None = None
        for step, prefix, n in spans:
            start = len(out)
            scope = None
            if index is not None:
                item = index.get(prefix)
                if item is None:
                    item = index[prefix] = {}
            for (qid, q, required, is_count, has_check, known, read), key, value in islice(todo, n):
                if item is not None and value is not None:
                    item[qid] = value
                if not value:
                    if required:
                        out.append(FieldError(key, q, _("This answer is required: {label}.").format(
                            label=_(q.label)), prefix + step.id))
                    continue
                if is_count:
                    continue
                reading = known.get(value)
                if reading is None:
                    reading = known[value] = read(value)
                if reading[1]:
                    for message in reading[1]:
                        out.append(FieldError(key, q, message, prefix + step.id))
                elif has_check and not reading[3]:
                    if scope is None:
                        scope = scopes.get(prefix)
                        if scope is None:
                            scope = scopes[prefix] = Scope(answers, prefix)
                    problem = own_rule_problem(q, reading, scope)
                    if problem:
                        out.append(FieldError(key, q, problem, prefix + step.id))
            if step.rules and len(out) == start:
                if scope is None:
                    scope = scopes.get(prefix)
                    if scope is None:
                        scope = scopes[prefix] = Scope(answers, prefix)
                self._rules(step, prefix, scope, out)
        return kept

    def _pass_clean(self, memo: _Layout, index: dict[str, dict[str, str]] | None) -> int | None:
        """`_pass` with `out` over the walk of `memo`, for answers without any error, question
        by question rather than step by step: the answers of one question in every item are
        looked up at once and each distinct value read once; then the questions' own rules and
        the steps' rules, item by item. Gives what `_pass` gives (the count kept, `index`) when
        nothing is found, and None at the first error found (`_pass` then lists every error in
        its order).

        With `index`, the answers are first filed by item in one pass over them (`_by_item`):
        when every answer turns out to be one that applies, found where the walk looks for it,
        that filing is the index; otherwise the pass is made again, reading the answers by key."""
        language = memo.language
        if index is not None:
            filed = _by_item(self.answers)
            if filed is not None:
                groups, entered, scopes, children = walk_groups(self.form, self.answers, filed)
                kept = self._clean(groups, language, None, filed, scopes)
                if kept is None:
                    return None
                if kept == len(self.answers) == sum(map(len, filed.values())):
                    # Every answer was found under the prefix and id the walk gives it: `filed`
                    # holds what `_pass` files; the walk's items without answers get none.
                    index.update(filed)
                    self._children = children
                    if len(index) != entered:
                        for _step, prefixes, _items in groups.values():
                            for prefix in prefixes:
                                if prefix not in index:
                                    index[prefix] = {}
                    return kept
        walk = self._walk(memo)
        grouped: dict[int, tuple[Step, list[str], None]] = {}
        for step, prefix in walk:
            found = grouped.get(id(step))
            if found is None:
                found = grouped[id(step)] = (step, [], None)
            found[1].append(prefix)
        if index is not None:
            for _step, prefix in walk:  # `_pass` files every item of the walk, even with no answer
                if prefix not in index:
                    index[prefix] = {}
        return self._clean(grouped, language, index, None)

    def _clean(
        self, groups: Mapping[int, tuple[Step, list[str], list[Mapping[str, str]] | None]], language: str,
        index: dict[str, dict[str, str]] | None, filed: dict[str, dict[str, str]] | None,
        scopes: dict[str, Scope] | None = None,
    ) -> int | None:
        """`_pass_clean` over the walk grouped by step (with the answers of each item filed
        by `_by_item`, or None), reading the answers by key (filing them in `index`), or from
        the items (`filed` is given then; `index` is None)."""
        answers = self.answers
        plans = self._plans_in(language)
        if scopes is None:
            scopes = {}

        def scope_of(prefix: str) -> Scope:
            scope = scopes.get(prefix)
            if scope is None:
                scope = scopes[prefix] = Scope(answers, prefix)
            return scope

        by_step: list[tuple[_Plan, list[str], list[Mapping[str, str]] | None]] = []
        for step, prefixes, items in groups.values():
            plan = plans.get(id(step))
            if plan is None or plan[0] is not step:
                plan = self._plan(step, language)
            by_step.append((plan, prefixes, items if filed is not None else None))
        kept = 0
        ruled: list[tuple[Step, list[str], list[Scope]]] = []
        for plan, prefixes, items in by_step:
            step = plan[0]
            step_scopes: list[Scope] = []  # the scope of each item, made once for the step's conditions and rules
            if step.rules:
                ruled.append((step, prefixes, step_scopes))
            whens = plan[3]
            if whens is not None and (items is None or plan[4]):
                # some question has a `when`, answers read by key or a count step: item by item
                for i, prefix in enumerate(prefixes):
                    n = self._clean_item(plan, prefix, scope_of(prefix), index, None if items is None else items[i])
                    if n is None:
                        return None
                    kept += n
                continue
            columns = []
            for at, (qid, q, required, is_count, has_check, known, read) in enumerate(plan[2]):
                when = whens[at][1] if whens is not None else None
                asked = prefixes
                if items is None:
                    column = list(map(answers.get, [prefix + qid for prefix in prefixes]))
                elif when is None:
                    column = list(map(dict.get, items, repeat(qid)))
                else:  # only the items where it is asked (an answer elsewhere is not kept)
                    if not step_scopes:
                        step_scopes += map(scope_of, prefixes)
                    shown = list(map(when, step_scopes))
                    asked = list(compress(prefixes, shown))
                    column = list(map(dict.get, compress(items, shown), repeat(qid)))
                kept += len(column) - column.count(None)
                for value in set(column):
                    if not value:
                        if required:
                            return None
                        continue
                    if not is_count:  # `_read_once`, inline: once per distinct value of each column
                        reading = known.get(value)
                        if reading is None:
                            reading = known[value] = read(value)
                        if reading[1]:
                            return None
                if has_check and not is_count:
                    for prefix, value in zip(asked, column, strict=True):
                        if value and own_rule_problem(q, known[value], scope_of(prefix)):
                            return None
                columns.append(column)
            if index is not None:
                qids = plan[1]
                rows = zip(prefixes, zip(*columns, strict=True), strict=True)
                if any(None in column for column in columns):
                    for prefix, row in rows:
                        index[prefix].update([(qid, v) for qid, v in zip(qids, row, strict=True) if v is not None])
                else:
                    for prefix, row in rows:
                        index[prefix].update(zip(qids, row, strict=True))
        scratch: list[FieldError] = []
        for step, prefixes, step_scopes in ruled:
            rules = step.rules
            if not step_scopes:
                step_scopes += map(scope_of, prefixes)
            for prefix, scope in zip(prefixes, step_scopes, strict=True):
                for rule in rules:
                    if rule(scope):  # a message (or an iterator): `_rules` tells whether it is an error
                        self._rules(step, prefix, scope, scratch)
                        if scratch:
                            return None
                        break
        return kept

    def _clean_item(
        self, plan: _Plan, prefix: str, scope: Scope, index: dict[str, dict[str, str]] | None,
        filed: dict[str, str] | None,
    ) -> int | None:
        """`_clean` for one item of a step with questions that may not apply; its answers read
        by key, or from `filed` (the item's answers by question id)."""
        answers = self.answers
        item = index[prefix] if index is not None else None
        kept = 0
        for qid, when, (_qid, q, required, is_count, has_check, known, read) in plan[3]:  # type: ignore[union-attr]
            if when is not None and not when(scope):
                if plan[4]:  # a count is kept even when not asked
                    found = answers.get(prefix + qid) if filed is None else filed.get(qid)
                    if found is not None:
                        kept += 1
                        if item is not None:
                            item[qid] = found
                continue
            value = answers.get(prefix + qid) if filed is None else filed.get(qid)
            if value is None:
                if required:
                    return None
                continue
            kept += 1
            if item is not None:
                item[qid] = value
            if not value:
                if required:
                    return None
                continue
            if is_count:
                continue
            reading = _read_once(value, known, read)
            if reading is None or (has_check and own_rule_problem(q, reading, scope)):
                return None
        return kept

    def _rules(self, step: Step, prefix: str, scope: Scope, out: list[FieldError]) -> None:
        """The step's cross-field rules; a message goes to the question it names (the first shown
        when none of them has that id)."""
        by_id: dict[str, tuple[str, Question]] | None = None
        shown: list[tuple[str, Question]] = []
        for rule in step.rules:
            for qid, message in rule(scope):
                if by_id is None:
                    shown = shown_questions(step, prefix, self.answers)
                    by_id = {q.id: (key, q) for key, q in shown}
                key, q = by_id.get(qid, (prefix + qid, shown[0][1] if shown else None))  # type: ignore[assignment]
                if q is not None:
                    out.append(FieldError(key, q, message, prefix + step.id))


# How one answer is checked: (question id, question, required, is a count, has an own rule, readings
# of its values, its reader: `read_answer` compiled for the question)
_Check = tuple[str, Question, bool, bool, bool, dict[str, Reading], Callable[[str], Reading]]
# (step, its question ids, their checks, (id, when, check) of each when some question has a
# `when` (None otherwise), whether every question is kept even when not asked: a count step)
_Plan = tuple[Step, tuple[str, ...], tuple[_Check, ...], tuple[tuple[str, Any, _Check], ...] | None, bool]

def _read_once(value: str, known: dict[str, Reading], read: Callable[[str], Reading]) -> Reading | None:
    """The reading of `value` (read once per question and build: `known`), None when it has errors."""
    reading = known.get(value)
    if reading is None:
        reading = known[value] = read(value)
    return None if reading[1] else reading


def _by_item(answers: dict[str, str]) -> dict[str, dict[str, str]] | None:
    """The answers filed by item prefix and question id in one pass over them, when every key
    reads as prefix + a two-part id ("salaries.0." + "individu.nom", "" + "declaration.mois");
    None when one does not (another shape of id: `_pass_clean` reads the answers by key)."""
    filed: dict[str, dict[str, str]] = {}
    last = "\0"  # the prefix of the key before: the next keys are usually of the same item
    item: dict[str, str] = {}
    # Every two-part id met so far (interned): a key made of `last` and one of them is filed
    # at once; any other key is cut as below (a new item, or an id not met yet).
    ids: dict[str, str] = {}
    known = ids.get
    for key, value in answers.items():
        rest = key.removeprefix(last)
        if len(rest) != len(key):  # `last` began the key (one call where startswith and a cut are two)
            qid = known(rest)
            if qid is not None:
                item[qid] = value
                continue
        cut = key.rfind(".", 0, key.rfind("."))
        if cut < 0:
            prefix = ""
        elif key[cut - 1].isdigit():
            prefix = key[:cut + 1]
        else:
            return None
        item = filed.get(prefix)
        if item is None:
            item = filed[prefix] = {}
        last = prefix
        cut_id = key[cut + 1:]
        qid = known(cut_id)  # usually an id met in an item before
        if qid is None:
            qid = intern(cut_id)
            if qid.count(".") == 1:
                ids[qid] = qid
        item[qid] = value
    return filed


def checked_once(form: Form, answers: dict[str, str]) -> tuple[list[FieldError], KeptAnswers | None]:
    """`FormSession(form, answers).errors_and_answers()` for a session used once and let go
    (a build): its one copy of the answers is what it lays out and hands over, not copied
    again. Nothing may use the session afterwards."""
    session = FormSession(form)
    own = session.answers = KeptAnswers(answers)
    session._layout = _Layout(get_language(), own)  # the layout's answers are the session's: they never change
    return session.errors_and_answers()


_DISTINCT: dict[int, tuple[Form, bool]] = {}


def _distinct_keys(form: Form) -> bool:
    """True when no two questions of the form can have the same key in any layout, and no key of
    a question holds FACT_MARK: the ids met at one level (the questions of its steps and the
    counts of its repeats) differ, so do the ids of its repeats, and no id has a number or
    "avant" for a part (as "salaries.0.x" would, under another prefix). Then counting the
    answers kept tells whether every answer is kept."""
    found = _DISTINCT.get(id(form))
    if found is None or found[0] is not form:
        found = _DISTINCT[id(form)] = (form, _level_distinct(form.items))
    return found[1]


def _level_distinct(items: tuple[Step | Repeat, ...]) -> bool:
    ids: list[str] = []
    repeats: list[str] = []
    for item in items:
        if isinstance(item, Step):
            ids.extend(q.id for q in item.questions)
        else:
            ids.append(item.count.id)
            repeats.append(item.id)
            if not _level_distinct(item.items):
                return False
    if len(set(ids)) != len(ids) or len(set(repeats)) != len(repeats):
        return False
    fact = FACT_MARK.strip(".")
    return not any(part.isdigit() or part == fact for name in ids + repeats for part in name.split("."))
