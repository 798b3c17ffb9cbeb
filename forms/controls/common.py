"""Small helpers the rule modules share: how a rubrique, a value or a list of codes is
written in a message, the line of a rubrique, amounts and months."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from forms.controls.dsl import Example
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
