"""Typed answers: French-style input in, canonical text kept, norm text written.

Three shapes of every value:
- what the user types, French style: `15/03/2026`, `1 234,56`, `oui`;
- the canonical text the answers keep (drafts, answers files): `2026-03-15`, `1234.56`, `01`;
- what a DSN line or the DPAE XML holds: `15032026`, `1234.56`, `2026-03-15`.

Parsers return the canonical text or raise `ValueProblem` whose message says what was
expected and what was found, in the user's language. Display uses Babel for the locale.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from forms.i18n import _, get_language


class ValueProblem(ValueError):
    """An answer that cannot be read; `message` is a full sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ----------------------------------------------------------------------------- dates
_DATE_FORMS = (
    re.compile(r"(?P<d>\d{1,2})[/.\- ](?P<m>\d{1,2})[/.\- ](?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
)


def parse_date(raw: str) -> str:
    """`15/03/2026`, `15032026`, `15.03.2026` or `2026-03-15` → `2026-03-15`."""
    text = raw.strip()
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m:
            try:
                return date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                raise ValueProblem(
                    _("« {found} » is not a real date: check the day and the month.").format(found=raw)
                ) from None
    raise ValueProblem(_("Expected a date such as 15/03/2026; found « {found} ».").format(found=raw))


def as_date(canonical: str) -> date | None:
    try:
        return date.fromisoformat(canonical) if canonical else None
    except ValueError:
        return None


@lru_cache(maxsize=8192)  # a file writes the same few dates again and again
def dsn_date(canonical: str) -> str:
    """`2026-03-15` → `15032026` (JJMMAAAA, as every DSN date)."""
    d = date.fromisoformat(canonical)
    return f"{d.day:02d}{d.month:02d}{d.year:04d}"


def from_dsn_date(value: str) -> str:
    """`15032026` → `2026-03-15` (empty when the value is not a date)."""
    try:
        return datetime.strptime(value, "%d%m%Y").date().isoformat()
    except ValueError:
        return ""


def parse_month(raw: str) -> str:
    """`03/2026`, `2026-03` or `mars 2026`-free digits → `2026-03`."""
    text = raw.strip()
    m = re.fullmatch(r"(?P<m>\d{1,2})[/.\- ](?P<y>\d{4})", text) or re.fullmatch(
        r"(?P<y>\d{4})-(?P<m>\d{1,2})", text
    )
    if m and 1 <= int(m["m"]) <= 12:
        return f"{int(m['y']):04d}-{int(m['m']):02d}"
    raise ValueProblem(_("Expected a month such as 03/2026; found « {found} ».").format(found=raw))


def parse_time(raw: str) -> str:
    """`9h`, `9:30`, `09h30` → `09:30`."""
    m = re.fullmatch(r"(?P<h>\d{1,2})\s*[:hH]\s*(?P<m>\d{2})?", raw.strip())
    if m and int(m["h"]) < 24 and int(m["m"] or 0) < 60:
        return f"{int(m['h']):02d}:{int(m['m'] or 0):02d}"
    raise ValueProblem(_("Expected a time such as 09:00; found « {found} ».").format(found=raw))


# ----------------------------------------------------------------------------- numbers
def parse_decimal(raw: str, *, decimals: int = 2, negative: bool = False) -> str:
    """`1 234,56` or `1234.56` → `1234.56` (rounded to `decimals` places only if exact)."""
    text = raw.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("€", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    elif "," in text and "." in text:
        # 1.234,56 (thousands with dots) or 1,234.56: the last separator is the decimal one.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        example = "1 234,56" if decimals else "12"
        raise ValueProblem(
            _("Expected a number such as {example}; found « {found} ».").format(example=example, found=raw)
        )
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex above rules it out
        raise ValueProblem(_("Expected a number; found « {found} ».").format(found=raw)) from None
    if value < 0 and not negative:
        raise ValueProblem(_("Expected a positive number; found « {found} ».").format(found=raw))
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded != value:
        raise ValueProblem(
            _("At most {n} decimal places are allowed; found « {found} ».").format(n=decimals, found=raw)
        )
    return f"{rounded:.{decimals}f}"


def parse_integer(raw: str, *, low: int = 0, high: int | None = None) -> str:
    text = raw.strip().replace(" ", "")
    if not re.fullmatch(r"\d+", text):
        raise ValueProblem(_("Expected a whole number; found « {found} ».").format(found=raw))
    n = int(text)
    if n < low or (high is not None and n > high):
        bound = _("between {low} and {high}").format(low=low, high=high) if high is not None else f"≥ {low}"
        raise ValueProblem(_("Expected a number {bound}; found {found}.").format(bound=bound, found=n))
    return str(n)


def as_decimal(canonical: str) -> Decimal:
    return Decimal(canonical) if canonical else Decimal(0)


def money(value: Decimal) -> str:
    """A DSN amount: two decimals, dot."""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"


# ----------------------------------------------------------------------------- yes / no
_YES = {"oui", "o", "yes", "y", "1", "vrai", "true"}
_NO = {"non", "n", "no", "0", "faux", "false"}


def parse_yesno(raw: str) -> str:
    text = raw.strip().lower()
    if text in _YES:
        return "oui"
    if text in _NO:
        return "non"
    raise ValueProblem(_("Answer yes or no (oui / non); found « {found} ».").format(found=raw))


# ----------------------------------------------------------------------------- text
_LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"}


def strip_accents(text: str) -> str:
    if text.isascii():  # no ligature, no accent: nothing to strip
        return text
    for k, v in _LIGATURES.items():
        text = text.replace(k, v)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def transliterate(text: str, allowed: str = r"A-Z0-9 '\-") -> str:
    """Upper case, no accents, characters outside `allowed` (a regex class body) become spaces."""
    plain = strip_accents(text).upper()
    plain = re.sub(f"[^{allowed}]", " ", plain)
    return re.sub(r"\s+", " ", plain).strip()


def squeeze(text: str) -> str:
    """Trim and collapse inner spaces (every text answer)."""
    return re.sub(r"\s+", " ", text).strip()


def compact_digits(text: str) -> str:
    """Pasted identifiers: drop spaces, dots and dashes."""
    return re.sub(r"[\s.\-]", "", text)


# ----------------------------------------------------------------------------- display
def show_date(canonical: str) -> str:
    d = as_date(canonical)
    if d is None:
        return canonical
    from babel.dates import format_date

    return format_date(d, format="short" if get_language() == "en" else "dd/MM/yyyy", locale=_locale())


def show_amount(canonical: str) -> str:
    if not canonical:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(Decimal(canonical), format="#,##0.00", locale=_locale())


def _locale() -> str:
    return "en_GB" if get_language() == "en" else "fr_FR"
