"""Syntax of one value against its rubrique (the CSL family): characters, length, code list,
pattern, real calendar dates and amounts.

`check_value` is pure and cached per (rubrique, value): a million-line file repeats the same
codes, dates and amounts over and over.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from forms.i18n import _, get_language
from forms.norm import Rubrique

# Controls of our own for the syntax of a value (the CT gives each rubrique's type, lengths,
# regex and code list; DSN-Val's ids for these are not in the norm material).
CHARSET = "FMT-CHARSET"
LENGTH = "FMT-LENGTH"
CODE = "FMT-CODE"
PATTERN = "FMT-PATTERN"
DATE = "FMT-DATE"

# DSN dates are JJMMAAAA; a birth date may carry 00 or 99 for an unknown day or month.
_DATE_SHAPE = re.compile(r"(\d{2})(\d{2})(\d{4})", re.ASCII)
_AMOUNT_SHAPE = re.compile(r"-?\d+\.\d{2}", re.ASCII)
# Printable ISO-8859-1 characters: no control characters, nothing outside Latin-1.
_PRINTABLE_LATIN1 = re.compile(r"[\x20-\x7e\xa0-\xff]*")

Problem = tuple[str, str]  # (control kind, message)
_cache: dict[tuple[str, str, str], tuple[Problem, ...]] = {}
_CACHE_LIMIT = 200_000


def is_real_date(value: str) -> bool:
    """True for a JJMMAAAA string that is a day of the calendar."""
    return parse_date(value) is not None  # the same reading, cached


@lru_cache(maxsize=8192)  # the same dates come back on every individual of a file
def parse_date(value: str | None) -> dt.date | None:
    """JJMMAAAA → date, None when absent or not a calendar day."""
    if not value:
        return None
    m = _DATE_SHAPE.fullmatch(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def format_date(day: dt.date) -> str:
    return day.strftime("%d%m%Y")


def _show(value: str) -> str:
    return f"« {value} »" if value else _("an empty value")


def check_value(rubrique: Rubrique, value: str) -> tuple[Problem, ...]:
    key = (rubrique.code, value, get_language())  # messages are in the user's language
    hit = _cache.get(key)
    if hit is not None:
        return hit
    problems = tuple(_check(rubrique, value))
    if len(_cache) >= _CACHE_LIMIT:
        _cache.clear()
    _cache[key] = problems
    return problems


def _check(r: Rubrique, value: str) -> list[Problem]:
    out: list[Problem] = []
    if not _PRINTABLE_LATIN1.fullmatch(value):
        bad = next(ch for ch in value if not _PRINTABLE_LATIN1.fullmatch(ch))
        out.append(
            (
                CHARSET,
                _("expected ISO-8859-1 printable characters; found the character {char} (U+{code:04X})").format(
                    char=repr(bad), code=ord(bad)
                ),
            )
        )
        return out
    n = len(value)
    if n < r.min_length or n > r.max_length:
        if r.min_length == r.max_length:
            expected = _("exactly {n} characters").format(n=r.max_length)
        else:
            expected = _("{min} to {max} characters").format(min=r.min_length, max=r.max_length)
        out.append(
            (LENGTH, _("expected {expected}; found {n} ({value})").format(expected=expected, n=n, value=_show(value)))
        )
    if r.codes:
        if value not in r.codes:
            sample = ", ".join(list(r.codes)[:8]) + (", …" if len(r.codes) > 8 else "")
            out.append(
                (CODE, _("expected a code of the list ({codes}); found {value}").format(codes=sample, value=_show(value)))
            )
        return out
    if r.regex is not None and not r.regex.fullmatch(value):
        out.append((PATTERN, _expected_shape(r, value)))
        return out
    if r.is_date and _DATE_SHAPE.fullmatch(value):
        day, month = value[:2], value[2:4]
        if day not in ("00", "99") and month not in ("00", "99") and not is_real_date(value):
            out.append(
                (DATE, _("expected a real calendar date JJMMAAAA; found {value}, which is no day of the calendar").format(value=_show(value)))
            )
    return out


def _expected_shape(r: Rubrique, value: str) -> str:
    pattern = r.pattern or ""
    if pattern.startswith("(01)(0[1-9]|1[0-2])"):
        expected = _("the first day of a month, written 01MMAAAA (e.g. 01012026)")
    elif r.is_date or "(0[1-9]|[1-2][0-9]|3[0-1])(0[1-9]|1[0-2])" in pattern:
        expected = _("a date written JJMMAAAA (day, month, year, e.g. 05012026)")
    elif "\\.[0-9]{2}" in pattern and "-?" in pattern:
        expected = _("an amount with two decimals and a dot, e.g. 1234.56 (a minus sign is allowed)")
    elif "\\.[0-9]{2}" in pattern:
        expected = _("a positive amount with two decimals and a dot, e.g. 1234.56")
    elif pattern in ("[0-9]*[1-9][0-9]*", "[1-9][0-9]*", "[0]*[1-9][0-9]*"):
        expected = _("digits only, not all zeros")
    else:
        expected = _("a value of the form {pattern}").format(pattern=pattern)
    return _("expected {expected}; found {value}").format(expected=expected, value=_show(value))


def is_amount(value: str) -> bool:
    return bool(_AMOUNT_SHAPE.fullmatch(value))
