"""Declarative controls: one rule object per CT control, naming the rubriques it reads.

A rule runs on each occurrence of its *scope* block (by default the block of its target
rubrique) once that occurrence and its descendants are complete. Conditions and rubriques
of enclosing blocks (the contract of an arrêt, the nature of the declaration…) are read with
`occ.get(code)`.

Shapes (each knows how to describe itself in plain words and how to build a passing and a
failing example, from which tests are generated):

    Required(target, when=...)          target must be present when the condition holds
    Forbidden(target, when=...)         target must be absent when the condition holds
    RequiredIff(target, when)           present if and only if the condition holds
    ValueIn(target, values, when=...)   when present (and condition), target is one of values
    ValueNotIn(target, values, when=...)
    Compare(target, op, other, when=...) dates (JJMMAAAA), amounts or integers; skipped when
                                        either side is absent. `other` is a code or Const(v).
    RequiredChild(block, when=..., scope=...) / ForbiddenChild(...)  a child block occurrence
    Check(scope, reads, fn, cases, ...)  anything else: fn(occ, ctx) -> message | None
    NotDecidable(reason, detail)        listed, with why it cannot be decided from one file

Conditions: Eq(code, *values), NotEq, Present, Absent, And, Or, Not, Nature(*natures),
DeclType(*types), CmpCond(a, op, b), Always, HasChild(block). Values of `Eq` are exact codes.

Speed: the validator compiles, per block and nature, one function that tells which rules
may report on an occurrence (`RuleCompiler`): the shapes above are read exactly, a `Check`
through its triggers and its optional `guard` (a condition without which it never reports).
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from types import CodeType
from typing import Any, Protocol

from forms.controls.syntax import parse_date
from forms.dsn.tree import Occurrence
from forms.i18n import N_, _
from forms.norm import Norm, Rubrique

NATURE = "S20.G00.05.001"
DECL_TYPE = "S20.G00.05.002"

# An example is a mapping code → value (None: absent), plus `blocks` for child blocks.
Example = dict[str, str | None]


class Context(Protocol):
    norm: Norm


@dataclass
class RuleContext:
    """What a rule may use besides the occurrence itself."""

    norm: Norm
    file_date: dt.date | None = None  # S20.G00.05.007 of the declaration


def _quote(norm: Norm, code: str) -> str:
    return f"« {norm.label(code)} » ({code})"


def _values_words(norm: Norm, code: str, values: Sequence[str]) -> str:
    r = norm.rubriques.get(code)
    parts = []
    for v in values:
        label = r.codes.get(v) if r else None
        parts.append(f"« {v} - {label} »" if label else f"« {v} »")
    if len(parts) == 1:
        return parts[0]
    return _("{first} or {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def sample_value(r: Rubrique, avoid: Iterable[str] = ()) -> str | None:
    """A value that passes the rubrique's syntax, for generated examples."""
    avoid = set(avoid)
    for code in r.codes:
        if code not in avoid:
            return code
    if r.codes:
        return None
    pattern = r.pattern or ""
    candidates: list[str] = []
    if r.is_date or "(0[1-9]|[1-2][0-9]|3[0-1])(0[1-9]|1[0-2])" in pattern:
        candidates += ["01012026", "15012026", "31122025"]
    candidates += ["1.00", "0.00", "10.00", "100.00", "1", "10", "01", "1" * r.min_length]
    candidates += ["A" * max(1, r.min_length), "1" * max(1, r.min_length), "12345678901234"[: r.max_length]]
    for c in candidates:
        if c in avoid or not (r.min_length <= len(c) <= r.max_length):
            continue
        if r.regex is None or r.regex.fullmatch(c):
            return c
    return None


# ----------------------------------------------------------------------------- conditions
class Cond:
    def test(self, occ: Occurrence) -> bool:
        raise NotImplementedError

    def describe(self, norm: Norm) -> str:
        raise NotImplementedError

    def reads(self) -> frozenset[str]:
        return frozenset()

    def example(self, norm: Norm, truth: bool) -> Example | None:
        """Values making the condition `truth`, or None when none can be built."""
        return None

    def triggers(self, scope: str) -> frozenset[str] | None:
        """Rubriques of the scope block one of which must be present for the condition to
        hold (None: no such set). Lets the validator skip rules cheaply."""
        return None

    def __and__(self, other: Cond) -> Cond:
        return And(self, other)

    def __or__(self, other: Cond) -> Cond:
        return Or(self, other)

    def __invert__(self) -> Cond:
        return Not(self)


class _Always(Cond):
    def test(self, occ: Occurrence) -> bool:
        return True

    def describe(self, norm: Norm) -> str:
        return _("always")

    def example(self, norm: Norm, truth: bool) -> Example | None:
        return {} if truth else None


Always = _Always()


@dataclass(frozen=True)
class Eq(Cond):
    code: str
    values: tuple[str, ...]

    def __init__(self, code: str, *values: str) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "values", tuple(values))

    def test(self, occ: Occurrence) -> bool:
        return occ.get(self.code) in self.values

    def describe(self, norm: Norm) -> str:
        return _("{rubrique} is {values}").format(
            rubrique=_quote(norm, self.code), values=_values_words(norm, self.code, self.values)
        )

    def reads(self) -> frozenset[str]:
        return frozenset({self.code})

    def triggers(self, scope: str) -> frozenset[str] | None:
        return frozenset({self.code}) if self.code[:10] == scope else None

    def example(self, norm: Norm, truth: bool) -> Example | None:
        if truth:
            return {self.code: self.values[0]}
        r = norm.rubriques.get(self.code)
        other = sample_value(r, avoid=self.values) if r else None
        return {self.code: other} if other is not None else {self.code: None}


@dataclass(frozen=True)
class NotEq(Cond):
    """Present and not one of values."""

    code: str
    values: tuple[str, ...]

    def __init__(self, code: str, *values: str) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "values", tuple(values))

    def test(self, occ: Occurrence) -> bool:
        value = occ.get(self.code)
        return value is not None and value not in self.values

    def describe(self, norm: Norm) -> str:
        return _("{rubrique} is not {values}").format(
            rubrique=_quote(norm, self.code), values=_values_words(norm, self.code, self.values)
        )

    def reads(self) -> frozenset[str]:
        return frozenset({self.code})

    def triggers(self, scope: str) -> frozenset[str] | None:
        return frozenset({self.code}) if self.code[:10] == scope else None

    def example(self, norm: Norm, truth: bool) -> Example | None:
        if not truth:
            return {self.code: self.values[0]}
        r = norm.rubriques.get(self.code)
        other = sample_value(r, avoid=self.values) if r else None
        return {self.code: other} if other is not None else None


@dataclass(frozen=True)
class Present(Cond):
    code: str

    def test(self, occ: Occurrence) -> bool:
        return occ.get(self.code) is not None

    def describe(self, norm: Norm) -> str:
        return _("{rubrique} is given").format(rubrique=_quote(norm, self.code))

    def reads(self) -> frozenset[str]:
        return frozenset({self.code})

    def triggers(self, scope: str) -> frozenset[str] | None:
        return frozenset({self.code}) if self.code[:10] == scope else None

    def example(self, norm: Norm, truth: bool) -> Example | None:
        if not truth:
            return {self.code: None}
        r = norm.rubriques.get(self.code)
        v = sample_value(r) if r else None
        return {self.code: v} if v is not None else None


@dataclass(frozen=True)
class Absent(Cond):
    code: str

    def test(self, occ: Occurrence) -> bool:
        return occ.get(self.code) is None

    def describe(self, norm: Norm) -> str:
        return _("{rubrique} is not given").format(rubrique=_quote(norm, self.code))

    def reads(self) -> frozenset[str]:
        return frozenset({self.code})

    def example(self, norm: Norm, truth: bool) -> Example | None:
        return Present(self.code).example(norm, not truth)


def _merge(parts: Iterable[Example | None]) -> Example | None:
    out: Example = {}
    for p in parts:
        if p is None:
            return None
        for k, v in p.items():
            if k in out and out[k] != v:
                return None
            out[k] = v
    return out


@dataclass(frozen=True)
class And(Cond):
    parts: tuple[Cond, ...]

    def __init__(self, *parts: Cond) -> None:
        object.__setattr__(self, "parts", tuple(parts))

    def test(self, occ: Occurrence) -> bool:
        for p in self.parts:  # all(...) without a generator: rules test conditions often
            if not p.test(occ):
                return False
        return True

    def triggers(self, scope: str) -> frozenset[str] | None:
        for p in self.parts:  # every part must hold: any one part's triggers will do
            found = p.triggers(scope)
            if found is not None:
                return found
        return None

    def describe(self, norm: Norm) -> str:
        return _(" and ").join(p.describe(norm) for p in self.parts)

    def reads(self) -> frozenset[str]:
        return frozenset().union(*(p.reads() for p in self.parts))

    def example(self, norm: Norm, truth: bool) -> Example | None:
        if truth:
            return _merge(p.example(norm, True) for p in self.parts)
        for i, p in enumerate(self.parts):
            # One part false, the others true if possible (a sharper counter-example).
            others = [q.example(norm, True) for j, q in enumerate(self.parts) if j != i]
            merged = _merge([p.example(norm, False), *others])
            if merged is not None:
                return merged
        return self.parts[0].example(norm, False) if self.parts else None


@dataclass(frozen=True)
class Or(Cond):
    parts: tuple[Cond, ...]

    def __init__(self, *parts: Cond) -> None:
        object.__setattr__(self, "parts", tuple(parts))

    def test(self, occ: Occurrence) -> bool:
        for p in self.parts:
            if p.test(occ):
                return True
        return False

    def triggers(self, scope: str) -> frozenset[str] | None:
        out: set[str] = set()
        for p in self.parts:  # any part may hold: all parts need triggers
            found = p.triggers(scope)
            if found is None:
                return None
            out |= found
        return frozenset(out)

    def describe(self, norm: Norm) -> str:
        return _(" or ").join(p.describe(norm) for p in self.parts)

    def reads(self) -> frozenset[str]:
        return frozenset().union(*(p.reads() for p in self.parts))

    def example(self, norm: Norm, truth: bool) -> Example | None:
        if truth:
            for p in self.parts:
                ex = p.example(norm, True)
                if ex is not None:
                    return ex
            return None
        return _merge(p.example(norm, False) for p in self.parts)


@dataclass(frozen=True)
class Not(Cond):
    part: Cond

    def test(self, occ: Occurrence) -> bool:
        return not self.part.test(occ)

    def describe(self, norm: Norm) -> str:
        part = self.part
        if isinstance(part, Eq):
            return _("{rubrique} is not {values}").format(
                rubrique=_quote(norm, part.code), values=_values_words(norm, part.code, part.values)
            )
        if isinstance(part, (Present, Absent)):
            return (Absent(part.code) if isinstance(part, Present) else Present(part.code)).describe(norm)
        return _("not ({condition})").format(condition=part.describe(norm))

    def reads(self) -> frozenset[str]:
        return self.part.reads()

    def example(self, norm: Norm, truth: bool) -> Example | None:
        return self.part.example(norm, not truth)


@dataclass(frozen=True)
class HasChild(Cond):
    """The occurrence has (had) at least one child occurrence of `block`. Meant for a
    `Check`'s guard: it counts children that were let go too."""

    block: str

    def test(self, occ: Occurrence) -> bool:
        return bool(occ.counts.get(self.block))

    def describe(self, norm: Norm) -> str:
        return _("{rubrique} is given").format(rubrique=_quote(norm, self.block))


@dataclass(frozen=True)
class Below(Cond):
    """Some occurrence of `block` below the occurrence (at any depth, as `blocks_below`
    lists them) meets `cond`, tested on that occurrence. Meant for the guard of a `Check`
    scoped above the blocks it walks (an individual's rule that looks for a rare base or
    prime is then not called for individuals without one); a guard is never shown to
    users, so it says what its condition says."""

    block: str
    cond: Cond = Always

    def test(self, occ: Occurrence) -> bool:
        cond = self.cond
        for below in occ.blocks_below().get(self.block, ()):
            if cond.test(below):
                return True
        return False

    def describe(self, norm: Norm) -> str:
        return self.cond.describe(norm) if self.cond is not Always else HasChild(self.block).describe(norm)


@dataclass(frozen=True)
class Holds(Cond):
    """`fn(value, ...)` is true, given the values of `codes` as `occ.get` reads them (None
    when absent). Meant for the guard of a `Check` whose verdict is a pure function of a
    few values: compiled, it is one call on values the plan reads once for all its rules,
    and `fn` may cache its answers. A guard is never shown to users."""

    fn: Callable[..., Any]
    codes: tuple[str, ...]

    def __init__(self, fn: Callable[..., Any], *codes: str) -> None:
        object.__setattr__(self, "fn", fn)
        object.__setattr__(self, "codes", tuple(codes))

    def test(self, occ: Occurrence) -> bool:
        return bool(self.fn(*[occ.get(code) for code in self.codes]))

    def describe(self, norm: Norm) -> str:
        return _(" and ").join(Present(code).describe(norm) for code in self.codes)

    def reads(self) -> frozenset[str]:
        return frozenset(self.codes)


def Nature(*natures: str) -> Cond:
    return Eq(NATURE, *natures)


def DeclType(*types: str) -> Cond:
    return Eq(DECL_TYPE, *types)


# ----------------------------------------------------------------------------- comparisons
@dataclass(frozen=True)
class Const:
    value: str


@lru_cache(maxsize=8192)  # the same amounts come back on many individuals of a file
def _as_number(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, ValueError):
        return None


def _compare_key(kind: str, value: str) -> Any:
    if kind == "date":
        return parse_date(value)
    return _as_number(value)


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _op_words(op: str, kind: str = "number") -> str:
    if kind == "date":
        return {
            "<": _("before"),
            "<=": _("on or before"),
            ">": _("after"),
            ">=": _("on or after"),
            "==": _("the same date as"),
            "!=": _("a different date from"),
        }[op]
    return {
        "<": _("less than"),
        "<=": _("at most"),
        ">": _("greater than"),
        ">=": _("at least"),
        "==": _("equal to"),
        "!=": _("different from"),
    }[op]


_KINDS: dict[tuple[int, str], tuple[Norm, str]] = {}


def _kind_of(norm: Norm, code: str) -> str:
    known = _KINDS.get((id(norm), code))
    if known is not None and known[0] is norm:
        return known[1]
    kind = _kind_of_rubrique(norm, code)
    _KINDS[(id(norm), code)] = (norm, kind)
    return kind


def _kind_of_rubrique(norm: Norm, code: str) -> str:
    r = norm.rubriques.get(code)
    if r and (r.is_date or (r.pattern or "").startswith("(0[1-9]|[1-2][0-9]|3[0-1])")):
        return "date"
    return "number"


def _side(occ: Occurrence, side: str | Const) -> str | None:
    return side.value if isinstance(side, Const) else occ.get(side)


def _side_words(norm: Norm, side: str | Const) -> str:
    return f"« {side.value} »" if isinstance(side, Const) else _quote(norm, side)


def _compare(norm: Norm, occ: Occurrence, a: str | Const, op: str, b: str | Const) -> bool | None:
    """True/False, or None when a side is absent or unreadable (nothing to say)."""
    va, vb = _side(occ, a), _side(occ, b)
    if va is None or vb is None:
        return None
    ref = a if isinstance(a, str) else b if isinstance(b, str) else ""
    kind = _kind_of(norm, ref) if ref else "number"
    ka, kb = _compare_key(kind, va), _compare_key(kind, vb)
    if ka is None or kb is None:
        return None
    return _OPS[op](ka, kb)


def _compare_example(norm: Norm, a: str | Const, op: str, b: str | Const, truth: bool) -> Example | None:
    ref = a if isinstance(a, str) else b if isinstance(b, str) else None
    if ref is None:
        return None
    kind = _kind_of(norm, ref)
    low, high = ("01012026", "15012026") if kind == "date" else ("1.00", "2.00")
    pairs = {"<": (low, high), "<=": (low, high), ">": (high, low), ">=": (high, low), "==": (low, low), "!=": (low, high)}
    good = pairs[op]
    bad = (good[1], good[0]) if op not in ("==", "!=") else ((low, high) if op == "==" else (low, low))
    va, vb = good if truth else bad
    out: Example = {}
    for side, v in ((a, va), (b, vb)):
        if isinstance(side, Const):
            if side.value != v:
                # A constant side: pick the other side's value around it.
                return _const_example(norm, a, op, b, truth)
        else:
            out[side] = v if _fits(norm, side, v) else None
            if out[side] is None:
                return None
    return out


def _const_example(norm: Norm, a: str | Const, op: str, b: str | Const, truth: bool) -> Example | None:
    code, const, flipped = (a, b, False) if isinstance(a, str) else (b, a, True)
    assert isinstance(code, str) and isinstance(const, Const)
    kind = _kind_of(norm, code)
    base = _compare_key(kind, const.value)
    if base is None:
        return None
    if kind == "date":
        around = [base - dt.timedelta(days=1), base, base + dt.timedelta(days=1)]
        texts = [d.strftime("%d%m%Y") for d in around]
    else:
        around = [base - 1, base, base + 1]
        texts = [f"{d:.2f}" if "." in const.value else str(d) for d in around]
    for text in texts:
        key = _compare_key(kind, text)
        ok = _OPS[op](base, key) if flipped else _OPS[op](key, base)
        if ok == truth and _fits(norm, code, text):
            return {code: text}
    return None


def _fits(norm: Norm, code: str, value: str) -> bool:
    from forms.controls.syntax import check_value

    r = norm.rubriques.get(code)
    return r is not None and not check_value(r, value)


@dataclass(frozen=True)
class CmpCond(Cond):
    a: str | Const
    op: str
    b: str | Const

    def test(self, occ: Occurrence) -> bool:
        # Needs the norm to know the kind: dates look like JJMMAAAA, compare as dates.
        va, vb = _side(occ, self.a), _side(occ, self.b)
        if va is None or vb is None:
            return False
        da, db = parse_date(va), parse_date(vb)
        ka, kb = (da, db) if da and db else (_as_number(va), _as_number(vb))
        return ka is not None and kb is not None and _OPS[self.op](ka, kb)

    def describe(self, norm: Norm) -> str:
        ref = self.a if isinstance(self.a, str) else self.b if isinstance(self.b, str) else ""
        kind = _kind_of(norm, ref) if ref else "number"
        return _("{a} is {op} {b}").format(
            a=_side_words(norm, self.a), op=_op_words(self.op, kind), b=_side_words(norm, self.b)
        )

    def reads(self) -> frozenset[str]:
        return frozenset(s for s in (self.a, self.b) if isinstance(s, str))

    def triggers(self, scope: str) -> frozenset[str] | None:
        for side in (self.a, self.b):
            if isinstance(side, str) and side[:10] == scope:
                return frozenset({side})
        return None

    def example(self, norm: Norm, truth: bool) -> Example | None:
        return _compare_example(norm, self.a, self.op, self.b, truth)


# ----------------------------------------------------------------------------- rules
@dataclass
class Rule:
    """Base of every implemented rule. `id` is set by the registry from its key."""

    id: str = field(default="", init=False)

    @property
    def scope(self) -> str:
        raise NotImplementedError

    def reads(self) -> frozenset[str]:
        raise NotImplementedError

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | tuple[str, int] | None:
        """A plain message when the occurrence breaks the rule, else None. A rule scoped
        above the block at fault may return (message, line) to report that block's line."""
        raise NotImplementedError

    def line(self, occ: Occurrence) -> int:
        return occ.line

    def triggers(self) -> frozenset[str] | None:
        """Rubriques of the scope block one of which must be present for the rule to fire;
        None when the rule must run on every occurrence."""
        return None

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        """(values, passes?) pairs; empty when the shape cannot build them."""
        return []


MISSING = object()  # no value could be built for an example


def _with(ex: Example | None, **extra: str | None) -> Example | None:
    if ex is None:
        return None
    out = dict(ex)
    for k, v in extra.items():
        if k in out and out[k] != v:
            return None
        out[k] = v
    return out


@dataclass
class _TargetRule(Rule):
    target: str = ""
    when: Cond = Always
    message: str | None = None  # msgid with {rubrique}, {condition}, {value} placeholders

    @property
    def scope(self) -> str:
        return self.target[:10]

    def reads(self) -> frozenset[str]:
        return frozenset({self.target}) | self.when.reads()

    def line(self, occ: Occurrence) -> int:
        return occ.lines.get(self.target) or occ.line

    def _say(self, norm: Norm, default: str, occ: Occurrence, **more: str) -> str:
        text = _(self.message) if self.message else default
        value = occ.get(self.target)
        return text.format(
            rubrique=_quote(norm, self.target),
            condition=self.when.describe(norm),
            value=f"« {value} »" if value is not None else _("nothing"),
            **more,
        )

    def _sample(self, norm: Norm, avoid: Iterable[str] = ()) -> str | object:
        """A valid value for the target (avoiding some), or MISSING when none can be built."""
        r = norm.rubriques.get(self.target)
        value = sample_value(r, avoid) if r else None
        return MISSING if value is None else value

    def _cases(self, norm: Norm, good: str | None | object, bad: str | None | object) -> list[tuple[Example, bool]]:
        """A passing case with the target set to `good` and a failing one with `bad` (None:
        absent), both where the condition holds; a MISSING value drops its case."""
        out: list[tuple[Example, bool]] = []
        for value, ok in ((good, True), (bad, False)):
            if value is MISSING:
                continue
            example = _with(self.when.example(norm, True), **{self.target: value})  # type: ignore[arg-type]
            if example is not None:
                out.append((example, ok))
        return out


@dataclass
class Required(_TargetRule):
    def __init__(self, target: str, when: Cond = Always, message: str | None = None) -> None:
        super().__init__(target=target, when=when, message=message)

    def triggers(self) -> frozenset[str] | None:
        return self.when.triggers(self.scope)

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | None:
        if self.target in occ.values or not self.when.test(occ):
            return None
        if self.when is Always:
            return self._say(ctx.norm, _("{rubrique} is required; it is missing."), occ)
        return self._say(ctx.norm, _("{rubrique} is required when {condition}; it is missing."), occ)

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        return self._cases(norm, self._sample(norm), None)


@dataclass
class Forbidden(_TargetRule):
    def __init__(self, target: str, when: Cond = Always, message: str | None = None) -> None:
        super().__init__(target=target, when=when, message=message)

    def triggers(self) -> frozenset[str] | None:
        return frozenset({self.target})

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | None:
        if self.target not in occ.values or not self.when.test(occ):
            return None
        if self.when is Always:
            return self._say(ctx.norm, _("{rubrique} must not be given; found {value}."), occ)
        return self._say(ctx.norm, _("{rubrique} must not be given when {condition}; found {value}."), occ)

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        return self._cases(norm, None, self._sample(norm))


@dataclass
class RequiredIff(_TargetRule):
    def __init__(self, target: str, when: Cond, message: str | None = None) -> None:
        super().__init__(target=target, when=when, message=message)

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | None:
        present = self.target in occ.values
        holds = self.when.test(occ)
        if holds and not present:
            return self._say(ctx.norm, _("{rubrique} is required when {condition}; it is missing."), occ)
        if present and not holds:
            return self._say(
                ctx.norm, _("{rubrique} may be given only when {condition}; found {value}."), occ
            )
        return None

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        return Required(self.target, self.when).examples(norm) + Forbidden(
            self.target, Not(self.when)
        ).examples(norm)


@dataclass
class ValueIn(_TargetRule):
    values: tuple[str, ...] = ()

    def __init__(self, target: str, values: Sequence[str], when: Cond = Always, message: str | None = None) -> None:
        super().__init__(target=target, when=when, message=message)
        self.values = tuple(values)

    def triggers(self) -> frozenset[str] | None:
        return frozenset({self.target})

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(self.target)
        if value is None or value in self.values or not self.when.test(occ):
            return None
        expected = _values_words(ctx.norm, self.target, self.values)
        if self.when is Always:
            return self._say(ctx.norm, _("{rubrique}: expected {expected}; found {value}."), occ, expected=expected)
        return self._say(
            ctx.norm, _("{rubrique}: expected {expected} when {condition}; found {value}."), occ, expected=expected
        )

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        return self._cases(norm, self.values[0], self._sample(norm, avoid=self.values))


@dataclass
class ValueNotIn(_TargetRule):
    values: tuple[str, ...] = ()

    def __init__(self, target: str, values: Sequence[str], when: Cond = Always, message: str | None = None) -> None:
        super().__init__(target=target, when=when, message=message)
        self.values = tuple(values)

    def triggers(self) -> frozenset[str] | None:
        return frozenset({self.target})

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(self.target)
        if value is None or value not in self.values or not self.when.test(occ):
            return None
        if self.when is Always:
            return self._say(ctx.norm, _("{rubrique}: the value {value} is not allowed."), occ)
        return self._say(ctx.norm, _("{rubrique}: the value {value} is not allowed when {condition}."), occ)

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        return self._cases(norm, self._sample(norm, avoid=self.values), self.values[0])


@dataclass
class Compare(_TargetRule):
    op: str = ">="
    other: str | Const = ""

    def __init__(self, target: str, op: str, other: str | Const, when: Cond = Always, message: str | None = None) -> None:
        super().__init__(target=target, when=when, message=message)
        if op not in _OPS:
            raise ValueError(op)
        self.op = op
        self.other = other

    def reads(self) -> frozenset[str]:
        extra = {self.other} if isinstance(self.other, str) else set()
        return super().reads() | extra

    def triggers(self) -> frozenset[str] | None:
        return frozenset({self.target})

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | None:
        # `_compare(ctx.norm, occ, self.target, self.op, self.other)` written out: this runs
        # on many occurrences.
        va = occ.values.get(self.target)
        if va is None:
            return None
        other = self.other
        vb = other.value if isinstance(other, Const) else occ.get(other)
        if vb is None:
            return None
        kind = _kind_of(ctx.norm, self.target)
        if kind == "date":
            ka, kb = parse_date(va), parse_date(vb)
        else:
            ka, kb = _as_number(va), _as_number(vb)
        if ka is None or kb is None or _OPS[self.op](ka, kb) or not self.when.test(occ):
            return None
        other_value = _side(occ, self.other)
        return self._say(
            ctx.norm,
            _("{rubrique} must be {op} {other}; found {value} and {other_value}."),
            occ,
            op=_op_words(self.op, _kind_of(ctx.norm, self.target)),
            other=_side_words(ctx.norm, self.other),
            other_value=f"« {other_value} »",
        )

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        out: list[tuple[Example, bool]] = []
        for truth in (True, False):
            sides = _compare_example(norm, self.target, self.op, self.other, truth)
            ex = _with(self.when.example(norm, True), **sides) if sides is not None else None
            if ex is not None:
                out.append((ex, truth))
        return out


@dataclass
class RequiredChild(Rule):
    """A child block must occur (at least once) under the scope occurrence."""

    block: str = ""
    when: Cond = Always
    within: str = ""  # scope block; default: the child's parent
    message: str | None = None

    def __init__(self, block: str, when: Cond = Always, within: str = "", message: str | None = None) -> None:
        super().__init__()
        self.block, self.when, self.within, self.message = block, when, within, message

    @property
    def scope(self) -> str:
        return self.within or self.block  # resolved by the registry when empty

    def reads(self) -> frozenset[str]:
        return self.when.reads()

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | None:
        if occ.counts.get(self.block) or not self.when.test(occ):
            return None
        text = _(self.message) if self.message else _("a block {block} is required when {condition}; there is none.")
        return text.format(block=_quote(ctx.norm, self.block), condition=self.when.describe(ctx.norm))

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        ex = self.when.example(norm, True)
        if ex is None:
            return []
        return [({**ex, "block:" + self.block: "1"}, True), (dict(ex), False)]


@dataclass
class ForbiddenChild(Rule):
    block: str = ""
    when: Cond = Always
    within: str = ""
    message: str | None = None

    def __init__(self, block: str, when: Cond = Always, within: str = "", message: str | None = None) -> None:
        super().__init__()
        self.block, self.when, self.within, self.message = block, when, within, message

    @property
    def scope(self) -> str:
        return self.within or self.block

    def reads(self) -> frozenset[str]:
        return self.when.reads()

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | None:
        if not occ.counts.get(self.block) or not self.when.test(occ):
            return None
        text = _(self.message) if self.message else _("a block {block} must not be given when {condition}.")
        return text.format(block=_quote(ctx.norm, self.block), condition=self.when.describe(ctx.norm))

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        ex = self.when.example(norm, True)
        if ex is None:
            return []
        return [(dict(ex), True), ({**ex, "block:" + self.block: "1"}, False)]


@dataclass
class Check(Rule):
    """A rule whose shape the others do not fit. `fn(occ, ctx)` returns a message or None,
    or (message, line) to report the line of a descendant occurrence at fault. `triggers`:
    what must be there for the rule to possibly fire, so that the validator can skip it
    cheaply — rubrique codes of the scope block, or block codes (10 characters) of which a
    descendant occurrence must exist (individuals are let go once checked: a block trigger
    scoped above S21.G00.30 never sees them). Leave empty when the rule must always run.

    `cases` are (values, passes?) examples in the same form as the generated ones; give at
    least one passing and one failing case. `target` is the rubrique whose line is reported.
    `guard`, when given, is a condition without which `fn` never reports anything: the
    validator tests it (compiled, see `RuleCompiler`) before calling `fn`.
    """

    scope_block: str = ""
    target: str = ""
    read_codes: tuple[str, ...] = ()
    fn: Callable[[Occurrence, RuleContext], str | tuple[str, int] | None] = lambda occ, ctx: None
    cases: tuple[tuple[Example, bool], ...] = ()
    trigger_codes: frozenset[str] = frozenset()
    guard: Cond | None = None

    def __init__(
        self,
        target: str,
        fn: Callable[[Occurrence, RuleContext], str | tuple[str, int] | None],
        reads: Sequence[str] = (),
        cases: Sequence[tuple[Example, bool]] = (),
        scope: str = "",
        triggers: Sequence[str] = (),
        guard: Cond | None = None,
    ) -> None:
        super().__init__()
        self.target = target
        self.scope_block = scope or target[:10]
        self.read_codes = tuple(reads)
        self.fn = fn
        self.cases = tuple(cases)
        self.trigger_codes = frozenset(triggers)
        self.guard = guard

    def triggers(self) -> frozenset[str] | None:
        return self.trigger_codes or None

    @property
    def scope(self) -> str:
        return self.scope_block

    def reads(self) -> frozenset[str]:
        return frozenset(self.read_codes) | {self.target}

    def line(self, occ: Occurrence) -> int:
        return occ.lines.get(self.target) or occ.line

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | tuple[str, int] | None:
        return self.fn(occ, ctx)

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        return list(self.cases)


# Why a control cannot be decided from one file (the keys are stable; texts are for people).
EXTERNAL_TABLE = "external-table"  # a table the norm names but does not ship
HISTORY = "history"  # needs earlier declarations or the administrations' records
TEXT_INCOMPLETE = "text-incomplete"  # the rule text is cut or refers to a chapter we lack
OUT_OF_SCOPE = "out-of-scope"  # about data the file cannot show (payroll, contracts outside)

REASONS = {  # N_: translated where shown
    EXTERNAL_TABLE: N_("needs an external reference table that is not available offline"),
    HISTORY: N_("needs earlier declarations or records of the receiving organisations"),
    TEXT_INCOMPLETE: N_("the rule text available to us is cut or refers to a chapter of the cahier technique we do not have"),
    OUT_OF_SCOPE: N_("depends on facts a DSN file does not carry"),
}


@dataclass(frozen=True)
class NotDecidable:
    reason: str
    detail: str = ""

    def __post_init__(self) -> None:
        if self.reason not in REASONS:
            raise ValueError(f"unknown reason {self.reason!r}")


@dataclass
class Aggregate(Rule):
    """A rule over many occurrences, e.g. every individual of a declaration.

    Individuals are let go once checked, so a rule scoped above S21.G00.30 cannot walk down
    into them. Instead `collect(occ, acc)` runs on each occurrence of the `each` block while
    it is in memory (acc is a dict, one per occurrence of the scope block), and
    `verdict(scope_occ, acc, ctx)` runs when the scope occurrence closes and returns a message,
    (message, line) for the line at fault, or None. `cases` are examples as for `Check` (the test kit builds one occurrence of `each`
    per example, so an example gives at most one of each).
    """

    target: str = ""
    each: str = ""
    scope_block: str = ""
    collect: Callable[[Occurrence, dict], None] = lambda occ, acc: None
    verdict: Callable[[Occurrence, dict, RuleContext], str | tuple[str, int] | None] = lambda occ, acc, ctx: None
    read_codes: tuple[str, ...] = ()
    cases: tuple[tuple[Example, bool], ...] = ()

    def __init__(
        self,
        target: str,
        each: str,
        scope: str,
        collect: Callable[[Occurrence, dict], None],
        verdict: Callable[[Occurrence, dict, RuleContext], str | tuple[str, int] | None],
        reads: Sequence[str] = (),
        cases: Sequence[tuple[Example, bool]] = (),
    ) -> None:
        super().__init__()
        self.target, self.each, self.scope_block = target, each, scope
        self.collect, self.verdict = collect, verdict
        self.read_codes, self.cases = tuple(reads), tuple(cases)

    @property
    def scope(self) -> str:
        return self.scope_block

    def reads(self) -> frozenset[str]:
        return frozenset(self.read_codes) | {self.target}

    def line(self, occ: Occurrence) -> int:
        return occ.lines.get(self.target) or occ.line

    def evaluate(self, occ: Occurrence, ctx: RuleContext) -> str | tuple[str, int] | None:
        # Used by the test kit on a whole fragment: collect from the descendants, then judge.
        acc: dict = {}
        for each in occ.descendants(self.each) if occ.block != self.each else [occ]:
            self.collect(each, acc)
        return self.verdict(occ, acc, ctx)

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        return list(self.cases)


# ----------------------------------------------------------------------------- compiled plans
_UNSET = object()  # a value of an enclosing block not looked up yet
_LAZY_D = "D if D is not _UNSET else (D := _desc(occ))"  # the blocks below, worked out once
# A test that starts with a descendant block's presence: D is read whenever it is tested.
_EAGER_D = re.compile(r"\(*'S\d\d\.G\d\d\.\d\d' in \(" + re.escape(_LAZY_D) + r"\)")


@lru_cache(maxsize=512)
def _compiled(source: str, name: str) -> CodeType:
    """The code of a generated function: the same plans come back with every file an app
    checks (their constants are bound apart, in the namespace it runs in)."""
    return compile(source, name, "exec")


def _tester(block: str, cond: Cond, norm: Norm | None) -> Callable[[Occurrence], Any]:
    """`cond.test` compiled for occurrences of `block` (see `RuleCompiler.cond`)."""
    compiler = RuleCompiler(block, norm)
    expr = compiler.cond(cond)
    lines = ["def test(occ):", "    values = occ.values", "    counts = occ.counts", *compiler.prologue(), f"    return {expr}", ""]
    namespace = dict(compiler.env)
    exec(_compiled("\n".join(lines), f"<condition on {block}>"), namespace)  # noqa: S102
    return namespace["test"]


def _values_below(pairs: Sequence[tuple[str, str]]) -> Callable[[Any], list[set[str | None]]]:
    """`sets(index)`: for each (block, rubrique) of `pairs`, the set of the values of the
    rubrique in the occurrences of the block in an occurrence's `blocks_below()` (or ()
    without children), None for those without it; one pass over the blocks concerned."""
    by_block: dict[str, list[tuple[int, str]]] = {}
    for rank, (block, code) in enumerate(pairs):
        by_block.setdefault(block, []).append((rank, code))
    wanted = list(by_block.items())
    size = len(pairs)

    def sets(index: Any) -> list[set[str | None]]:
        out: list[set[str | None]] = [set() for _ in range(size)]
        if index:
            for block, codes in wanted:
                for occ in index.get(block, ()):
                    get = occ.values.get
                    for rank, code in codes:
                        out[rank].add(get(code))
        return out

    return sets


def _any_below(block: str, test: Callable[[Occurrence], Any]) -> Callable[[Any], bool]:
    """`Below(block, cond)` over an occurrence's `blocks_below()` (or () without children)."""

    def below(index: Any) -> bool:
        if index:
            for occ in index.get(block, ()):
                if test(occ):
                    return True
        return False

    return below


def _failing(parse: Callable[[str], Any], op: Callable[[Any, Any], bool]) -> Callable[[str, str | None], bool]:
    """`fails(a, b)`: True when a `Compare` of the values `a` and `b` reports (both read,
    the comparison false); its condition is tested apart."""

    def fails(a: str, b: str | None) -> bool:
        if b is None:
            return False
        ka = parse(a)
        if ka is None:
            return False
        kb = parse(b)
        return kb is not None and not op(ka, kb)

    return fails


def _descendant_blocks(occ: Occurrence) -> dict[str, list[Occurrence]] | tuple[()]:
    """The blocks below `occ` (for `in` tests), from the index its rules share."""
    return occ.blocks_below() if occ.children else ()


class RuleCompiler:
    """Writes one Python function that tells which rules of a block may report on an
    occurrence: `fn(occ, values, counts) -> list of indexes`. Each rule's test is the exact
    condition under which its `evaluate` can return something (the condition, the presence
    of the target, its value against the rule's list), written as plain Python over the
    occurrence's values; the rule itself is then called only for the indexes returned, to
    say what it says. A shape the compiler does not know is always returned (it is called
    as before), so the compiled test never hides a finding: it only spares calls.

    `occ.get(code)` of a rubrique of the block is read once from `values`; one of an
    enclosing block is read at most once, when a test needs it. Given the norm (the one the
    rules are called with), a `Compare` is tested exactly too: it is called only to word
    what it reports."""

    def __init__(self, block: str, norm: Norm | None = None) -> None:
        self.block = block
        self.norm = norm
        self.env: dict[str, Any] = {"_UNSET": _UNSET, "_desc": _descendant_blocks}
        self.own: dict[str, str] = {}  # rubrique of the block -> local name
        self.outer: dict[str, str] = {}  # rubrique of another block -> local name
        self.desc = False
        self.below: dict[tuple[str, str], int] = {}  # (block, rubrique) -> rank in S (values_below)
        self.tests: list[tuple[int, str, str | None]] = []
        self.required: frozenset[str] = frozenset()
        self.forbidden: frozenset[str] = frozenset()
        self.children: list[tuple[str, int, int | None, bool]] = []

    def usage(
        self, required: frozenset[str], forbidden: frozenset[str], children: Sequence[tuple[str, int, int | None, bool]] = ()
    ) -> None:
        """Rubriques required and forbidden on the block, and its child blocks' (block, min,
        max, forbidden): called with `lean=True`, the function returns None when one of
        them is not met (the caller then says which)."""
        self.required, self.forbidden, self.children = required, forbidden, list(children)

    def const(self, obj: Any) -> str:
        name = f"k{len(self.env)}"
        self.env[name] = obj
        return name

    def value(self, code: str) -> str:
        """An expression for `occ.get(code)`."""
        if code[:10] == self.block:
            return self.own.setdefault(code, f"v{len(self.own)}")
        name = self.outer.setdefault(code, f"o{len(self.outer)}")
        return f"({name} if {name} is not _UNSET else ({name} := get({code!r})))"

    def present(self, code: str) -> str:
        """An expression for `code in occ.values` (a trigger of the validator's index)."""
        if code[:10] == self.block:
            return f"({self.value(code)} is not None)"
        return f"({code!r} in values)"

    def descendants(self) -> str:
        """An expression for the occurrence's `blocks_below()` (or () without children),
        worked out at most once per call."""
        self.desc = True
        return f"({_LAZY_D})"

    def descendant(self, block: str) -> str:
        return f"({block!r} in {self.descendants()})"

    def values_below(self, block: str, code: str) -> str:
        """An expression for the set of the values of `code` in the occurrences of `block`
        below (None for one without it). Every such set a call needs is worked out in one
        pass over the blocks below, at most once per call."""
        index = self.below.setdefault((block, code), len(self.below))
        return f"(S if S is not _UNSET else (S := _sets({self.descendants()})))[{index}]"

    def cond(self, c: Cond) -> str:
        """An expression true exactly when `c.test(occ)` is."""
        kind = type(c)
        if c is Always:
            return "True"
        if kind is Eq:
            return f"({self.value(c.code)} in {self.const(frozenset(c.values))})"  # type: ignore[attr-defined]
        if kind is NotEq:
            return f"({self.value(c.code)} not in {self.const(frozenset((*c.values, None)))})"  # type: ignore[attr-defined]
        if kind is Present:
            return f"({self.value(c.code)} is not None)"  # type: ignore[attr-defined]
        if kind is Absent:
            return f"({self.value(c.code)} is None)"  # type: ignore[attr-defined]
        if kind is And:
            parts = [self.cond(p) for p in c.parts]  # type: ignore[attr-defined]
            return "(" + " and ".join(parts) + ")" if parts else "True"
        if kind is Or:
            parts = [self.cond(p) for p in c.parts]  # type: ignore[attr-defined]
            return "(" + " or ".join(parts) + ")" if parts else "False"
        if kind is Not:
            return f"(not {self.cond(c.part)})"  # type: ignore[attr-defined]
        if kind is HasChild:
            return f"counts.get({c.block!r})"  # type: ignore[attr-defined]
        if kind is Below:
            block, inner = c.block, c.cond  # type: ignore[attr-defined]
            if inner is Always:
                return f"({block!r} in {self.descendants()})"
            shape = type(inner)
            if shape in (Eq, NotEq, Present, Absent) and inner.code[:10] == block:  # type: ignore[attr-defined]
                # One rubrique of the blocks below: the set of its values there (None for
                # an occurrence without it), worked out once for every guard that asks.
                found = self.values_below(block, inner.code)  # type: ignore[attr-defined]
                if shape is Eq:
                    return f"(not {found}.isdisjoint({self.const(frozenset(inner.values))}))"  # type: ignore[attr-defined]
                if shape is NotEq:
                    return f"(not {found} <= {self.const(frozenset((*inner.values, None)))})"  # type: ignore[attr-defined]
                if shape is Present:
                    return f"(not {found} <= {self.const(frozenset({None}))})"
                return f"(None in {found})"
            test = _any_below(block, _tester(block, inner, self.norm))
            return f"{self.const(test)}({self.descendants()})"
        if kind is Holds:
            values = ", ".join(self.value(code) for code in c.codes)  # type: ignore[attr-defined]
            return f"{self.const(c.fn)}({values})"  # type: ignore[attr-defined]
        return f"{self.const(c.test)}(occ)"

    def suspect(self, rule: Rule) -> str:
        """An expression true whenever `rule.evaluate(occ, ctx)` may report (never false
        when it would)."""
        evaluate = type(rule).evaluate
        if evaluate is Check.evaluate:
            guard = rule.guard  # type: ignore[attr-defined]
            return self.cond(guard) if guard is not None else "True"
        if isinstance(rule, _TargetRule):
            if rule.target[:10] != self.block:
                return "True"
            target = self.value(rule.target)
            when = self.cond(rule.when)
            if evaluate is Required.evaluate:
                return f"({target} is None and {when})"
            if evaluate is Forbidden.evaluate:
                return f"({target} is not None and {when})"
            if evaluate is RequiredIff.evaluate:
                return f"(({target} is None and {when}) or ({target} is not None and not {when}))"
            if evaluate is ValueIn.evaluate:
                return f"({target} is not None and {target} not in {self.const(frozenset(rule.values))} and {when})"  # type: ignore[attr-defined]
            if evaluate is ValueNotIn.evaluate:
                return f"({target} is not None and {target} in {self.const(frozenset(rule.values))} and {when})"  # type: ignore[attr-defined]
            if evaluate is Compare.evaluate:
                if self.norm is None:
                    return f"({target} is not None and {when})"
                other = rule.other  # type: ignore[attr-defined]
                # As Compare.evaluate reads it: a constant, or occ.get(other).
                side = repr(other.value) if isinstance(other, Const) else self.value(other)
                kind = _kind_of(self.norm, rule.target)
                fails = self.const(_failing(parse_date if kind == "date" else _as_number, _OPS[rule.op]))  # type: ignore[attr-defined]
                return f"({target} is not None and {fails}({target}, {side}) and {when})"
            return "True"
        if evaluate is RequiredChild.evaluate:
            return f"(not counts.get({rule.block!r}) and {self.cond(rule.when)})"  # type: ignore[attr-defined]
        if evaluate is ForbiddenChild.evaluate:
            return f"(counts.get({rule.block!r}) and {self.cond(rule.when)})"  # type: ignore[attr-defined]
        return "True"

    def add(self, index: int, test: str, trigger: str | None = None) -> None:
        """Rule `index` may report when `trigger` (if given) and `test` hold. Consecutive
        rules with the same trigger test it once."""
        self.tests.append((index, test, trigger))

    def prologue(self) -> list[str]:
        """The function's first lines: the values its tests read (see `value`)."""
        head = ["    get = occ.get", "    g = values.get"]
        head += [f"    {name} = g({code!r})" for code, name in self.own.items()]
        head += [f"    {name} = _UNSET" for name in self.outer.values()]
        if self.desc:
            head.append("    D = _UNSET")
        if self.below:
            self.env["_sets"] = _values_below(tuple(self.below))
            head.append("    S = _UNSET")
        return head

    def source(self, calls: Sequence[Callable[..., Any]] | None = None) -> str:
        """The function's text. Without `calls`: `run(occ, values, counts, lean=False)`
        returns the indexes of the rules that may report. With `calls` (one callable per
        index, called `(occ, ctx)`): `run(occ, lean=True)` calls the rules itself, without
        a list of indexes or a loop over it in the caller; it returns [(index, message),
        ...] for those that report, in index order, unless `lean`: it then hands them to
        `_report(occ, found)` and, when a usage check fails, hands the occurrence to
        `_fallback(occ)` (which says which) — a tree builder can call it as it closes the
        occurrence, with nothing in between."""
        body: list[str] = []
        if calls is None:
            for index, test, trigger in self.tests:
                either = test if trigger is None else trigger if test == "True" else f"({trigger} and {test})"
                body.append(f"    if {either}:\n        put({index})")
        else:
            for trigger, group in itertools.groupby(self.tests, key=lambda item: item[2]):
                pad = "    "
                if trigger is not None:
                    body.append(f"    if {trigger}:")
                    pad = "        "
                for index, test, _trigger in group:
                    # One statement per rule: its test, then its call (only when the test holds).
                    call = f"(m := {self.const(calls[index])}(occ, ctx))"
                    body.append(f"{pad}if {call if test == 'True' else f'{test} and {call}'}:\n{pad}    put(({index}, m))")
        if calls is None:
            head = ["def run(occ, values, counts, lean=False):"]
        else:
            head = ["def run(occ, lean=True):", "    values = occ.values", "    counts = occ.counts"]
        checks = []
        if self.required:
            checks.append(f"not values.keys() >= {self.const(self.required)}")
        if self.forbidden:
            checks.append(f"not values.keys().isdisjoint({self.const(self.forbidden)})")
        for child, low, high, refused in self.children:
            count = f"counts.get({child!r}, 0)"
            if refused:
                checks.append(count)
            if low:
                checks.append(f"{count} < {low}")
            if high is not None:
                checks.append(f"{count} > {high}")
        if checks:
            head += [f"    if lean and ({' or '.join(checks)}):", "        return None" if calls is None else "        return _fallback(occ)"]
        prologue = self.prologue()
        lazy = f"({_LAZY_D})"
        if any(_EAGER_D.match(line[7:]) for line in body if line.startswith("    if ")):
            # A test every call makes reads the blocks below first: work them out at once.
            prologue = [line if line != "    D = _UNSET" else "    D = _desc(occ)" for line in prologue]
            body = [line.replace(lazy, "D") for line in body]
        head += prologue
        end = ["    return out", ""]
        if calls is not None:
            end = ["    if lean:", "        if out:", "            _report(occ, out)", "        return None", *end]
        return "\n".join([*head, "    out = []", "    put = out.append", *body, *end])

    def build(
        self,
        calls: Sequence[Callable[..., Any]] | None = None,
        ctx: Any = None,
        report: Callable[[Occurrence, list], Any] | None = None,
        fallback: Callable[[Occurrence], Any] | None = None,
    ) -> Callable[..., list | None]:
        """The compiled function (see `source`): without `calls`, the indexes of the rules
        that may report; with `calls` (and the `ctx` they are given, and `report` and
        `fallback` for its lean calls), what they said."""
        source = self.source(calls)  # first: it may add constants
        namespace = dict(self.env)
        namespace.update(ctx=ctx, _report=report, _fallback=fallback)
        exec(_compiled(source, f"<rules of {self.block}>"), namespace)  # noqa: S102
        return namespace["run"]
