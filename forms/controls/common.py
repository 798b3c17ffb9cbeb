"""Small helpers the rule modules share: how a rubrique, a value or a list of codes is
written in a message, the line of a rubrique, amounts and months, birth years and
departments, and the rule factories several modules use (all required, all forbidden,
zero amounts, months of an error against the main month)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from forms.controls.dsl import Check, Cond, Example, RuleContext
from forms.controls.syntax import parse_date
from forms.dsn.tree import Occurrence
from forms.i18n import _
from forms.norm import Norm

MAIN_MONTH = "S20.G00.05.005"


def quote(norm: Norm, code: str) -> str:
    """« label » (code): how a rubrique or block is named in a message."""
    return f"« {norm.label(code)} » ({code})"


def plain(value: str | None) -> str:
    """« value », or "nothing" when absent."""
    return f"« {value} »" if value is not None else _("nothing")


def coded(norm: Norm, code: str, value: str | None) -> str:
    """« value - label of the code » (the label when the rubrique has a code list)."""
    if value is None:
        return _("nothing")
    label = norm.code_label(code, value)
    return f"« {value} - {label} »" if label else f"« {value} »"


def coded_list(norm: Norm, code: str, values: Sequence[str]) -> str:
    """« a - label », « b - label » or « c - label »."""
    words = [coded(norm, code, v) for v in values]
    return words[0] if len(words) == 1 else _("{first} or {last}").format(first=", ".join(words[:-1]), last=words[-1])


def line_of(occ: Occurrence, code: str) -> int:
    """Line of `code` in `occ`, or of the occurrence itself."""
    return occ.lines.get(code) or occ.line


def amount(value: str | None) -> Decimal | None:
    """A DSN amount or number as a Decimal; None when absent or unreadable."""
    if value is None:
        return None
    return _amount(value)


@lru_cache(maxsize=8192)  # the same amounts come back on many individuals of a file
def _amount(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, ValueError):
        return None


@lru_cache(maxsize=64)
def first_day(value: str | None) -> dt.date | None:
    """First day of the month of a JJMMAAAA date."""
    day = parse_date(value)
    return day.replace(day=1) if day else None


def main_month(occ: Occurrence) -> dt.date | None:
    """First day of the main month declared (S20.G00.05.005) of the occurrence's declaration."""
    return first_day(occ.get(MAIN_MONTH))


@lru_cache(maxsize=256)
def month_end(first: dt.date, months_after: int = 0) -> dt.date:
    """Last day of the month `months_after` months after `first`'s."""
    index = first.month - 1 + months_after
    year, month = first.year + index // 12, index % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def cases(ok: Sequence[Example], bad: Sequence[Example]) -> list[tuple[Example, bool]]:
    """Passing examples `ok` and failing examples `bad`, in the registry's form."""
    return [(e, True) for e in ok] + [(e, False) for e in bad]


def year_of(value: str | None, start: int = 4) -> int | None:
    """The 4-digit year of a JJMMAAAA (start 4) or MMAAAA (start 2) value; day and month may
    be anything (00/99 in a birth date)."""
    if value is None or len(value) != start + 4:
        return None
    text = value[start:]
    return int(text) if text.isascii() and text.isdigit() else None


def department_problem(dept: str, year: int) -> bool:
    """True when a department of birth did not exist in that year of birth: 2A/2B exist from
    1976, 20 until 1975, 96 until 1967."""
    if dept in ("2A", "2B"):
        return year < 1976
    if dept == "20":
        return year >= 1976
    if dept == "96":
        return year >= 1968
    return False


def month_year(value: str | None) -> tuple[int, int] | None:
    """MMAAAA → (year, month); None when absent or unreadable."""
    if value is None or len(value) != 6 or not value.isdigit():
        return None
    return int(value[2:]), int(value[:2])


Found = str | tuple[str, int] | None


def all_required(target: str, when: Cond, codes: Sequence[str], cases: Sequence[tuple[Example, bool]]) -> Check:
    """When `when` holds, every rubrique of `codes` (of the scope block or an enclosing one)
    is required; the first missing one is named, on the line of `target`."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        if not when.test(occ):
            return None
        for code in codes:
            if occ.get(code) is None:
                return _("{rubrique} is required when {condition}; it is missing.").format(
                    rubrique=quote(ctx.norm, code), condition=when.describe(ctx.norm)
                )
        return None

    return Check(target, find, reads=[*codes, *when.reads()], cases=cases, guard=when)


def all_forbidden(target: str, when: Cond, codes: Sequence[str], cases: Sequence[tuple[Example, bool]]) -> Check:
    """When `when` holds, no rubrique of `codes` (of the scope block) may be given; the first
    one given is reported on its line."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        if not when.test(occ):
            return None
        for code in codes:
            if code in occ.values:
                return _("{rubrique} must not be given when {condition}; found {value}.").format(
                    rubrique=quote(ctx.norm, code), condition=when.describe(ctx.norm), value=plain(occ.values[code])
                ), occ.lines[code]
        return None

    return Check(target, find, reads=[*codes, *when.reads()], cases=cases, guard=when)


def zero_amounts(
    target: str, when: Cond, codes: Sequence[str], cases: Sequence[tuple[Example, bool]], sign: str = "=="
) -> Check:
    """When `when` holds, each given amount of `codes` (of the scope block) is zero (sign
    "==") or negative or zero ("<="); the first one that is not is reported on its line."""
    if sign not in ("==", "<="):
        raise ValueError(sign)

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        if not when.test(occ):
            return None
        for code in codes:
            value = amount(occ.values.get(code))
            if value is None or value == 0 or (sign == "<=" and value < 0):
                continue
            if sign == "==":
                text = _("{rubrique} must be zero when {condition}; found {value}.")
            else:
                text = _("{rubrique} must be negative or zero when {condition}; found {value}.")
            return text.format(
                rubrique=quote(ctx.norm, code), condition=when.describe(ctx.norm), value=plain(occ.values[code])
            ), occ.lines[code]
        return None

    return Check(target, find, reads=[*codes, *when.reads()], cases=cases, guard=when)


def month_not_after_main(code: str) -> Callable[[Occurrence, RuleContext], Found]:
    """A month MMAAAA `code` must not be after the main month (for a Check on `code`)."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        month, first = month_year(occ.values.get(code)), main_month(occ)
        if month is None or first is None or month <= (first.year, first.month):
            return None
        return _("{rubrique} must not be after the main month {limit}; found {value}.").format(
            rubrique=quote(ctx.norm, code), limit=plain(f"{first.month:02d}{first.year}"), value=plain(occ.values[code])
        )

    return find


def error_year(month_code: str, type_code: str, january: bool) -> Callable[[Occurrence, RuleContext], Found]:
    """The month of an error `month_code` (MMAAAA) of a type 01 or 02 `type_code` must not be
    before the year of the main month (other months) or the year before (January main
    month); reported on the line of `month_code`."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        month, first = month_year(occ.values.get(month_code)), main_month(occ)
        kind = occ.values.get(type_code)
        if kind not in ("01", "02") or month is None or first is None or (first.month == 1) != january:
            return None
        floor = first.year - 1 if january else first.year
        if month[0] >= floor:
            return None
        return _("{rubrique} must not be before the year {year} for a {type} {value}; found {found}.").format(
            rubrique=quote(ctx.norm, month_code), year=floor, type=quote(ctx.norm, type_code),
            value=coded(ctx.norm, type_code, kind), found=plain(occ.values[month_code]),
        ), occ.lines[month_code]

    return find
