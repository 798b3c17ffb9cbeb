"""Check one typed answer: read it by its kind, then the norm's syntax of every rubrique it
feeds, then the question's own rule. Messages name what was expected and what was found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import partial

from forms import codelists, values
from forms.controls.syntax import check_value
from forms.i18n import _
from forms.identifiers import InvalidIdentifier, bic, iban, nir_dsn, nir_keyed, siren, siret
from forms.norm import Rubrique, load_norm
from forms.questions import Checked, Kind, Question, Scope
from forms.values import ValueProblem

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def choices_of(question: Question) -> list[tuple[str, str]]:
    """(code, label) offered by a code question, labels translated when they are ours."""
    if question.choices:
        return [(c, _(label)) for c, label in question.choices]
    if question.codes:
        found = codelists.norm_choices(question.codes)
        if question.only:
            found = tuple(c for c in found if c[0] in question.only)
        return list(found)
    return []


def _read(question: Question, raw: str) -> tuple[str, str]:
    """(canonical value, written form if it differs from what was typed) or ValueProblem."""
    kind = question.kind
    text = raw.strip()
    if kind in (Kind.DATE,):
        return values.parse_date(text), ""
    if kind is Kind.MONTH:
        return values.parse_month(text), ""
    if kind is Kind.TIME:
        return values.parse_time(text), ""
    if kind is Kind.AMOUNT:
        return values.parse_decimal(text, decimals=2, negative=question.negative), ""
    if kind is Kind.DECIMAL:
        return values.parse_decimal(text, decimals=question.decimals, negative=question.negative), ""
    if kind in (Kind.INTEGER, Kind.COUNT):
        return values.parse_integer(text, low=question.low, high=question.high), ""
    if kind is Kind.YESNO:
        return values.parse_yesno(text), ""
    if kind is Kind.CODE:
        return _read_code(question, text), ""
    try:
        if kind is Kind.SIRET:
            return siret.validate(values.compact_digits(text)), ""
        if kind is Kind.SIREN:
            return siren.validate(values.compact_digits(text)), ""
        if kind is Kind.NIR:
            compact = values.compact_digits(text).upper()
            if len(compact) == 15:
                return nir_keyed.to_dsn(nir_keyed.validate(compact)), ""
            return nir_dsn.validate(compact), ""
        if kind is Kind.IBAN:
            return iban.validate(text), ""
        if kind is Kind.BIC:
            return bic.validate(text), ""
    except InvalidIdentifier as exc:
        raise ValueProblem(exc.message) from None
    if kind is Kind.EMAIL:
        if not _EMAIL.fullmatch(text):
            raise ValueProblem(_("Expected an e-mail address such as nom@exemple.fr; found « {found} ».").format(found=raw))
        return text, ""
    if kind is Kind.PHONE:
        digits = re.sub(r"[\s.\-()]", "", text)
        if not re.fullmatch(r"\+?\d{10,20}", digits):
            raise ValueProblem(_("Expected a telephone number of 10 to 20 digits; found « {found} ».").format(found=raw))
        return digits, ""
    if kind is Kind.POSTCODE:
        digits = text.replace(" ", "")
        if not re.fullmatch(r"\d{5}", digits):
            raise ValueProblem(_("Expected a postcode of 5 digits such as 75003; found « {found} ».").format(found=raw))
        return digits, ""
    if kind is Kind.UPPER:
        squeezed = values.squeeze(text)
        written = values.transliterate(squeezed)
        return written, written if written != squeezed else ""
    return values.squeeze(text), ""


def _read_code(question: Question, text: str) -> str:
    offered = choices_of(question)
    if not offered:  # external list: format only
        return text.upper() if question.external in ("APE", "PCS-ESE", "PAYS") else text
    codes = {c for c, _label in offered}
    if text in codes:
        return text
    if text.upper() in codes:
        return text.upper()
    if text.isdigit() and text.zfill(len(next(iter(codes)))) in codes:
        return text.zfill(len(next(iter(codes))))
    hits = codelists.search(offered, text)
    if len(hits) == 1:
        return hits[0][0]
    shown = ", ".join(c for c, _label in offered[:12]) + (" …" if len(offered) > 12 else "")
    if hits:
        raise ValueProblem(
            _("« {found} » matches several codes ({codes}); type the code.").format(
                found=text, codes=", ".join(c for c, _label in hits[:8])
            )
        )
    raise ValueProblem(_("Expected one of the codes {codes}; found « {found} ».").format(codes=shown, found=text))


def to_rubrique(question: Question, canonical: str) -> str:
    """How the canonical value is written in a DSN line."""
    if question.kind is Kind.DATE:
        return values.dsn_date(canonical)
    if question.kind is Kind.MONTH:  # a month is written as its first day
        return values.dsn_date(canonical + "-01")
    return canonical


# What `read_answer` gives: (canonical value or None, errors, written form, final). `final`:
# the answer is settled without the question's own rule (empty, or unreadable).
Reading = tuple[str | None, tuple[str, ...], str, bool]


def read_answer(question: Question, raw: str) -> Reading:
    """Everything `check_answer` checks but the question's own rule: a pure function of the
    question, `raw` and the language, so a value seen once need not be read again."""
    if not raw.strip():
        if question.required:
            return None, (_("This answer is required: {label}.").format(label=_(question.label)),), "", True
        return "", (), "", True
    try:
        value, written = _read(question, raw)
    except ValueProblem as exc:
        return None, (exc.message,), "", True
    return _checked(question, value, written, rubriques_checked(question))


def syntax_checked(question: Question, readings: Iterable[Reading]) -> list[str]:
    """The values as written in the rubriques of `question` (`to_rubrique`) whose syntax these
    readings found good against every rubrique of `rubriques_checked(question)`."""
    good = [value for value, errors, _written, final in readings if value and not errors and not final]
    if question.kind in (Kind.DATE, Kind.MONTH):  # the only kinds `to_rubrique` writes otherwise
        return [to_rubrique(question, value) for value in good]
    return good


def rubriques_checked(question: Question) -> tuple[Rubrique, ...]:
    """The norm rubriques whose syntax a value of `question` is checked against."""
    if question.kind in (Kind.YESNO, Kind.COUNT, Kind.SIRET):
        return ()  # yes/no maps to codes in the builder; a SIRET is split there
    norm = load_norm("P26V01")
    found = [norm.rubriques.get(code) for code in question.rubriques]
    # Our own lists map to the norm's codes in the builder.
    return tuple(r for r in found if r is not None and not (r.codes and question.choices))


def _checked(question: Question, value: str, written: str, rubriques: tuple[Rubrique, ...]) -> Reading:
    """The reading of a value read without problem: the question's lengths and pattern, then the
    syntax of each rubrique it feeds."""
    errors: list[str] = []
    if question.min_length and len(value) < question.min_length:
        errors.append(
            _("Expected at least {n} characters; found {found} (« {value} »).").format(
                n=question.min_length, found=len(value), value=value
            )
        )
    if question.max_length is not None and len(value) > question.max_length:
        errors.append(
            _("Expected at most {n} characters; found {found}.").format(n=question.max_length, found=len(value))
        )
    if question.pattern and not re.fullmatch(question.pattern, value):
        errors.append(
            _("Expected {hint}; found « {value} ».").format(hint=_(question.pattern_hint), value=value)
        )
    if rubriques:
        written_value = to_rubrique(question, value)
        for r in rubriques:
            for _kind, message in check_value(r, written_value):
                if message not in errors:
                    errors.append(message)
    return value, tuple(errors), written, False


# Typed text that each kind's parser gives back unchanged (its canonical form already), with
# nothing written differently: such a value skips the parser. Anything else is parsed.
_UNCHANGED_TEXT = re.compile(r"\S+(?: \S+)*")  # what `values.squeeze` leaves as it is
_UNCHANGED_UPPER = re.compile(r"[A-Z0-9'\-]+(?: [A-Z0-9'\-]+)*")  # ... and `values.transliterate` too


def _unchanged_number(decimals: int, negative: bool) -> re.Pattern[str] | None:
    """Numbers `values.parse_decimal` writes back as typed: no leading zero, exactly `decimals`
    places, a minus sign only when allowed, few enough digits for Decimal's context (longer
    ones are parsed)."""
    if decimals < 1:
        return None
    sign = "-?" if negative else ""
    return re.compile(sign + r"(?:0|[1-9][0-9]{0,19})\.[0-9]{" + str(decimals) + "}")


def compile_reader(question: Question) -> Callable[[str], Reading]:
    """`read_answer` bound to `question`: its rubriques looked up once and, for a value already
    in canonical form (amounts, text), the parser skipped. Gives what `read_answer` gives."""
    kind = question.kind
    unchanged: re.Pattern[str] | None = None
    if kind is Kind.AMOUNT:
        unchanged = _unchanged_number(2, question.negative)
    elif kind is Kind.DECIMAL:
        unchanged = _unchanged_number(question.decimals, question.negative)
    elif kind is Kind.TEXT:
        unchanged = _UNCHANGED_TEXT
    elif kind is Kind.UPPER:
        unchanged = _UNCHANGED_UPPER
    if unchanged is None:
        return partial(read_answer, question)
    rubriques = rubriques_checked(question)
    fullmatch = unchanged.fullmatch
    if question.min_length or question.max_length is not None or question.pattern or len(rubriques) > 1:

        def read(raw: str) -> Reading:
            if fullmatch(raw) is None:
                return read_answer(question, raw)
            return _checked(question, raw, "", rubriques)

        return read
    # No length or pattern of its own, at most one rubrique, written as typed (`to_rubrique`
    # changes dates and months only): `_checked` finds an error only when the rubrique's
    # syntax refuses the value, and words it then.
    rubrique = rubriques[0] if rubriques else None

    def read_plain(raw: str) -> Reading:
        if fullmatch(raw) is None:
            return read_answer(question, raw)
        if rubrique is not None and check_value(rubrique, raw):
            return _checked(question, raw, "", rubriques)
        return raw, (), "", False

    return read_plain


def check_answer(question: Question, raw: str, scope: Scope) -> Checked:
    """Read and check `raw`; an empty answer is refused only when the question is required."""
    return checked_from(question, read_answer(question, raw), scope)


def own_rule_problem(question: Question, reading: Reading, scope: Scope) -> str | None:
    """The question's own rule on a reading without errors (None when it has none or it passes)."""
    value, errors, _written, final = reading
    if final or errors or question.check is None:
        return None
    return question.check(value, scope)  # type: ignore[arg-type]


def checked_from(question: Question, reading: Reading, scope: Scope) -> Checked:
    """The `Checked` of a reading: the question's own rule applied when nothing else failed."""
    value, found, written, final = reading
    if final:
        return Checked(value, list(found))
    errors = list(found)
    notes: list[str] = []
    problem = own_rule_problem(question, reading, scope)
    if problem:
        errors.append(problem)
    if question.external and not errors:
        notes.append(_(codelists.EXTERNAL[question.external]))
    if written and not errors:
        notes.append(_("Will be written « {written} ».").format(written=written))
    return Checked(None if errors else value, errors, notes, written)
