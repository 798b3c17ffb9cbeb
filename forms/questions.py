"""Form definitions: a declaration is a sequence of steps, a step a small group of questions.

One definition drives the Textual wizard, the plain line mode and `comptoir build`:

- `Question`: id, label and help (English msgids, translated when shown), a `Kind`, the
  rubrique(s) it feeds, when it applies (`when`), its own check and its default.
- `Step`: a titled group of questions with cross-field `rules`.
- `Repeat`: steps asked once per item (each employee, each premium…); how many is itself
  a question, asked first.
- `Form`: the whole declaration; `Form.steps(answers)` lays it out for given answers.

Answers are one flat mapping `key → canonical text` (see `forms.values`). A question's key
is its id under the prefix of the repeat item it belongs to: `salaries.1.individu.nom`.
`Scope` reads answers from inside an item, looking outwards (`individu.nom` first in the
item, then in the enclosing ones), so a rule is written once for every item.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from itertools import repeat
from typing import Any

from forms.i18n import _
from forms.values import as_date, as_decimal


class Kind(StrEnum):
    TEXT = "text"          # free text (names, addresses, labels)
    UPPER = "upper"        # text written upper case without accents (names, places)
    DATE = "date"
    MONTH = "month"        # a month, canonical YYYY-MM
    TIME = "time"          # HH:MM
    AMOUNT = "amount"      # money, two decimals
    DECIMAL = "decimal"    # quotités, rates: `decimals` places
    INTEGER = "integer"
    COUNT = "count"        # how many items a Repeat has
    CODE = "code"          # one code of a list (norm or our own)
    YESNO = "yesno"        # canonical "oui" / "non"
    SIRET = "siret"
    SIREN = "siren"
    NIR = "nir"            # 13 or 15 characters typed; 13 kept
    IBAN = "iban"
    BIC = "bic"
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"


Predicate = Callable[["Scope"], bool]
Default = Callable[["Scope"], str]


@dataclass(frozen=True)
class Question:
    id: str
    label: str                       # English msgid; shown through `_`
    kind: Kind = Kind.TEXT
    help: str = ""                   # English msgid
    rubriques: tuple[str, ...] = ()  # what it feeds (for review and jumps from findings)
    required: bool = True
    when: Predicate | None = None
    codes: str | None = None         # rubrique whose norm code list is offered
    choices: tuple[tuple[str, str], ...] = ()  # our own list: (code, English msgid)
    only: tuple[str, ...] = ()       # restrict a norm list to these codes
    external: str | None = None      # name in forms.codelists.EXTERNAL: format only
    pattern: str | None = None       # regex the canonical value must match (own rule)
    pattern_hint: str = ""           # English msgid: what the pattern expects
    min_length: int = 0
    max_length: int | None = None
    decimals: int = 2
    negative: bool = False
    low: int = 0
    high: int | None = None
    check: Callable[[str, Scope], str | None] | None = None  # own rule on the canonical value
    default: str | Default | None = None

    def __post_init__(self) -> None:
        # One string object per id: answers filed by item use it as their key (`sys.intern`),
        # so looking an answer up compares identities, not characters.
        object.__setattr__(self, "id", sys.intern(self.id))

    def applies(self, scope: Scope) -> bool:
        return self.when is None or bool(self.when(scope))

    def default_for(self, scope: Scope) -> str:
        if self.default is None:
            return ""
        return self.default(scope) if callable(self.default) else self.default


@dataclass(frozen=True)
class Step:
    id: str
    title: str                                    # English msgid
    questions: tuple[Question, ...]
    rules: tuple[Callable[[Scope], list[tuple[str, str]]], ...] = ()  # → [(question id, message)]
    when: Predicate | None = None
    help: str = ""


@dataclass(frozen=True)
class Repeat:
    id: str                      # key prefix of its items: "salaries" → "salaries.0."
    count: Question              # asked first, in a step of its own
    items: tuple[Step | Repeat, ...]
    item_title: str              # English msgid with {n} (1-based) and {name}
    title: str = ""              # title of the count step
    name: Callable[[Scope], str] | None = None  # e.g. the employee's name for titles
    when: Predicate | None = None


@dataclass(frozen=True)
class Form:
    kind: str
    title: str
    items: tuple[Step | Repeat, ...]

    def steps(self, answers: Mapping[str, str]) -> list[StepInstance]:
        """The steps that apply to these answers, in order, repeats expanded."""
        out: list[StepInstance] = []
        _lay_out(self.items, answers, "", "", out)
        return out

    def walk(self, answers: Mapping[str, str]) -> list[tuple[Step, str]]:
        """(step, prefix) of `steps(answers)`, in the same order, without their titles."""
        out: list[tuple[Step, str]] = []
        _walk(self.items, answers, "", out)
        return out


@dataclass(frozen=True)
class StepInstance:
    step: Step
    prefix: str          # "" or "salaries.0." …
    context: str = ""    # "Salarié 2 — MARTIN Paul" for titles inside a repeat

    @property
    def id(self) -> str:
        return self.prefix + self.step.id

    def key(self, question: Question) -> str:
        return self.prefix + question.id

    def title(self) -> str:
        base = _(self.step.title)
        return f"{self.context} — {base}" if self.context else base

    def questions(self, answers: Mapping[str, str]) -> list[tuple[str, Question]]:
        return shown_questions(self.step, self.prefix, answers)


# Step → (its questions as (id, question), whether any has a `when`), read once per step.
_STEP_PLANS: dict[int, tuple[Step, tuple[tuple[str, Question], ...], bool]] = {}


def _plan(step: Step) -> tuple[tuple[tuple[str, Question], ...], bool]:
    found = _STEP_PLANS.get(id(step))
    if found is None or found[0] is not step:
        pairs = tuple((q.id, q) for q in step.questions)
        found = _STEP_PLANS[id(step)] = (step, pairs, any(q.when is not None for _qid, q in pairs))
    return found[1], found[2]


def shown_questions(step: Step, prefix: str, answers: Mapping[str, str]) -> list[tuple[str, Question]]:
    """(key, question) of the questions of `step` under `prefix` that apply to these answers."""
    pairs, conditional = _plan(step)
    if not conditional:
        return [(prefix + qid, q) for qid, q in pairs]
    scope = Scope(answers, prefix)
    return [(prefix + qid, q) for qid, q in pairs if q.when is None or q.when(scope)]


def _count(answers: Mapping[str, str], key: str) -> int:
    try:
        return max(0, int(answers.get(key, "") or 0))
    except ValueError:
        return 0


_COUNT_STEPS: dict[int, tuple[Repeat, Step]] = {}


def _count_step(item: Repeat) -> Step:
    """The step asking a repeat's count: one object per repeat (it holds the repeat alive)."""
    found = _COUNT_STEPS.get(id(item))
    if found is None or found[0] is not item:
        found = _COUNT_STEPS[id(item)] = (item, Step(f"{item.id}.count", item.title or item.count.label, (item.count,)))
    return found[1]


def _lay_out(
    items: tuple[Step | Repeat, ...], answers: Mapping[str, str], prefix: str, context: str, out: list[StepInstance]
) -> None:
    scope = Scope(answers, prefix)
    for item in items:
        if item.when is not None and not item.when(scope):
            continue
        if isinstance(item, Step):
            out.append(StepInstance(item, prefix, context))
            continue
        out.append(StepInstance(_count_step(item), prefix, context))
        template = _(item.item_title)  # translated once per repeat, not once per item
        named = item.name is not None and "{name}" in template
        for n in range(_count(answers, prefix + item.count.id)):
            inner = f"{prefix}{item.id}.{n}."
            name = item.name(Scope(answers, inner)) if named else ""  # type: ignore[misc]
            title = template.format(n=n + 1, name=name).strip(" —")
            _lay_out(item.items, answers, inner, f"{context} — {title}" if context else title, out)


def _walk(items: tuple[Step | Repeat, ...], answers: Mapping[str, str], prefix: str, out: list[tuple[Step, str]]) -> None:
    """`_lay_out` without the titles: the same steps, the same predicates asked in the same order."""
    _walk_level(_level(items), answers, prefix, out)


# One level of a form as `_walk_level` reads it: per item, (its `when`, the step, or None for a
# repeat; then for a repeat: its count step, count id, id, the one step of each of its items
# asked without condition or None, and its own items' level).
_Entry = tuple[Any, Step | None, Step | None, str, str, Step | None, Any]
_LEVELS: dict[int, tuple[tuple[Step | Repeat, ...], tuple[_Entry, ...]]] = {}


def _level(items: tuple[Step | Repeat, ...]) -> tuple[_Entry, ...]:
    """The entries of `items`, worked out once per tuple of items."""
    found = _LEVELS.get(id(items))
    if found is None or found[0] is not items:
        entries: list[_Entry] = []
        for item in items:
            if isinstance(item, Step):
                entries.append((item.when, item, None, "", "", None, None))
                continue
            inner = item.items
            only = inner[0] if len(inner) == 1 and isinstance(inner[0], Step) and inner[0].when is None else None
            entries.append((item.when, None, _count_step(item), item.count.id, item.id, only, None if only else inner))
        found = _LEVELS[id(items)] = (items, tuple(entries))
    return found[1]


def _walk_level(level: tuple[_Entry, ...], answers: Mapping[str, str], prefix: str, out: list[tuple[Step, str]]) -> None:
    scope: Scope | None = None
    for when, step, count_step, count_id, repeat_id, only, inner in level:
        if when is not None:
            if scope is None:
                scope = Scope(answers, prefix)
            if not when(scope):
                continue
        if step is not None:
            out.append((step, prefix))
            continue
        out.append((count_step, prefix))  # type: ignore[arg-type]
        try:
            n = int(answers.get(prefix + count_id, "") or 0)
        except ValueError:
            n = 0
        if n <= 0:
            continue
        base = f"{prefix}{repeat_id}."
        if only is not None:  # one step asked for each item whatever the answers: no recursion
            out += [(only, f"{base}{i}.") for i in range(n)]
            continue
        inner_level = _level(inner)
        for i in range(n):
            _walk_level(inner_level, answers, f"{base}{i}.", out)


def walk_groups(
    form: Form, answers: Mapping[str, str], filed: Mapping[str, Mapping[str, str]],
) -> tuple[dict[int, tuple[Step, list[str], list[Mapping[str, str]]]], int, dict[str, Scope], Children]:
    """`form.walk(answers)` grouped by step: id(step) → (step, the prefixes it is asked under
    in walk order, the answers filed under each), with how many items the walk entered, the
    scope of each item it went into (a `FiledScope`) and the items of each repeat it went
    through (prefix → repeat id → their prefixes and answers; none for a repeat counted 0).
    The counts are read from `filed` (every answer filed by item: "salaries.0." →
    "bases.nombre" → answer; an item without answers has none)."""
    walk = _GroupWalk(answers, filed)
    walk.level(_level(form.items), "", filed.get("", _NOTHING), ())
    return walk.groups, walk.entered, walk.scopes, walk.children


# A group of `walk_groups`: the step, the prefixes it is asked under, the answers of each.
_Group = tuple[Step, list[str], list[Mapping[str, str]]]


class _GroupWalk:
    """The state of one `walk_groups` (a class rather than a closure calling itself, which would
    keep everything the walk went through alive until the next collection)."""

    __slots__ = ("answers", "children", "entered", "filed", "groups", "scopes", "walked")

    def __init__(self, answers: Mapping[str, str], filed: Mapping[str, Mapping[str, str]]) -> None:
        self.answers = answers
        self.filed = filed
        self.groups: dict[int, _Group] = {}
        self.entered = 0
        self.scopes: dict[str, Scope] = {}
        self.children: Children = {}
        # id(level) → its entries, each with the groups of its step and of its items' one step
        # (found when the walk first asks them, so that the groups come in walk order).
        self.walked: dict[int, list[list[Any]]] = {}

    def group(self, step: Step) -> _Group:
        found = self.groups.get(id(step))
        if found is None:
            found = self.groups[id(step)] = (step, [], [])
        return found

    def level(self, level: tuple[_Entry, ...], prefix: str, item: Mapping[str, str],
              outer: tuple[Mapping[str, str], ...]) -> None:
        self.entered += 1
        chain = (item, *outer)
        scope = self.scopes[prefix] = FiledScope(self.answers, prefix, chain)
        entries = self.walked.get(id(level))
        if entries is None:
            entries = self.walked[id(level)] = [[*entry, None, None] for entry in level]
        kids: dict[str, tuple[list[str], list[Mapping[str, str]]]] | None = None
        for entry in entries:
            when, step, count_step, count_id, repeat_id, only, inner, found, inner_found = entry
            if when is not None and not when(scope):
                continue
            if found is None:
                found = entry[7] = self.group(step if step is not None else count_step)
            found[1].append(prefix)
            found[2].append(item)
            if count_step is None:
                continue
            if kids is None:
                kids = self.children[prefix] = {}
            try:
                n = int(item.get(count_id, "") or 0)
            except ValueError:
                n = 0
            if n <= 0:
                kids[repeat_id] = _NO_CHILDREN
                continue
            base = f"{prefix}{repeat_id}."
            prefixes = list(map(base.__add__, _INDEXES[:n])) if n <= len(_INDEXES) else [f"{base}{i}." for i in range(n)]
            items = list(map(self.filed.get, prefixes, repeat(_NOTHING)))
            kids[repeat_id] = (prefixes, items)
            if only is not None:  # one step asked for each item whatever the answers
                if inner_found is None:
                    inner_found = entry[8] = self.group(only)
                inner_found[1].extend(prefixes)
                inner_found[2].extend(items)
                self.entered += n
                continue
            inner_level = _level(inner)
            for inner_prefix, inner_item in zip(prefixes, items, strict=True):
                self.level(inner_level, inner_prefix, inner_item, chain)


# prefix → repeat id → the prefixes of the repeat's items and their answers (see `walk_groups`)
Children = dict[str, dict[str, tuple[list[str], list[Mapping[str, str]]]]]
_INDEXES = tuple(f"{i}." for i in range(256))  # the item parts of the prefixes of a repeat: "0.", "1." …
_NO_CHILDREN: tuple[list[str], list[Mapping[str, str]]] = ([], [])  # a repeat counted 0: shared, never changed
_NOTHING: dict[str, str] = {}


def _chain_of(prefix: str) -> tuple[str, ...]:
    """"salaries.0.primes.1." → ("salaries.0.primes.1.", "salaries.0.", "")."""
    out = [prefix]
    while prefix:
        # drop the last two parts: "salaries.0.primes.1." → "salaries.0."
        text = prefix.rstrip(".")
        last = text.rfind(".")
        cut = text.rfind(".", 0, last) if last >= 0 else -1
        prefix = text[: cut + 1] if cut >= 0 else ""
        out.append(prefix)
    return tuple(out)


class Scope:
    """Answers seen from inside a repeat item (`prefix`), looking outwards for a key."""

    __slots__ = ("_chain", "answers", "prefix")

    def __init__(self, answers: Mapping[str, str], prefix: str = "") -> None:
        self.answers = answers
        self.prefix = prefix
        self._chain: tuple[str, ...] | None = None

    def _prefixes(self) -> tuple[str, ...]:
        """The prefixes `_candidates` walks, computed once per scope."""
        chain = self._chain
        if chain is None or chain[0] != self.prefix:
            chain = self._chain = _chain_of(self.prefix)
        return chain

    def _candidates(self, qid: str) -> Iterator[str]:
        prefix = self.prefix
        while True:
            yield prefix + qid
            if not prefix:
                return
            # "salaries.0.primes.1." → "salaries.0." → ""
            parts = prefix.rstrip(".").split(".")
            prefix = ".".join(parts[:-2]) + "." if len(parts) > 2 else ""

    def key(self, qid: str) -> str:
        for p in self._prefixes():
            if p + qid in self.answers:
                return p + qid
        return self.prefix + qid

    def get(self, qid: str, default: str = "") -> str:
        chain = self._chain
        if chain is None or chain[0] != self.prefix:
            chain = self._prefixes()
        get = self.answers.get
        for p in chain:
            v = get(p + qid)
            if v:
                return v
        return default

    __getitem__ = get

    def is_(self, qid: str, *values: str) -> bool:
        return self.get(qid) in values

    def yes(self, qid: str) -> bool:
        return self.get(qid) == "oui"

    def date(self, qid: str) -> date | None:
        return as_date(self.get(qid))

    def amount(self, qid: str) -> Decimal:
        return as_decimal(self.get(qid))

    def items(self, repeat_id: str, count_id: str) -> list[Scope]:
        """The item scopes of a repeat directly under this scope."""
        n = _count(self.answers, self.key(count_id))
        return [Scope(self.answers, f"{self.prefix}{repeat_id}.{i}.") for i in range(n)]

    def within(self, sub: str) -> Scope:
        return Scope(self.answers, self.prefix + sub)


class FiledScope(Scope):
    """A `Scope` reading its answers from their filing by item: `items` holds the answers
    filed under each prefix `Scope` looks through ("salaries.0.bases.1.", "salaries.0.", ""),
    by question id, every answer filed (see `forms.session`). The same answers as looking
    "salaries.0.bases.1.base.debut" up, without building the key."""

    __slots__ = ("_items",)

    def __init__(self, answers: Mapping[str, str], prefix: str, items: tuple[Mapping[str, str], ...]) -> None:
        # Scope.__init__ written out: one is made per item of a large form's walk.
        self.answers = answers
        self.prefix = prefix
        self._chain = None
        self._items = items

    def get(self, qid: str, default: str = "") -> str:
        if qid.count(".") != 1:  # not filed as prefix + this id: look the key up
            return Scope.get(self, qid, default)
        for item in self._items:
            v = item.get(qid)
            if v:
                return v
        return default

    __getitem__ = get


@dataclass
class FieldError:
    """An open problem on one answer (`key`), with the question for its label."""

    key: str
    question: Question
    message: str
    step_id: str = ""
    blocking: bool = True

    def label(self) -> str:
        return _(self.question.label)


@dataclass
class Checked:
    """The outcome of checking one typed answer."""

    value: str | None                  # canonical text, None when refused
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # not blocking: "written as …", "not verified offline"
    written: str = ""                  # what the file will hold, when it differs from the input

    @property
    def ok(self) -> bool:
        return not self.errors
