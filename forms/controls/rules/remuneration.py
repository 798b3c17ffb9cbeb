"""CT controls of the pay blocks: versement (S21.G00.50), rémunération (51), primes (52),
activité (53), autres éléments de revenu brut (54), régularisation PAS (56), revenu net (58),
bases assujetties (78), composants (79), cotisations (81), affiliation à tort (83, 84).
S21.G00.95 has no CCH or SIG control in P26V01.

How the rules reach the contract. A pay block lies under S21.G00.50, the contract
(S21.G00.40) under the same individual: a rule that needs the contract is scoped at
S21.G00.30 and walks the individual's blocks (indexed once per individual, see `_index`).
The contract of a pay element is the one whose number (S21.G00.40.009) equals the element's
contract number (51.010, 52.006, 54.005; an activity 53 takes its parent 51's); when no
contract has that number, every contract of the individual is a candidate. A rule that
blames the contract fires only when *every* candidate breaks it (the narrowest reading).

Readings we had to choose (the narrowest certain one, unless said otherwise):
- 50.001/CCH-14: "aucun autre bloc Versement individu" is read within the individual; read
  literally, a versement dated after the main month is also covered (as by CCH-15).
- 50.008/CCH-11: the rule says "obligatoire si 50.007 = 01"; its message adds "dans le cas
  contraire elle est interdite". Only the rule (required) is checked.
- 50.007/CCH-11, 56.002/CCH-27, 78.004/CCH-11, 79.001/SIG-19, 79.001/CCH-13: "nul / à zéro"
  is checked on a value that is given; an absent value is left to the usage controls.
- 51.001/CCH-11: CT2026 keeps only type 002 (CT2024 had 001 and 002); the rule is complete.
  51.002/CCH-13 is cut after "inférieure"; its CT2026 condition (type 002 only) is kept and
  its end is taken from CT2024: at most the day after next of the contract end date
  (surlendemain), only for period ends in the main month, not for a 099 end.
- 51.011/CCH-11: checked for each contract number that has pay lines (51) in a versement;
  a contract without any pay line in a versement is not blamed.
- 51.011/CCH-15: CT2026 (per versement, types 001, 002 and 010), not CT2024 (per contract).
- 52.001/CCH-20: "pour un même contrat" is read across the individual's versements.
- 52.001/CCH-21 … -31: the contract end (62) of the candidate contracts; a contract without
  an end block is not blamed ("si le bloc Fin du contrat est présent").
- 52.001/CCH-32 is cut in its list of contract natures: only the natures it shows are used
  (01, 02, 03, 07, 08, 53); CT2024 also had 60, 82, 91, 92 (and not 53).
- 52.004/CCH-14 is cut in its explanation; the rule itself (902 → 52.004 required and on or
  before 31/03/2022) is complete and checked.
- 53.001/CCH-11: a block 53 without a unit (53.003) is treated as "différente de 40".
- 53.002/CCH-11/-12, 53.003/CCH-12/-16/SIG-13: the contract of an activity is found through
  its parent 51's contract number.
- 53.003/SIG-11: one block 53 of unit 38 anywhere in the individual suffices.
- 54.004/SIG-12 is cut in "Ce contrôle qui s'applique en DSN mensuell…": applied to
  nature 01 only.
- 56.002/CCH-17: the rule says "only year N-1", its message "before year N-1": only the
  message's (narrower) reading is checked.
- 78.001/CCH-13: "pour chaque Identifiant technique Affiliation" is read as a base 31 whose
  78.005 is that identifier.
- 78.001/SIG-23 (cut) is completed from CT2024. "Montants de même signe": each base's
  cotisations (81.004) must all be of one strict sign; zero amounts never match.
- 78.003/SIG-17: the period must lie in the activity of at least one contract the
  affiliation belongs to.
- 78.007/CCH-11, 79.005/CCH-11, 81.006/CCH-11: "période inférieure au mois principal" is
  read literally: both 78.002 and 78.003 before the first day of the main month.
- 83.001/CCH-11: one 72 / one 83 anywhere in the individual ("for each 72" is not counted).

Not decidable here (see each entry): the monthly datation of §4.4.12 (policy), and the
CT2026 entries that the extract cuts at about 100 characters and that CT2024 does not have.
Those entries repeat the opening and the id of a control of a neighbouring rubrique
(e.g. 53.002/CCH-13 opens like 53.003/CCH-13); they are not guessed. 84.002/CCH-12 and
CCH-13 are of the same kind but their text is complete (or cut inside the name of
S21.G00.83.002) and makes sense on 84.002: they are implemented.

Speed: every rule scoped at S21.G00.30 shares one index of the individual's blocks
(`_index`, keyed on the occurrence itself). A rule scoped at the individual returns
(message, line) to report the line of the pay element at fault.

Rules that need two occurrences of one block to fail (duplicates, "several", "the only
one", two contracts) are tested on cases written as lines read by the tree builder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from forms.controls.common import all_forbidden, all_required, error_year, month_not_after_main, zero_amounts
from forms.controls.common import amount as _dec
from forms.controls.common import cases as _cases
from forms.controls.common import coded as _v
from forms.controls.common import coded_list as _values_of
from forms.controls.common import first_day as _first_day
from forms.controls.common import line_of as _at
from forms.controls.common import main_month as _main_month
from forms.controls.common import month_end as _month_end
from forms.controls.common import quote as _q
from forms.controls.dsl import (
    TEXT_INCOMPLETE,
    Absent,
    Always,
    And,
    Below,
    Check,
    Compare,
    Cond,
    Const,
    Eq,
    Example,
    Forbidden,
    HasChild,
    Holds,
    Nature,
    Not,
    NotDecidable,
    NotEq,
    Or,
    Present,
    Required,
    RequiredChild,
    RequiredIff,
    RuleContext,
    ValueIn,
    ValueNotIn,
)
from forms.controls.syntax import format_date, parse_date
from forms.dsn.tree import Occurrence
from forms.i18n import _
from forms.norm import Norm

# ----------------------------------------------------------------------------- codes
NATURE = "S20.G00.05.001"
MAIN_MONTH = "S20.G00.05.005"
FILE_DATE = "S20.G00.05.007"
POSTCODE = "S21.G00.11.004"

B30, B40, B41, B45, B50 = "S21.G00.30", "S21.G00.40", "S21.G00.41", "S21.G00.45", "S21.G00.50"
B51, B52, B53, B54, B56 = "S21.G00.51", "S21.G00.52", "S21.G00.53", "S21.G00.54", "S21.G00.56"
B58, B62, B70, B71, B72 = "S21.G00.58", "S21.G00.62", "S21.G00.70", "S21.G00.71", "S21.G00.72"
B78, B79, B81, B83, B84 = "S21.G00.78", "S21.G00.79", "S21.G00.81", "S21.G00.83", "S21.G00.84"

CONTRACT_START = "S21.G00.40.001"
PCS = "S21.G00.40.004"
PCS_COMPLEMENT = "S21.G00.40.005"
CONTRACT_NATURE = "S21.G00.40.007"
CONTRACT_NUMBER = "S21.G00.40.009"
QUOTITE_UNIT = "S21.G00.40.011"
CP_FUND = "S21.G00.40.022"
JOB_STATUS = "S21.G00.40.026"
MARITIME_ID = "S21.G00.40.076"
OLD_NATURE = "S21.G00.41.004"
OLD_CP_FUND = "S21.G00.41.023"
PREVIOUS_NUMBER = "S21.G00.45.002"
END_DATE = "S21.G00.62.001"
END_REASON = "S21.G00.62.002"
AFFILIATION_ID = "S21.G00.70.012"
RC_REGIME = "S21.G00.71.002"

PAY_DATE = "S21.G00.50.001"
PAY_NUMBER = "S21.G00.50.003"
PAS_RATE = "S21.G00.50.006"
PAS_RATE_TYPE = "S21.G00.50.007"
PAS_AMOUNT = "S21.G00.50.009"
PAS_BASE = "S21.G00.50.013"

R_START, R_END, R_CONTRACT = "S21.G00.51.001", "S21.G00.51.002", "S21.G00.51.010"
R_TYPE, R_HOURS, R_AMOUNT, R_FP_RATE = "S21.G00.51.011", "S21.G00.51.012", "S21.G00.51.013", "S21.G00.51.014"

P_TYPE, P_START, P_END = "S21.G00.52.001", "S21.G00.52.003", "S21.G00.52.004"
P_CONTRACT, P_ORIGIN = "S21.G00.52.006", "S21.G00.52.007"

A_TYPE, A_MEASURE, A_UNIT = "S21.G00.53.001", "S21.G00.53.002", "S21.G00.53.003"

O_TYPE, O_START, O_END, O_CONTRACT = "S21.G00.54.001", "S21.G00.54.003", "S21.G00.54.004", "S21.G00.54.005"

E_MONTH, E_TYPE = "S21.G00.56.001", "S21.G00.56.002"

N_START, N_END, N_TYPE = "S21.G00.58.001", "S21.G00.58.002", "S21.G00.58.003"

BASE_CODE, BASE_START, BASE_END = "S21.G00.78.001", "S21.G00.78.002", "S21.G00.78.003"
BASE_AMOUNT, BASE_AFFILIATION, BASE_CRM = "S21.G00.78.004", "S21.G00.78.005", "S21.G00.78.007"

COMP_TYPE, COMP_AMOUNT, COMP_CRM = "S21.G00.79.001", "S21.G00.79.004", "S21.G00.79.005"

COT_CODE, COT_OPS, COT_BASE = "S21.G00.81.001", "S21.G00.81.002", "S21.G00.81.003"
COT_AMOUNT, COT_INSEE, COT_CRM = "S21.G00.81.004", "S21.G00.81.005", "S21.G00.81.006"

W_START, W_END = "S21.G00.83.001", "S21.G00.83.002"
WB_START, WB_END = "S21.G00.84.002", "S21.G00.84.003"

MONTH = "01012026"  # main month used by the cases
MONTHLY = {NATURE: "01", MAIN_MONTH: MONTH}

Found = tuple[str, int] | None
_TWO_DAYS = dt.timedelta(days=2)


# ----------------------------------------------------------------------------- helpers
def _index(individual: Occurrence) -> dict[str, list[Occurrence]]:
    """Every descendant occurrence of an individual, by block; built once per individual
    (rules scoped at S21.G00.30 run one after the other on the same occurrence)."""
    return individual.blocks_below()


def _contracts_for(index: dict[str, list[Occurrence]], number: str | None) -> list[Occurrence]:
    """The contracts a pay element with this contract number belongs to (see docstring).
    Read only: it may be the index's own list."""
    contracts = index.get(B40, [])
    if number is not None:
        same = [c for c in contracts if c.values.get(CONTRACT_NUMBER) == number]
        if same:
            return same
    return contracts


def _all(candidates: list[Occurrence], breaks: Callable[[Occurrence], bool]) -> bool:
    return bool(candidates) and all(breaks(c) for c in candidates)


def _contract_end(contract: Occurrence) -> tuple[dt.date | None, bool]:
    """(end date, has an end block not cancelled by 099)."""
    for end in contract.child_blocks(B62):
        if end.values.get(END_REASON) != "099":
            return parse_date(end.values.get(END_DATE)), True
    return None, False


def _cp_fund(value: str | None, allow_99: bool = False) -> bool:
    """A congés payés fund code between 01 and 37 (or 99)."""
    if value is None or len(value) != 2 or not value.isdigit():
        return False
    return 1 <= int(value) <= 37 or (allow_99 and value == "99")


def _month_limit(kind: str) -> Callable[[str | None, str | None], bool]:
    """`past(date, main month)`: the date breaks the limit `kind` sets against the main
    month (see `_date_limit`); both read, else False. Cached: bases repeat their dates."""

    @lru_cache(maxsize=4096)
    def past(value: str | None, main: str | None) -> bool:
        day = parse_date(value)
        if day is None:
            return False
        first = _first_day(main)
        if first is None:
            return False
        if kind == "end":
            return day > _month_end(first)
        if kind == "next":
            return day > _month_end(first, 1)
        return kind == "before" and day >= first

    return past


def _date_limit(target: str, kind: str, cases: list[tuple[Example, bool]], when: Cond = Always) -> Check:
    """A date against the main month: "end" (≤ last day), "next" (≤ last day of the month
    after), "before" (< first day)."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        day = parse_date(occ.values.get(target))
        if day is None:
            return None
        first = _main_month(occ)
        if first is None or (when is not Always and not when.test(occ)):
            return None
        # The verdict first, the words only when it reports (this runs on every base).
        if kind == "end":
            limit = _month_end(first)
            if day <= limit:
                return None
            text = _("{rubrique} must be on or before the last day of the main month, {limit}; found {value}.")
        elif kind == "next":
            limit = _month_end(first, 1)
            if day <= limit:
                return None
            text = _("{rubrique} must be on or before the last day of the month after the main month, {limit}; found {value}.")
        elif kind == "before":
            if day < first:
                return None
            text = _("{rubrique} must be before the first day of the main month, {limit}; found {value}.")
            limit = first
        else:
            return None
        value = f"« {occ.values[target]} »"
        return text.format(rubrique=_q(ctx.norm, target), limit=f"« {format_date(limit)} »", value=value), occ.lines[target]

    # The guard is the verdict itself: the rule is called only to word what it reports.
    past = Holds(_month_limit(kind), target, MAIN_MONTH)
    return Check(target, find, reads=[MAIN_MONTH, *when.reads()], cases=cases, guard=past if when is Always else And(past, when))


def _other_period(unit: str) -> Callable[[str | None, str | None], bool]:
    """`differ(a, b)`: two dates, both read, not in the same year (unit "year") or month
    ("month"). Cached: bases repeat their periods."""

    @lru_cache(maxsize=4096)
    def differ(one: str | None, two: str | None) -> bool:
        a, b = parse_date(one), parse_date(two)
        if a is None or b is None:
            return False
        if unit == "year":
            return a.year != b.year
        return unit == "month" and (a.year, a.month) != (b.year, b.month)

    return differ


def _same_period(target: str, other: str, unit: str, cases: list[tuple[Example, bool]], when: Cond = Always) -> Check:
    """Two dates of the block in the same calendar year (unit "year") or month ("month")."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        a, b = parse_date(occ.values.get(target)), parse_date(occ.values.get(other))
        if a is None or b is None or not when.test(occ):
            return None
        if unit == "year" and a.year != b.year:
            text = _("{rubrique} must fall in the same calendar year as {other}; found {value} and {other_value}.")
        elif unit == "month" and (a.year, a.month) != (b.year, b.month):
            text = _("{rubrique} must fall in the same calendar month as {other}; found {value} and {other_value}.")
        else:
            return None
        return text.format(
            rubrique=_q(ctx.norm, target), other=_q(ctx.norm, other),
            value=f"« {occ.values[target]} »", other_value=f"« {occ.values[other]} »",
        ), occ.lines[target]

    differ = Holds(_other_period(unit), target, other)  # the verdict, as for _date_limit
    return Check(target, find, reads=[other, *when.reads()], cases=cases, guard=differ if when is Always else And(differ, when))


def _crm(target: str) -> Check:
    """78.007 / 79.005 / 81.006: the CRM id only for a period before the main month."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        if target not in occ.values:
            return None
        first = _main_month(occ)
        if first is None:
            return None
        for code in (BASE_START, BASE_END):
            day = parse_date(occ.get(code))
            if day is not None and day >= first:
                return _(
                    "{rubrique} may be given only for a period before the main month; {other} is {value}."
                ).format(rubrique=_q(ctx.norm, target), other=_q(ctx.norm, code), value=f"« {occ.get(code)} »"), occ.lines[target]
        return None

    return Check(
        target, find, reads=[BASE_START, BASE_END, MAIN_MONTH], guard=Present(target),
        cases=_cases(
            [{target: "CRM1", MAIN_MONTH: MONTH, BASE_START: "01122025", BASE_END: "31122025"},
             {target: None, MAIN_MONTH: MONTH, BASE_START: "01012026", BASE_END: "31012026"}],
            [{target: "CRM1", MAIN_MONTH: MONTH, BASE_START: "01012026", BASE_END: "31012026"},
             {target: "CRM1", MAIN_MONTH: MONTH, BASE_START: "01122025", BASE_END: "15012026"}],
        ),
    )


# ----------------------------------------------------------------------------- S21.G00.50
def _pay_needs_net_social(versement: Occurrence) -> bool:
    """True when the versement has no child 58 of type 03 (montant net social)."""
    for net in versement.child_blocks(B58):
        if net.values.get(N_TYPE) == "03":
            return False
    return True


def _net_social_message(norm: Norm) -> str:
    return _("a block {block} with {rubrique} « 03 » (montant net social) is required for this versement; there is none.").format(
        block=_q(norm, B58), rubrique=_q(norm, N_TYPE)
    )


def _not_monaco(occ: Occurrence) -> bool:
    postcode = occ.get(POSTCODE)
    return postcode is not None and not postcode.startswith("98")


def _50_001_14(ind: Occurrence, ctx: RuleContext) -> Found:
    first = _main_month(ind)
    if first is None or not _not_monaco(ind):
        return None
    last = _month_end(first)
    versements = ind.child_blocks(B50)
    if len(versements) == 1:  # the usual case: no other versement to look at
        v = versements[0]
        day = parse_date(v.values.get(PAY_DATE))
        if day is None or day < first or not _pay_needs_net_social(v):
            return None
        return _net_social_message(ctx.norm), _at(v, PAY_DATE)
    dates = [parse_date(v.values.get(PAY_DATE)) for v in versements]
    # How many versements are dated after the main month: "another one is" without a
    # loop over the others for each versement.
    late = sum(1 for d in dates if d is not None and d > last)
    for v, day in zip(versements, dates, strict=True):
        if day is None or day < first:
            continue
        if late - (day > last) > 0:
            continue
        if _pay_needs_net_social(v):
            return _net_social_message(ctx.norm), _at(v, PAY_DATE)
    return None


def _50_001_15(occ: Occurrence, ctx: RuleContext) -> Found:
    first = _main_month(occ)
    day = parse_date(occ.values.get(PAY_DATE))
    if first is None or day is None or not _not_monaco(occ) or day <= _month_end(first):
        return None
    if _pay_needs_net_social(occ):
        return _net_social_message(ctx.norm), _at(occ, PAY_DATE)
    return None


def _50_001_16(occ: Occurrence, ctx: RuleContext) -> Found:
    numbers = {r.values[R_CONTRACT] for r in occ.child_blocks(B51) if R_CONTRACT in r.values}
    if len(numbers) < 2:
        return None
    for other in occ.child_blocks(B54):
        if other.values.get(O_TYPE) == "10" and O_CONTRACT not in other.values:
            return _(
                "{rubrique} is required for a {type} « 10 » (déduction forfaitaire spécifique) when the versement pays several contracts; it is missing."
            ).format(rubrique=_q(ctx.norm, O_CONTRACT), type=_q(ctx.norm, O_TYPE)), _at(other, O_TYPE)
    return None


def _50_003_11(ind: Occurrence, ctx: RuleContext) -> Found:
    seen: set[str] = set()
    for v in ind.child_blocks(B50):
        number = v.values.get(PAY_NUMBER)
        if number is None:
            continue
        key = number.lstrip("0")
        if key in seen:
            return _("{rubrique} « {value} » is used by another versement of this individual; each versement needs its own number.").format(
                rubrique=_q(ctx.norm, PAY_NUMBER), value=number
            ), v.lines[PAY_NUMBER]
        seen.add(key)
    return None


def _50_003_12(ind: Occurrence, ctx: RuleContext) -> Found:
    versements = ind.child_blocks(B50)
    if len(versements) < 2:
        return None
    for v in versements:
        if PAY_NUMBER not in v.values:
            return _("{rubrique} is required when an individual has several versements; it is missing.").format(
                rubrique=_q(ctx.norm, PAY_NUMBER)
            ), _at(v, PAY_DATE)
    return None


def _50_009_11(occ: Occurrence, ctx: RuleContext) -> Found:
    values = occ.values
    rate, base, amount = _dec(values.get(PAS_RATE)), _dec(values.get(PAS_BASE)), _dec(values.get(PAS_AMOUNT))
    if rate is None or base is None or amount is None:
        return None
    expected = base * rate / 100
    if abs(amount - expected) <= 1:
        return None
    return _(
        "{rubrique} must equal {base} × {rate} % within 1 euro, about {expected}; found {value}."
    ).format(
        rubrique=_q(ctx.norm, PAS_AMOUNT), base=_q(ctx.norm, PAS_BASE), rate=_q(ctx.norm, PAS_RATE),
        expected=f"« {expected.quantize(Decimal('0.01'))} »", value=f"« {occ.values[PAS_AMOUNT]} »",
    ), occ.lines[PAS_AMOUNT]


# ----------------------------------------------------------------------------- S21.G00.51
def _paid_002_in_month(ind: Occurrence, date_code: str) -> Iterator[tuple[Occurrence, dt.date, list[Occurrence]]]:
    """Each salaire rétabli (51 type 002) of a non-zero amount whose `date_code` (start or end
    of its period) falls in the main month, with the contracts its number may name (skipped
    when none)."""
    first = _main_month(ind)
    if first is None:
        return
    last = _month_end(first)
    index = _index(ind)
    for pay in index.get(B51, ()):
        values = pay.values
        if values.get(R_TYPE) != "002":
            continue
        when = parse_date(values.get(date_code))
        if when is None or not first <= when <= last:
            continue
        amount = _dec(values.get(R_AMOUNT))
        if amount is None or amount == 0:
            continue
        candidates = _contracts_for(index, values.get(R_CONTRACT))
        if candidates:
            yield pay, when, candidates


def _51_001_11(ind: Occurrence, ctx: RuleContext) -> Found:
    for pay, start, candidates in _paid_002_in_month(ind, R_START):
        for c in candidates:  # every candidate starts more than two days after the period
            begin = parse_date(c.values.get(CONTRACT_START))
            if begin is None or not start < begin - _TWO_DAYS:
                break
        else:
            return _(
                "{rubrique} must be at most two days before {contract}; found {value} and {contract_value}."
            ).format(
                rubrique=_q(ctx.norm, R_START), contract=_q(ctx.norm, CONTRACT_START),
                value=f"« {pay.values[R_START]} »", contract_value=f"« {candidates[0].values.get(CONTRACT_START)} »",
            ), pay.lines[R_START]
    return None


def _51_002_13(ind: Occurrence, ctx: RuleContext) -> Found:
    for pay, end, candidates in _paid_002_in_month(ind, R_END):
        for c in candidates:  # every candidate ended more than two days before the period's end
            stop, ended = _contract_end(c)
            if not (ended and stop is not None and end > stop + _TWO_DAYS):
                break
        else:
            stop, _ended = _contract_end(candidates[0])
            return _(
                "{rubrique} must be at most two days after {contract}; found {value} and {contract_value}."
            ).format(
                rubrique=_q(ctx.norm, R_END), contract=_q(ctx.norm, END_DATE),
                value=f"« {pay.values[R_END]} »", contract_value=f"« {format_date(stop) if stop else ''} »",
            ), pay.lines[R_END]
    return None


def _contract_number_rule(code: str, natures: tuple[str, ...], with_previous: bool) -> Check:
    """A pay element's contract number must be one of the individual's contracts (or, for
    nature 07, a number declared before, S21.G00.45.002)."""
    block = code[:10]

    def find(ind: Occurrence, ctx: RuleContext) -> Found:
        if ind.get(NATURE) not in natures:
            return None
        index = _index(ind)
        numbers = {c.values.get(CONTRACT_NUMBER) for c in index.get(B40, [])}
        if with_previous:
            numbers |= {p.values.get(PREVIOUS_NUMBER) for p in index.get(B45, [])}
        for element in index.get(block, []):
            number = element.values.get(code)
            if number is not None and number not in numbers:
                where = [CONTRACT_NUMBER, PREVIOUS_NUMBER] if with_previous else [CONTRACT_NUMBER]
                if len(where) == 1:
                    words = _q(ctx.norm, where[0])
                else:
                    words = _("{first} or {last}").format(first=_q(ctx.norm, where[0]), last=_q(ctx.norm, where[1]))
                return _("{rubrique} « {value} » matches no {where} of this individual.").format(
                    rubrique=_q(ctx.norm, code), value=number, where=words
                ), element.lines[code]
        return None

    number_in = {NATURE: natures[0], CONTRACT_NUMBER: "C0001"}
    cases = [({**number_in, code: "C0001"}, True), ({**number_in, code: "C0002"}, False),
             ({NATURE: "04" if "04" not in natures else "05", CONTRACT_NUMBER: "C0001", code: "C0002"}, True)]
    if with_previous:
        cases.append(({**number_in, PREVIOUS_NUMBER: "OLD01", code: "OLD01"}, True))
    return Check(code, find, reads=[NATURE, CONTRACT_NUMBER, *([PREVIOUS_NUMBER] if with_previous else [])],
                    cases=cases, scope=B30, triggers=[block], guard=And(Nature(*natures), Below(block, Present(code))))


BASIC_PAY = ("001", "002", "003", "010")


def _51_011_11(ind: Occurrence, ctx: RuleContext) -> Found:
    if ind.get(NATURE) not in ("01", "09"):
        return None
    for versement in ind.child_blocks(B50):
        types: dict[str, set[str]] = {}
        pays = versement.child_blocks(B51)
        for pay in pays:
            values = pay.values
            number = values.get(R_CONTRACT)
            if number is None:
                continue
            found = types.get(number)
            if found is None:
                found = types[number] = set()
            found.add(values.get(R_TYPE, ""))
        for number, found in types.items():
            if found.issuperset(BASIC_PAY):  # nothing missing: no need to find the contract
                continue
            if not any(
                c.values.get(CONTRACT_NATURE) not in (None, "93")
                for c in _index(ind).get(B40, ()) if c.values.get(CONTRACT_NUMBER) == number
            ):
                continue
            missing = [t for t in BASIC_PAY if t not in found]
            line = next(_at(pay, R_TYPE) for pay in pays if pay.values.get(R_CONTRACT) == number)
            return _(
                "The versement has no {rubrique} {missing} for the contract « {number} »; types 001, 002, 003 and 010 are required."
            ).format(rubrique=_q(ctx.norm, R_TYPE), missing=_values_of(ctx.norm, R_TYPE, missing), number=number), line
    return None


def _service_line_rule(zero: bool) -> Callable[[Occurrence, RuleContext], Found]:
    """51.011/CCH-12 (zero=False) and CCH-13 (zero=True): a service line (93) pointing to a
    maritime contract (91/92) whose pay type 002 is non-zero / zero."""
    required = ("002",) if not zero else BASIC_PAY

    def find(ind: Occurrence, ctx: RuleContext) -> Found:
        if ind.get(NATURE) not in ("01", "09"):
            return None
        index = _index(ind)
        contracts = index.get(B40, [])
        pays = index.get(B51, [])
        for line in contracts:
            if line.values.get(CONTRACT_NATURE) != "93" or MARITIME_ID not in line.values:
                continue
            target = line.values[MARITIME_ID]
            if not any(c.values.get(CONTRACT_NUMBER) == target and c.values.get(CONTRACT_NATURE) in ("91", "92") for c in contracts):
                continue
            amounts = [_dec(p.values.get(R_AMOUNT)) for p in pays
                       if p.values.get(R_CONTRACT) == target and p.values.get(R_TYPE) == "002"]
            if not any(a is not None and (a == 0) == zero for a in amounts):
                continue
            number = line.values.get(CONTRACT_NUMBER)
            found = {p.values.get(R_TYPE) for p in pays if number is not None and p.values.get(R_CONTRACT) == number}
            missing = [t for t in required if t not in found]
            if missing:
                return _(
                    "The service line « {number} » has no {rubrique} {missing}, required by its maritime contract « {target} »."
                ).format(number=number or "", rubrique=_q(ctx.norm, R_TYPE), missing=_values_of(ctx.norm, R_TYPE, missing),
                         target=target), _at(line, CONTRACT_NATURE)
        return None

    return find


def _51_011_15(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.get(NATURE) != "07":
        return None
    found = {p.values.get(R_TYPE) for p in occ.child_blocks(B51)}
    missing = [t for t in ("001", "002", "010") if t not in found]
    if missing:
        return _(
            "The versement has no {rubrique} {missing}; in a nature 07 declaration types 001, 002 and 010 are required."
        ).format(rubrique=_q(ctx.norm, R_TYPE), missing=_values_of(ctx.norm, R_TYPE, missing)), _at(occ, PAY_DATE)
    return None


@lru_cache(maxsize=4096)
def _is_zero(value: str | None) -> bool:
    return _dec(value) == 0


def _51_012_12(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(R_TYPE) not in BASIC_PAY or _dec(occ.values.get(R_HOURS)) != 0:
        return None
    return _("{rubrique} must not be zero when {condition}; found {value}.").format(
        rubrique=_q(ctx.norm, R_HOURS), condition=Eq(R_TYPE, *BASIC_PAY).describe(ctx.norm), value=f"« {occ.values[R_HOURS]} »"
    ), occ.lines[R_HOURS]


def _51_013_11(occ: Occurrence, ctx: RuleContext) -> Found:
    for pay in occ.child_blocks(B51):
        if pay.values.get(R_TYPE) != "001":
            continue
        amount = _dec(pay.values.get(R_AMOUNT))
        if amount is not None and amount != 0:
            if any(b.values.get(BASE_CODE) == "03" for b in occ.child_blocks(B78)):
                return None
            return _(
                "A non-zero {rubrique} of type « 001 » needs a {base} « 03 » (assiette brute déplafonnée) in the same versement; there is none."
            ).format(rubrique=_q(ctx.norm, R_AMOUNT), base=_q(ctx.norm, BASE_CODE)), pay.lines[R_AMOUNT]
    return None


def _51_014_11(ind: Occurrence, ctx: RuleContext) -> Found:
    index = _index(ind)
    for pay in index.get(B51, []):
        if R_FP_RATE not in pay.values:
            continue
        candidates = _contracts_for(index, pay.values.get(R_CONTRACT))
        if _all(candidates, lambda c: c.values.get(JOB_STATUS) == "99"):
            return _("{rubrique} must not be given when {condition}; found {value}.").format(
                rubrique=_q(ctx.norm, R_FP_RATE), condition=Eq(JOB_STATUS, "99").describe(ctx.norm),
                value=f"« {pay.values[R_FP_RATE]} »",
            ), pay.lines[R_FP_RATE]
    return None


# ----------------------------------------------------------------------------- S21.G00.52
def _indemnity_code(value: str | None) -> bool:
    return value is not None and value.isdigit() and 1 <= int(value) <= 25


def _contract_key(index: dict[str, list[Occurrence]], number: str | None) -> str | None:
    """The contract a prime belongs to: its number, or the only contract of the individual."""
    if number is not None:
        return number
    contracts = index.get(B40, [])
    return contracts[0].values.get(CONTRACT_NUMBER, "") if len(contracts) == 1 else None


def _52_001_11(ind: Occurrence, ctx: RuleContext) -> Found:
    index = _index(ind)
    for versement in ind.child_blocks(B50):
        seen: set[tuple[str, str]] = set()
        for prime in versement.child_blocks(B52):
            kind = prime.values.get(P_TYPE)
            key = _contract_key(index, prime.values.get(P_CONTRACT))
            if not _indemnity_code(kind) or key is None or kind is None:
                continue
            if (key, kind) in seen:
                return _("{rubrique} {value} is given twice for the same contract in the same versement.").format(
                    rubrique=_q(ctx.norm, P_TYPE), value=_v(ctx.norm, P_TYPE, kind)
                ), prime.lines[P_TYPE]
            seen.add((key, kind))
    return None


def _52_001_20(ind: Occurrence, ctx: RuleContext) -> Found:
    index = _index(ind)
    seen: dict[str, set[str]] = {}
    for prime in index.get(B52, []):
        kind = prime.values.get(P_TYPE)
        key = _contract_key(index, prime.values.get(P_CONTRACT))
        if kind not in ("009", "010") or key is None:
            continue
        kinds = seen.setdefault(key, set())
        kinds.add(kind)
        if len(kinds) == 2:
            return _("{rubrique} « 009 » and « 010 » must not both be given for the same contract.").format(
                rubrique=_q(ctx.norm, P_TYPE)
            ), prime.lines[P_TYPE]
    return None


def _end_reason_rule(types: Sequence[str], allowed: Sequence[str]) -> Check:
    """A prime type allowed only with some contract end reasons (when the contract has an
    end block, 62)."""

    def find(ind: Occurrence, ctx: RuleContext) -> Found:
        index = _index(ind)
        for prime in index.get(B52, []):
            if prime.values.get(P_TYPE) not in types:
                continue

            def breaks(c: Occurrence) -> bool:
                ends = c.child_blocks(B62)
                return bool(ends) and all(e.values.get(END_REASON) is not None and e.values.get(END_REASON) not in allowed for e in ends)

            candidates = _contracts_for(index, prime.values.get(P_CONTRACT))
            if _all(candidates, breaks):
                reason = candidates[0].child_blocks(B62)[0].values.get(END_REASON)
                return _("{rubrique}: the value {value} is not allowed when the contract ends with {reason} {reason_value}.").format(
                    rubrique=_q(ctx.norm, P_TYPE), value=_v(ctx.norm, P_TYPE, prime.values[P_TYPE]),
                    reason=_q(ctx.norm, END_REASON), reason_value=_v(ctx.norm, END_REASON, reason),
                ), prime.lines[P_TYPE]
        return None

    ok_reason, bad_reason = allowed[0], next(r for r in ("059", "011", "043") if r not in allowed)
    base = {CONTRACT_NUMBER: "C0001", P_CONTRACT: "C0001", P_TYPE: types[0]}
    return Check(
        P_TYPE, find, reads=[P_CONTRACT, CONTRACT_NUMBER, END_REASON], scope=B30, triggers=[B52],
        guard=Below(B52, Eq(P_TYPE, *types)),
        cases=_cases(
            [{**base, END_REASON: ok_reason}, {**base}, {**base, P_TYPE: "002", END_REASON: bad_reason}],
            [{**base, END_REASON: bad_reason}],
        ),
    )


def _contract_nature_rule(prime_type: str, natures: Sequence[str], forbidden: bool) -> Check:
    """A prime type forbidden for (forbidden=True) or reserved to (False) contract natures."""

    def find(ind: Occurrence, ctx: RuleContext) -> Found:
        index = _index(ind)
        for prime in index.get(B52, []):
            if prime.values.get(P_TYPE) != prime_type:
                continue

            def breaks(c: Occurrence) -> bool:
                nature = c.values.get(CONTRACT_NATURE)
                return nature in natures if forbidden else nature is not None and nature not in natures

            candidates = _contracts_for(index, prime.values.get(P_CONTRACT))
            if _all(candidates, breaks):
                nature = candidates[0].values.get(CONTRACT_NATURE)
                return _("{rubrique}: the value {value} is not allowed for a contract whose {nature} is {nature_value}.").format(
                    rubrique=_q(ctx.norm, P_TYPE), value=_v(ctx.norm, P_TYPE, prime_type),
                    nature=_q(ctx.norm, CONTRACT_NATURE), nature_value=_v(ctx.norm, CONTRACT_NATURE, nature),
                ), prime.lines[P_TYPE]
        return None

    bad_nature = natures[0] if forbidden else "01"
    good_nature = "70" if forbidden else natures[0]
    base = {CONTRACT_NUMBER: "C0001", P_CONTRACT: "C0001", P_TYPE: prime_type}
    return Check(
        P_TYPE, find, reads=[P_CONTRACT, CONTRACT_NUMBER, CONTRACT_NATURE], scope=B30, triggers=[B52],
        guard=Below(B52, Eq(P_TYPE, prime_type)),
        cases=_cases(
            [{**base, CONTRACT_NATURE: good_nature}, {**base, P_TYPE: "002", CONTRACT_NATURE: bad_nature}],
            [{**base, CONTRACT_NATURE: bad_nature}],
        ),
    )


def _52_004_14(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(P_TYPE) != "902":
        return None
    end = occ.values.get(P_END)
    if end is None:
        return _("{rubrique} is required when {condition}; it is missing.").format(
            rubrique=_q(ctx.norm, P_END), condition=Eq(P_TYPE, "902").describe(ctx.norm)
        ), _at(occ, P_TYPE)
    day = parse_date(end)
    if day is not None and day > dt.date(2022, 3, 31):
        return _("{rubrique} must be on or before « 31032022 » when {condition}; found {value}.").format(
            rubrique=_q(ctx.norm, P_END), condition=Eq(P_TYPE, "902").describe(ctx.norm), value=f"« {end} »"
        ), occ.lines[P_END]
    return None


# ----------------------------------------------------------------------------- S21.G00.53
def _53_001(unit_is_40: bool) -> Callable[[Occurrence, RuleContext], Found]:
    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        if (occ.values.get(A_UNIT) == "40") != unit_is_40:
            return None
        expected = "001" if unit_is_40 else "002"
        kind = occ.get(R_TYPE)
        if kind is None or kind == expected:
            return None
        return _("This activity block is allowed only under a {rubrique} {expected}; found {value}.").format(
            rubrique=_q(ctx.norm, R_TYPE), expected=_v(ctx.norm, R_TYPE, expected), value=_v(ctx.norm, R_TYPE, kind)
        ), _at(occ, A_TYPE)

    return find


def _activity_contract_rule(
    target: str, applies: Callable[[Occurrence], bool], breaks: Callable[[Occurrence], bool], message: Callable[[Norm, Occurrence], str]
) -> Callable[[Occurrence, RuleContext], Found]:
    """A rule on an activity (53) that needs its contract (via its parent 51's number)."""

    def find(ind: Occurrence, ctx: RuleContext) -> Found:
        index = _index(ind)
        for activity in index.get(B53, []):
            if not applies(activity):
                continue
            number = activity.parent.values.get(R_CONTRACT) if activity.parent is not None else None
            if _all(_contracts_for(index, number), breaks):
                return message(ctx.norm, activity), _at(activity, target)
        return None

    return find


def _measure_limit(units: Sequence[str], limit: str) -> Callable[[Occurrence, RuleContext], Found]:
    maximum = Decimal(limit)

    def applies(a: Occurrence) -> bool:
        measure = _dec(a.values.get(A_MEASURE))
        return A_UNIT not in a.values and measure is not None and measure > maximum

    def message(norm: Norm, a: Occurrence) -> str:
        return _("{rubrique} must be at most {limit} when the contract's {unit} is {units}; found {value}.").format(
            rubrique=_q(norm, A_MEASURE), limit=f"« {limit} »", unit=_q(norm, QUOTITE_UNIT),
            units=_values_of(norm, QUOTITE_UNIT, units), value=f"« {a.values[A_MEASURE]} »",
        )

    return _activity_contract_rule(A_MEASURE, applies, lambda c: c.values.get(QUOTITE_UNIT) in units, message)


def _unit_reserved(unit: str, code: str, expected: str) -> Callable[[Occurrence, RuleContext], Found]:
    """Unit `unit` allowed only when the contract's `code` is `expected`."""

    def message(norm: Norm, a: Occurrence) -> str:
        return _("{rubrique} {value} is allowed only when the contract's {other} is {expected}.").format(
            rubrique=_q(norm, A_UNIT), value=_v(norm, A_UNIT, unit), other=_q(norm, code), expected=f"« {expected} »"
        )

    return _activity_contract_rule(
        A_UNIT, lambda a: a.values.get(A_UNIT) == unit, lambda c: (c.values.get(code) or "").lower() != expected.lower(), message
    )


def _esat(contract: Occurrence) -> bool:
    return contract.values.get(CONTRACT_NATURE) == "70" or any(
        change.values.get(OLD_NATURE) == "70" for change in contract.child_blocks(B41)
    )


def _53_003_16_message(norm: Norm, a: Occurrence) -> str:
    return _("{rubrique} {value} requires the contract's {nature} or {old_nature} to be « 70 »; neither is.").format(
        rubrique=_q(norm, A_UNIT), value=_v(norm, A_UNIT, "41"), nature=_q(norm, CONTRACT_NATURE), old_nature=_q(norm, OLD_NATURE)
    )


def _53_003_sig_11(ind: Occurrence, ctx: RuleContext) -> Found:
    index = _index(ind)
    for contract in index.get(B40, []):
        if contract.values.get(PCS) in ("389b", "546d"):
            if any(a.values.get(A_UNIT) == "38" for a in index.get(B53, [])):
                return None
            return _("A {block} with {rubrique} {value} is required for a {pcs} « {pcs_value} »; there is none.").format(
                block=_q(ctx.norm, B53), rubrique=_q(ctx.norm, A_UNIT), value=_v(ctx.norm, A_UNIT, "38"),
                pcs=_q(ctx.norm, PCS), pcs_value=contract.values[PCS],
            ), contract.lines[PCS]
    return None


# ----------------------------------------------------------------------------- S21.G00.78
CIBTP_BASES = ("21", "34", "35", "36", "39", "40")


def _base_rule(
    applies: Callable[[Occurrence], bool], allowed: Callable[[dict[str, list[Occurrence]]], bool], message: Callable[[Norm, Occurrence], str],
    natures: tuple[str, ...] = (),
) -> Callable[[Occurrence, RuleContext], Found]:
    """A rule on the bases (78) of an individual that needs facts of its contracts."""

    def find(ind: Occurrence, ctx: RuleContext) -> Found:
        if natures and ind.get(NATURE) not in natures:
            return None
        index = _index(ind)
        for base in index.get(B78, []):
            if applies(base):
                if allowed(index):
                    return None
                return message(ctx.norm, base), _at(base, BASE_CODE)
        return None

    return find


def _cibtp_allowed(with_old: bool) -> Callable[[dict[str, list[Occurrence]]], bool]:
    def allowed(index: dict[str, list[Occurrence]]) -> bool:
        if any(_cp_fund(c.values.get(CP_FUND)) for c in index.get(B40, [])):
            return True
        return with_old and any(_cp_fund(c.values.get(OLD_CP_FUND), allow_99=True) for c in index.get(B41, []))

    return allowed


def _cibtp_message(with_old: bool) -> Callable[[Norm, Occurrence], str]:
    def message(norm: Norm, base: Occurrence) -> str:
        if with_old:
            return _("{rubrique} {value} needs a {fund} between 01 and 37, or a {old_fund} between 01 and 37 or 99; there is none.").format(
                rubrique=_q(norm, BASE_CODE), value=_v(norm, BASE_CODE, base.values[BASE_CODE]),
                fund=_q(norm, CP_FUND), old_fund=_q(norm, OLD_CP_FUND),
            )
        return _("{rubrique} {value} needs a {fund} between 01 and 37; there is none.").format(
            rubrique=_q(norm, BASE_CODE), value=_v(norm, BASE_CODE, base.values[BASE_CODE]), fund=_q(norm, CP_FUND)
        )

    return message


def _fund_given_message(with_old: bool) -> Callable[[Norm, Occurrence], str]:
    def message(norm: Norm, base: Occurrence) -> str:
        if with_old:
            fund = _("{first} or {last}").format(first=_q(norm, CP_FUND), last=_q(norm, OLD_CP_FUND))
        else:
            fund = _q(norm, CP_FUND)
        return _("{rubrique} {value} needs a {fund}; there is none.").format(
            rubrique=_q(norm, BASE_CODE), value=_v(norm, BASE_CODE, "20"), fund=fund
        )

    return message


def _78_001_13(ind: Occurrence, ctx: RuleContext) -> Found:
    if ind.get(NATURE) != "01":
        return None
    index = _index(ind)
    covered = {b.values.get(BASE_AFFILIATION) for b in index.get(B78, []) if b.values.get(BASE_CODE) == "31"}
    for affiliation in index.get(B70, []):
        ident = affiliation.values.get(AFFILIATION_ID)
        if ident is not None and ident not in covered:
            return _("The affiliation « {ident} » has no {base} « 31 » whose {link} is « {ident} ».").format(
                ident=ident, base=_q(ctx.norm, BASE_CODE), link=_q(ctx.norm, BASE_AFFILIATION)
            ), affiliation.lines[AFFILIATION_ID]
    return None


def _78_001_sig_18(ind: Occurrence, ctx: RuleContext) -> Found:
    index = _index(ind)
    for regime in index.get(B71, []):
        if regime.values.get(RC_REGIME) == "CRPNPAC":
            if any(b.values.get(BASE_CODE) in ("41", "42") for b in index.get(B78, [])):
                return None
            return _("A {rubrique} « 41 » or « 42 » (CRPNPAC) is required for an individual affiliated to the CRPNPAC; there is none.").format(
                rubrique=_q(ctx.norm, BASE_CODE)
            ), regime.lines[RC_REGIME]
    return None


def _78_001_sig_19(occ: Occurrence, ctx: RuleContext) -> Found:
    first = _main_month(occ)
    if first is None:
        return None
    last = _month_end(first)
    periods: dict[str, set[tuple[str, str]]] = {"02": set(), "03": set()}
    candidates: list[tuple[Occurrence, str, tuple[str, str]]] = []
    for base in occ.child_blocks(B78):
        code = base.values.get(BASE_CODE)
        if code not in periods:
            continue
        start, end = parse_date(base.values.get(BASE_START)), parse_date(base.values.get(BASE_END))
        if start is None or end is None:
            continue
        period = (base.values[BASE_START], base.values[BASE_END])
        periods[code].add(period)
        if first <= start <= last and first <= end <= last:
            candidates.append((base, code, period))
    for base, code, period in candidates:
        other = "03" if code == "02" else "02"
        if period not in periods[other]:
            return _("A {rubrique} {value} for the period {start} – {end} needs a {rubrique} {other} with the same period in the same versement; there is none.").format(
                rubrique=_q(ctx.norm, BASE_CODE), value=_v(ctx.norm, BASE_CODE, code), start=period[0], end=period[1],
                other=_v(ctx.norm, BASE_CODE, other),
            ), _at(base, BASE_CODE)
    return None


def _sign(base: Occurrence) -> int:
    """+1 / -1 when every cotisation amount of the base has that strict sign, else 0."""
    signs = set()
    for cot in base.child_blocks(B81):
        amount = _dec(cot.values.get(COT_AMOUNT))
        if amount is None:
            continue
        signs.add(0 if amount == 0 else 1 if amount > 0 else -1)
    return signs.pop() if len(signs) == 1 else 0


def _78_001_sig_23(ind: Occurrence, ctx: RuleContext) -> Found:
    if ind.get(NATURE) != "01":
        return None
    index = _index(ind)
    for versement in ind.child_blocks(B50):
        seen: set[tuple[str, str, str, int]] = set()
        for base in versement.child_blocks(B78):
            values = base.values
            if values.get(BASE_CODE) != "31" or not all(c in values for c in (BASE_START, BASE_END, BASE_AFFILIATION)):
                continue
            sign = _sign(base)
            if sign == 0:
                continue
            key = (values[BASE_START], values[BASE_END], values[BASE_AFFILIATION], sign)
            if key in seen:
                ident = values[BASE_AFFILIATION]
                mission = any(
                    a.values.get(AFFILIATION_ID) == ident and a.parent is not None and a.parent.values.get(CONTRACT_NATURE) == "03"
                    for a in index.get(B70, [])
                )
                if not mission:
                    return _("Two {rubrique} « 31 » of the same versement have the same period, the same {link} « {ident} » and cotisations of the same sign.").format(
                        rubrique=_q(ctx.norm, BASE_CODE), link=_q(ctx.norm, BASE_AFFILIATION), ident=ident
                    ), _at(base, BASE_CODE)
            seen.add(key)
    return None


def _78_003_sig_17(ind: Occurrence, ctx: RuleContext) -> Found:
    first = _main_month(ind)
    if first is None:
        return None
    index = _index(ind)
    for base in index.get(B78, []):
        values = base.values
        if values.get(BASE_CODE) != "31":
            continue
        start, end = parse_date(values.get(BASE_START)), parse_date(values.get(BASE_END))
        ident = values.get(BASE_AFFILIATION)
        if start is None or end is None or ident is None:
            continue
        contracts = [a.parent for a in index.get(B70, []) if a.values.get(AFFILIATION_ID) == ident and a.parent is not None]
        if not contracts or all(c.values.get(CONTRACT_NATURE) == "03" for c in contracts):
            continue
        inside = False
        for contract in contracts:
            begin = parse_date(contract.values.get(CONTRACT_START))
            stop, ended = _contract_end(contract)
            stop = stop if ended else _month_end(first)
            if begin is None or stop is None or (begin <= start and end <= stop):
                inside = True
                break
        if not inside:
            return _("The period {start} – {end} of this {rubrique} « 31 » is outside the activity of the contract of affiliation « {ident} ».").format(
                start=values[BASE_START], end=values[BASE_END], rubrique=_q(ctx.norm, BASE_CODE), ident=ident
            ), base.lines[BASE_END]
    return None


def _78_005_11(ind: Occurrence, ctx: RuleContext) -> Found:
    index = _index(ind)
    known = {a.values.get(AFFILIATION_ID) for a in index.get(B70, [])}
    for base in index.get(B78, []):
        values = base.values
        ident = values.get(BASE_AFFILIATION)
        if values.get(BASE_CODE) == "31":
            if ident is None:
                return _("{rubrique} is required when {condition}; it is missing.").format(
                    rubrique=_q(ctx.norm, BASE_AFFILIATION), condition=Eq(BASE_CODE, "31").describe(ctx.norm)
                ), _at(base, BASE_CODE)
            if ident not in known:
                return _("{rubrique} « {value} » matches no {where} of this individual.").format(
                    rubrique=_q(ctx.norm, BASE_AFFILIATION), value=ident, where=_q(ctx.norm, AFFILIATION_ID)
                ), base.lines[BASE_AFFILIATION]
        elif ident is not None:
            return _("{rubrique} may be given only when {condition}; found {value}.").format(
                rubrique=_q(ctx.norm, BASE_AFFILIATION), condition=Eq(BASE_CODE, "31").describe(ctx.norm), value=f"« {ident} »"
            ), base.lines[BASE_AFFILIATION]
    return None


def _78_005_12(ind: Occurrence, ctx: RuleContext) -> Found:
    index = _index(ind)
    for versement in ind.child_blocks(B50):
        numbers = {p.values.get(R_CONTRACT) for p in versement.child_blocks(B51)}
        allowed = {
            a.values.get(AFFILIATION_ID) for a in index.get(B70, [])
            if a.parent is not None and a.parent.values.get(CONTRACT_NUMBER) in numbers
        }
        for base in versement.child_blocks(B78):
            ident = base.values.get(BASE_AFFILIATION)
            if base.values.get(BASE_CODE) == "31" and ident is not None and ident not in allowed:
                return _("{rubrique} « {value} » is not an affiliation of a contract paid in this versement.").format(
                    rubrique=_q(ctx.norm, BASE_AFFILIATION), value=ident
                ), base.lines[BASE_AFFILIATION]
    return None


# ----------------------------------------------------------------------------- S21.G00.79 / 81
def _79_001_13(occ: Occurrence, ctx: RuleContext) -> Found:
    if not any(c.values.get(COMP_TYPE) == "23" for c in occ.child_blocks(B79)):
        return None
    for cot in occ.child_blocks(B81):
        amount = _dec(cot.values.get(COT_AMOUNT))
        if amount is not None and amount != 0:
            return _("{rubrique} must be zero when the base has a {component} « 23 »; found {value}.").format(
                rubrique=_q(ctx.norm, COT_AMOUNT), component=_q(ctx.norm, COMP_TYPE), value=f"« {cot.values[COT_AMOUNT]} »"
            ), cot.lines[COT_AMOUNT]
    return None


PREVOYANCE_UNIQUE = ("10", "11", "12", "13", "14", "15", "16", "24")


def _79_001_16(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(BASE_CODE) != "31":
        return None
    seen: set[str] = set()
    for comp in occ.child_blocks(B79):
        kind = comp.values.get(COMP_TYPE)
        if kind in PREVOYANCE_UNIQUE:
            if kind in seen:
                return _("{rubrique} {value} is given twice under the same base « 31 ».").format(
                    rubrique=_q(ctx.norm, COMP_TYPE), value=_v(ctx.norm, COMP_TYPE, kind)
                ), comp.lines[COMP_TYPE]
            seen.add(kind)
    return None


def _79_001_sig_18(occ: Occurrence, ctx: RuleContext) -> Found:
    components = occ.child_blocks(B79)
    if len(components) < 2:
        return None
    for comp in components:
        if comp.values.get(COMP_TYPE) == "23":
            return _("A {rubrique} « 23 » must be the only component of its base; found {n}.").format(
                rubrique=_q(ctx.norm, COMP_TYPE), n=len(components)
            ), comp.lines[COMP_TYPE]
    return None


def _81_001_11(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(BASE_CODE) != "28":
        return None
    if any(c.values.get(COT_CODE) in ("060", "061") for c in occ.child_blocks(B81)):
        return None
    return _("A {rubrique} « 060 » or « 061 » is required under a {base} « 28 »; there is none.").format(
        rubrique=_q(ctx.norm, COT_CODE), base=_q(ctx.norm, BASE_CODE)
    ), _at(occ, BASE_CODE)


def _81_001_15(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(BASE_CODE) != "31":
        return None
    count = sum(1 for c in occ.child_blocks(B81) if c.values.get(COT_CODE) == "059")
    if count == 1:
        return None
    return _("A {base} « 31 » needs exactly one {rubrique} « 059 »; found {n}.").format(
        base=_q(ctx.norm, BASE_CODE), rubrique=_q(ctx.norm, COT_CODE), n=count
    ), _at(occ, BASE_CODE)


def _81_001_17(occ: Occurrence, ctx: RuleContext) -> Found:
    code = occ.values.get(COT_CODE)
    base = occ.parent
    if code not in ("018", "106") or base is None or base.block != B78:
        return None
    if base.values.get(BASE_CODE) == "03" and any(c.values.get(COMP_TYPE) == "01" for c in base.child_blocks(B79)):
        return None
    return _("{rubrique} {value} must lie under a {base} « 03 » that has a {component} « 01 » (SMIC).").format(
        rubrique=_q(ctx.norm, COT_CODE), value=_v(ctx.norm, COT_CODE, code), base=_q(ctx.norm, BASE_CODE),
        component=_q(ctx.norm, COMP_TYPE),
    ), occ.lines[COT_CODE]


def _83_001_11(ind: Occurrence, ctx: RuleContext) -> Found:
    index = _index(ind)
    wrong, periods = index.get(B72, []), index.get(B83, [])
    if wrong and not periods:
        return _("A block {block} is required when the individual has a block {other}; there is none.").format(
            block=_q(ctx.norm, B83), other=_q(ctx.norm, B72)
        ), wrong[0].line
    if periods and not wrong:
        return _("A block {block} may be given only when the individual has a block {other}; there is none.").format(
            block=_q(ctx.norm, B83), other=_q(ctx.norm, B72)
        ), _at(periods[0], W_START)
    return None


# ----------------------------------------------------------------------------- not decidable
def _cut(twin: str) -> NotDecidable:
    return NotDecidable(
        TEXT_INCOMPLETE,
        f"CT2026 extract cuts this text at about 100 characters and CT2024 does not have it; its opening and id repeat those of {twin}, which has its own entry.",
    )


MONTHLY_DATATION = NotDecidable(
    TEXT_INCOMPLETE,
    "refers to §4.4.12 of the CT introduction (datation in a monthly DSN), which is not in the material.",
)

# A monthly (or 09) individual with a service line (93) pointing to a maritime contract: what
# 51.011/CCH-12 and -13 look for first.
SERVICE_LINE = And(Nature("01", "09"), Below(B40, Eq(CONTRACT_NATURE, "93")), Below(B40, Present(MARITIME_ID)))

# ----------------------------------------------------------------------------- cases
C = {CONTRACT_NUMBER: "C0001"}

RULES: dict[str, Any] = {
    # --- S21.G00.50 Versement individu
    "S21.G00.50.001/CCH-13": _date_limit(
        PAY_DATE, "next",
        _cases([{PAY_DATE: "28022026", MAIN_MONTH: MONTH}], [{PAY_DATE: "01032026", MAIN_MONTH: MONTH}]),
    ),
    "S21.G00.50.001/CCH-14": Check(
        PAY_DATE, _50_001_14, reads=[POSTCODE, MAIN_MONTH, N_TYPE], scope=B30, triggers=[B50],
        cases=_cases(
            [{POSTCODE: "75002", MAIN_MONTH: MONTH, PAY_DATE: "31012026", N_TYPE: "03"},
             {POSTCODE: "98000", MAIN_MONTH: MONTH, PAY_DATE: "31012026"},
             {POSTCODE: "75002", MAIN_MONTH: MONTH, PAY_DATE: "31122025"}],
            [{POSTCODE: "75002", MAIN_MONTH: MONTH, PAY_DATE: "31012026"},
             {POSTCODE: "75002", MAIN_MONTH: MONTH, PAY_DATE: "31012026", N_TYPE: "01"}],
        ),
    ),
    "S21.G00.50.001/CCH-15": Check(
        PAY_DATE, _50_001_15, reads=[POSTCODE, MAIN_MONTH, N_TYPE], guard=Holds(_month_limit("end"), PAY_DATE, MAIN_MONTH),
        cases=_cases(
            [{POSTCODE: "75002", MAIN_MONTH: MONTH, PAY_DATE: "05022026", N_TYPE: "03"},
             {POSTCODE: "98000", MAIN_MONTH: MONTH, PAY_DATE: "05022026"},
             {POSTCODE: "75002", MAIN_MONTH: MONTH, PAY_DATE: "31012026"}],
            [{POSTCODE: "75002", MAIN_MONTH: MONTH, PAY_DATE: "05022026"}],
        ),
    ),
    "S21.G00.50.007/CCH-11": zero_amounts(
        PAS_RATE_TYPE, Eq(PAS_RATE_TYPE, "99"), [PAS_RATE, PAS_AMOUNT],
        _cases(
            [{PAS_RATE_TYPE: "99", PAS_RATE: "0.00", PAS_AMOUNT: "0.00"}, {PAS_RATE_TYPE: "01", PAS_RATE: "5.00"}],
            [{PAS_RATE_TYPE: "99", PAS_RATE: "5.00", PAS_AMOUNT: "0.00"}, {PAS_RATE_TYPE: "99", PAS_AMOUNT: "12.00"}],
        ),
    ),
    "S21.G00.50.008/CCH-11": Required("S21.G00.50.008", when=Eq(PAS_RATE_TYPE, "01")),
    "S21.G00.50.009/CCH-11": Check(
        PAS_AMOUNT, _50_009_11, reads=[PAS_RATE, PAS_BASE],
        cases=_cases(
            [{PAS_BASE: "2000.00", PAS_RATE: "5.00", PAS_AMOUNT: "100.00"},
             {PAS_BASE: "2000.00", PAS_RATE: "5.00", PAS_AMOUNT: "100.90"}],
            [{PAS_BASE: "2000.00", PAS_RATE: "5.00", PAS_AMOUNT: "101.50"}],
        ),
    ),
    # --- S21.G00.51 Rémunération
    "S21.G00.51.001/CCH-11": Check(
        R_START, _51_001_11, reads=[R_TYPE, R_AMOUNT, R_CONTRACT, CONTRACT_NUMBER, CONTRACT_START, MAIN_MONTH], scope=B30, triggers=[B51],
        cases=_cases(
            [{**C, CONTRACT_START: "05012026", MAIN_MONTH: MONTH, R_CONTRACT: "C0001", R_TYPE: "002", R_AMOUNT: "100.00", R_START: "03012026"},
             {**C, CONTRACT_START: "05012026", MAIN_MONTH: MONTH, R_CONTRACT: "C0001", R_TYPE: "002", R_AMOUNT: "0.00", R_START: "01012026"},
             {**C, CONTRACT_START: "05012026", MAIN_MONTH: MONTH, R_CONTRACT: "C0001", R_TYPE: "001", R_AMOUNT: "100.00", R_START: "01012026"}],
            [{**C, CONTRACT_START: "05012026", MAIN_MONTH: MONTH, R_CONTRACT: "C0001", R_TYPE: "002", R_AMOUNT: "100.00", R_START: "02012026"}],
        ),
    ),
    "S21.G00.51.002/CCH-11": Compare(R_END, ">=", R_START),
    "S21.G00.51.002/CCH-13": Check(
        R_END, _51_002_13, reads=[R_TYPE, R_AMOUNT, R_CONTRACT, CONTRACT_NUMBER, END_DATE, END_REASON, MAIN_MONTH], scope=B30, triggers=[B51],
        cases=_cases(
            [{**C, END_DATE: "20012026", END_REASON: "059", MAIN_MONTH: MONTH, R_CONTRACT: "C0001", R_TYPE: "002", R_AMOUNT: "100.00", R_END: "22012026"},
             {**C, END_DATE: "20012026", END_REASON: "099", MAIN_MONTH: MONTH, R_CONTRACT: "C0001", R_TYPE: "002", R_AMOUNT: "100.00", R_END: "31012026"},
             {**C, MAIN_MONTH: MONTH, R_CONTRACT: "C0001", R_TYPE: "002", R_AMOUNT: "100.00", R_END: "31012026"}],
            [{**C, END_DATE: "20012026", END_REASON: "059", MAIN_MONTH: MONTH, R_CONTRACT: "C0001", R_TYPE: "002", R_AMOUNT: "100.00", R_END: "23012026"}],
        ),
    ),
    "S21.G00.51.002/SIG-14": MONTHLY_DATATION,
    "S21.G00.51.010/CCH-11": _contract_number_rule(R_CONTRACT, ("01", "09"), with_previous=False),
    "S21.G00.51.010/CCH-12": _contract_number_rule(R_CONTRACT, ("07",), with_previous=True),
    "S21.G00.51.010/CCH-13": _cut("S21.G00.51.011/CCH-13"),
    "S21.G00.51.010/CCH-15": _cut("S21.G00.51.011/CCH-15"),
    "S21.G00.51.010/CCH-16": _cut("S21.G00.51.011/CCH-16"),
    "S21.G00.51.011/CCH-11": Check(
        R_TYPE, _51_011_11, reads=[NATURE, R_CONTRACT, CONTRACT_NUMBER, CONTRACT_NATURE], scope=B30, triggers=[B51],
        guard=Nature("01", "09"),
        cases=_cases(
            [{**MONTHLY, **C, CONTRACT_NATURE: "93", R_CONTRACT: "C0001", R_TYPE: "001"},
             {NATURE: "07", **C, CONTRACT_NATURE: "01", R_CONTRACT: "C0001", R_TYPE: "001"}],
            [{**MONTHLY, **C, CONTRACT_NATURE: "01", R_CONTRACT: "C0001", R_TYPE: "001"}],
        ),
    ),
    "S21.G00.51.011/CCH-16": NotDecidable(
        TEXT_INCOMPLETE,
        "CT2026 text cut at 500 characters before its consequence (\"alors sous le même bloc Versement individu…\"); the CT2024 control of this id (type 026) is another rule.",
    ),
    "S21.G00.51.011/CCH-15": Check(
        R_TYPE, _51_011_15, reads=[NATURE], scope=B50, guard=Nature("07"),
        cases=_cases(
            [{NATURE: "01", R_TYPE: "001"}],
            [{NATURE: "07", PAY_DATE: "31012026", R_TYPE: "001"}],
        ),
    ),
    "S21.G00.51.012/CCH-12": Check(
        R_HOURS, _51_012_12, reads=[R_TYPE], guard=And(Eq(R_TYPE, *BASIC_PAY), Holds(_is_zero, R_HOURS)),
        cases=_cases(
            [{R_TYPE: "001", R_HOURS: "151.67"}, {R_TYPE: "012", R_HOURS: "0.00"}],
            [{R_TYPE: "001", R_HOURS: "0.00"}, {R_TYPE: "010", R_HOURS: "00.00"}],
        ),
    ),
    "S21.G00.51.012/SIG-11": Required(R_HOURS, when=Eq(R_TYPE, "012", "013", "016", "017", "018", "019", "020", "025")),
    "S21.G00.51.012/SIG-13": Forbidden(R_HOURS, when=Eq(R_TYPE, *BASIC_PAY)),
    "S21.G00.51.013/SIG-11": Check(
        R_AMOUNT, _51_013_11, reads=[R_TYPE, BASE_CODE], scope=B50,
        cases=_cases(
            [{R_TYPE: "001", R_AMOUNT: "100.00", BASE_CODE: "03"}, {R_TYPE: "001", R_AMOUNT: "0.00"}, {R_TYPE: "002", R_AMOUNT: "100.00"}],
            [{R_TYPE: "001", R_AMOUNT: "100.00"}, {R_TYPE: "001", R_AMOUNT: "100.00", BASE_CODE: "02"}],
        ),
    ),
    "S21.G00.51.014/CCH-11": Check(
        R_FP_RATE, _51_014_11, reads=[R_CONTRACT, CONTRACT_NUMBER, JOB_STATUS], scope=B30, triggers=[B51],
        guard=Below(B51, Present(R_FP_RATE)),
        cases=_cases(
            [{**C, JOB_STATUS: "01", R_CONTRACT: "C0001", R_FP_RATE: "100.00"}, {**C, JOB_STATUS: "99", R_CONTRACT: "C0001"}],
            [{**C, JOB_STATUS: "99", R_CONTRACT: "C0001", R_FP_RATE: "100.00"}],
        ),
    ),
    # --- S21.G00.52 Prime, gratification et indemnité
    "S21.G00.52.001/CCH-21": _end_reason_rule(["001"], ["043", "110", "099"]),
    "S21.G00.52.001/CCH-22": _end_reason_rule(["003", "004"], ["038", "099"]),
    "S21.G00.52.001/CCH-23": _end_reason_rule(["005", "006"], ["039", "059", "099"]),
    "S21.G00.52.001/CCH-24": _end_reason_rule(
        ["007", "008", "009", "010"],
        ["011", "012", "014", "015", "020", "025", "026", "082", "086", "087", "089", "091", "092", "093", "098", "099",
         "111", "112", "113", "114", "115", "117"],
    ),
    "S21.G00.52.001/CCH-27": _end_reason_rule(["016"], ["081", "084", "097", "099"]),
    "S21.G00.52.001/CCH-29": _end_reason_rule(["032"], ["033", "091", "092", "099"]),
    "S21.G00.52.001/CCH-31": _end_reason_rule(
        ["033"],
        ["011", "012", "014", "015", "020", "025", "026", "065", "082", "086", "087", "088", "089", "091", "092", "093",
         "098", "099", "113", "114", "115", "117"],
    ),
    "S21.G00.52.001/CCH-32": _contract_nature_rule("039", ["01", "02", "03", "07", "08", "53"], forbidden=True),
    "S21.G00.52.001/CCH-33": _contract_nature_rule("045", ["03"], forbidden=False),
    "S21.G00.52.003/CCH-12": Required(P_START, when=Eq(P_TYPE, "026", "027", "029", "902")),
    "S21.G00.52.004/CCH-11": Compare(P_END, ">=", P_START),
    "S21.G00.52.004/CCH-13": Required(P_END, when=Eq(P_TYPE, "026", "027", "029")),
    "S21.G00.52.004/CCH-14": Check(
        P_END, _52_004_14, reads=[P_TYPE],
        cases=_cases(
            [{P_TYPE: "902", P_END: "31032022"}, {P_TYPE: "026", P_END: "31012026"}],
            [{P_TYPE: "902"}, {P_TYPE: "902", P_END: "01042022"}],
        ),
    ),
    "S21.G00.52.006/CCH-11": _contract_number_rule(P_CONTRACT, ("01",), with_previous=False),
    "S21.G00.52.006/CCH-12": _contract_number_rule(P_CONTRACT, ("07",), with_previous=True),
    "S21.G00.52.007/CCH-13": Compare(P_ORIGIN, "<=", P_END, when=Eq(P_TYPE, "902")),
    "S21.G00.52.007/SIG-11": MONTHLY_DATATION,
    "S21.G00.52.007/SIG-12": Compare(P_ORIGIN, "<=", FILE_DATE, when=Nature("04", "05", "07")),
    # --- S21.G00.53 Activité
    "S21.G00.53.001/CCH-11": Check(
        A_TYPE, _53_001(unit_is_40=False), reads=[A_UNIT, R_TYPE], guard=And(Not(Eq(A_UNIT, "40")), NotEq(R_TYPE, "002")),
        cases=_cases(
            [{R_TYPE: "002", A_TYPE: "01", A_UNIT: "10"}, {R_TYPE: "001", A_TYPE: "01", A_UNIT: "40"}],
            [{R_TYPE: "001", A_TYPE: "01", A_UNIT: "10"}, {R_TYPE: "003", A_TYPE: "01"}],
        ),
    ),
    "S21.G00.53.001/CCH-12": Check(
        A_TYPE, _53_001(unit_is_40=True), reads=[A_UNIT, R_TYPE], guard=And(Eq(A_UNIT, "40"), NotEq(R_TYPE, "001")),
        cases=_cases(
            [{R_TYPE: "001", A_TYPE: "01", A_UNIT: "40"}, {R_TYPE: "002", A_TYPE: "01", A_UNIT: "10"}],
            [{R_TYPE: "002", A_TYPE: "01", A_UNIT: "40"}],
        ),
    ),
    "S21.G00.53.002/CCH-11": Check(
        A_MEASURE, _measure_limit(["10", "21"], "3250.00"), reads=[A_UNIT, R_CONTRACT, CONTRACT_NUMBER, QUOTITE_UNIT], scope=B30, triggers=[B53],
        guard=Below(B53, Absent(A_UNIT)),
        cases=_cases(
            [{**C, QUOTITE_UNIT: "10", R_CONTRACT: "C0001", A_MEASURE: "3250.00"},
             {**C, QUOTITE_UNIT: "10", R_CONTRACT: "C0001", A_MEASURE: "4000.00", A_UNIT: "12"},
             {**C, QUOTITE_UNIT: "12", R_CONTRACT: "C0001", A_MEASURE: "4000.00"}],
            [{**C, QUOTITE_UNIT: "21", R_CONTRACT: "C0001", A_MEASURE: "3250.01"}],
        ),
    ),
    "S21.G00.53.002/CCH-12": Check(
        A_MEASURE, _measure_limit(["12", "20"], "403.00"), reads=[A_UNIT, R_CONTRACT, CONTRACT_NUMBER, QUOTITE_UNIT], scope=B30, triggers=[B53],
        guard=Below(B53, Absent(A_UNIT)),
        cases=_cases(
            [{**C, QUOTITE_UNIT: "12", R_CONTRACT: "C0001", A_MEASURE: "403.00"},
             {**C, QUOTITE_UNIT: "10", R_CONTRACT: "C0001", A_MEASURE: "500.00"}],
            [{**C, QUOTITE_UNIT: "20", R_CONTRACT: "C0001", A_MEASURE: "500.00"}],
        ),
    ),
    "S21.G00.53.002/CCH-13": _cut("S21.G00.53.003/CCH-13"),
    "S21.G00.53.002/CCH-14": _cut("S21.G00.53.003/CCH-14"),
    "S21.G00.53.002/CCH-15": _cut("S21.G00.53.003/CCH-15"),
    "S21.G00.53.002/CCH-16": _cut("S21.G00.53.003/CCH-16"),
    "S21.G00.53.003/CCH-12": Check(
        A_UNIT, _unit_reserved("31", PCS, "352a"), reads=[R_CONTRACT, CONTRACT_NUMBER, PCS], scope=B30, triggers=[B53],
        guard=Below(B53, Eq(A_UNIT, "31")),
        cases=_cases(
            [{**C, PCS: "352a", R_CONTRACT: "C0001", A_UNIT: "31"}, {**C, PCS: "389b", R_CONTRACT: "C0001", A_UNIT: "10"}],
            [{**C, PCS: "389b", R_CONTRACT: "C0001", A_UNIT: "31"}],
        ),
    ),
    "S21.G00.53.003/CCH-13": Compare(A_MEASURE, "<=", Const("3250.00"), when=Eq(A_UNIT, "10", "21")),
    "S21.G00.53.003/CCH-14": Compare(A_MEASURE, "<=", Const("403.00"), when=Eq(A_UNIT, "12", "20")),
    "S21.G00.53.003/CCH-15": ValueIn(A_TYPE, ["01"], when=Eq(A_UNIT, "40")),
    "S21.G00.53.003/CCH-16": Check(
        A_UNIT,
        _activity_contract_rule(A_UNIT, lambda a: a.values.get(A_UNIT) == "41", lambda c: not _esat(c), _53_003_16_message),
        reads=[R_CONTRACT, CONTRACT_NUMBER, CONTRACT_NATURE, OLD_NATURE], scope=B30, triggers=[B53],
        guard=Below(B53, Eq(A_UNIT, "41")),
        cases=_cases(
            [{**C, CONTRACT_NATURE: "70", R_CONTRACT: "C0001", A_UNIT: "41"},
             {**C, CONTRACT_NATURE: "01", OLD_NATURE: "70", R_CONTRACT: "C0001", A_UNIT: "41"},
             {**C, CONTRACT_NATURE: "01", R_CONTRACT: "C0001", A_UNIT: "10"}],
            [{**C, CONTRACT_NATURE: "01", R_CONTRACT: "C0001", A_UNIT: "41"}],
        ),
    ),
    "S21.G00.53.003/SIG-11": Check(
        A_UNIT, _53_003_sig_11, reads=[PCS], scope=B30, triggers=[B40], guard=Below(B40, Eq(PCS, "389b", "546d")),
        cases=_cases([{PCS: "389b", A_UNIT: "38"}, {PCS: "352a"}], [{PCS: "546d", A_UNIT: "10"}, {PCS: "389b"}]),
    ),
    "S21.G00.53.003/SIG-13": Check(
        A_UNIT, _unit_reserved("32", PCS_COMPLEMENT, "49"), reads=[R_CONTRACT, CONTRACT_NUMBER, PCS_COMPLEMENT], scope=B30, triggers=[B53],
        guard=Below(B53, Eq(A_UNIT, "32")),
        cases=_cases(
            [{**C, PCS_COMPLEMENT: "49", R_CONTRACT: "C0001", A_UNIT: "32"}, {**C, R_CONTRACT: "C0001", A_UNIT: "10"}],
            [{**C, PCS_COMPLEMENT: "12", R_CONTRACT: "C0001", A_UNIT: "32"}, {**C, R_CONTRACT: "C0001", A_UNIT: "32"}],
        ),
    ),
    # --- S21.G00.54 Autre élément de revenu brut
    "S21.G00.54.004/CCH-11": Compare(O_END, ">=", O_START),
    "S21.G00.54.004/SIG-12": _date_limit(
        O_END, "end",
        _cases(
            [{NATURE: "01", MAIN_MONTH: MONTH, O_TYPE: "01", O_END: "31012026"},
             {NATURE: "01", MAIN_MONTH: MONTH, O_TYPE: "92", O_END: "28022026"},
             {NATURE: "07", MAIN_MONTH: MONTH, O_TYPE: "01", O_END: "28022026"}],
            [{NATURE: "01", MAIN_MONTH: MONTH, O_TYPE: "01", O_END: "01022026"}],
        ),
        when=Nature("01") & NotEq(O_TYPE, "92", "93", "37"),
    ),
    "S21.G00.54.005/CCH-11": _contract_number_rule(O_CONTRACT, ("01",), with_previous=False),
    "S21.G00.54.005/CCH-12": _contract_number_rule(O_CONTRACT, ("07",), with_previous=True),
    # --- S21.G00.56 Régularisation de prélèvement à la source
    "S21.G00.56.001/CCH-11": Check(
        E_MONTH, month_not_after_main(E_MONTH), reads=[MAIN_MONTH],
        cases=_cases([{E_MONTH: "012026", MAIN_MONTH: MONTH}, {E_MONTH: "112025", MAIN_MONTH: MONTH}],
                     [{E_MONTH: "022026", MAIN_MONTH: MONTH}]),
    ),
    "S21.G00.56.002/CCH-11": all_required(
        E_TYPE, Eq(E_TYPE, "01"), ["S21.G00.56.003", "S21.G00.56.006", "S21.G00.56.010"],
        _cases(
            [{E_TYPE: "01", "S21.G00.56.003": "1.00", "S21.G00.56.006": "5.00", "S21.G00.56.010": "1.00"}, {E_TYPE: "02"}],
            [{E_TYPE: "01", "S21.G00.56.003": "1.00", "S21.G00.56.006": "5.00"}],
        ),
    ),
    "S21.G00.56.002/CCH-12": all_required(
        E_TYPE, Eq(E_TYPE, "02"), ["S21.G00.56.005", "S21.G00.56.015"],
        _cases([{E_TYPE: "02", "S21.G00.56.005": "1.00", "S21.G00.56.015": "10.00"}, {E_TYPE: "01"}],
               [{E_TYPE: "02", "S21.G00.56.005": "1.00"}]),
    ),
    "S21.G00.56.002/CCH-13": all_required(
        E_TYPE, Eq(E_TYPE, "03"), ["S21.G00.56.003", "S21.G00.56.006", "S21.G00.56.010"],
        _cases(
            [{E_TYPE: "03", "S21.G00.56.003": "-1.00", "S21.G00.56.006": "5.00", "S21.G00.56.010": "-1.00"}, {E_TYPE: "02"}],
            [{E_TYPE: "03", "S21.G00.56.006": "5.00", "S21.G00.56.010": "-1.00"}],
        ),
    ),
    "S21.G00.56.002/CCH-14": zero_amounts(
        E_TYPE, Eq(E_TYPE, "03"), ["S21.G00.56.003", "S21.G00.56.010"],
        _cases([{E_TYPE: "03", "S21.G00.56.003": "-1.00", "S21.G00.56.010": "0.00"}, {E_TYPE: "01", "S21.G00.56.003": "1.00"}],
               [{E_TYPE: "03", "S21.G00.56.003": "-1.00", "S21.G00.56.010": "2.00"}]),
        sign="<=",
    ),
    "S21.G00.56.002/CCH-15": all_forbidden(
        E_TYPE, Eq(E_TYPE, "01", "03", "04"), ["S21.G00.56.004", "S21.G00.56.005", "S21.G00.56.015"],
        _cases([{E_TYPE: "01"}, {E_TYPE: "02", "S21.G00.56.005": "1.00"}],
               [{E_TYPE: "04", "S21.G00.56.015": "1.00"}, {E_TYPE: "03", "S21.G00.56.004": "1.00"}]),
    ),
    "S21.G00.56.002/CCH-16": Check(
        E_MONTH, error_year(E_MONTH, E_TYPE, january=False), reads=[E_TYPE, MAIN_MONTH],
        cases=_cases(
            [{E_TYPE: "01", E_MONTH: "012026", MAIN_MONTH: "01032026"}, {E_TYPE: "03", E_MONTH: "122025", MAIN_MONTH: "01032026"},
             {E_TYPE: "01", E_MONTH: "122025", MAIN_MONTH: MONTH}],
            [{E_TYPE: "02", E_MONTH: "122025", MAIN_MONTH: "01032026"}],
        ),
    ),
    "S21.G00.56.002/CCH-17": Check(
        E_MONTH, error_year(E_MONTH, E_TYPE, january=True), reads=[E_TYPE, MAIN_MONTH],
        cases=_cases(
            [{E_TYPE: "01", E_MONTH: "122025", MAIN_MONTH: MONTH}, {E_TYPE: "01", E_MONTH: "122024", MAIN_MONTH: "01032026"}],
            [{E_TYPE: "02", E_MONTH: "122024", MAIN_MONTH: MONTH}],
        ),
    ),
    "S21.G00.56.002/CCH-18": all_forbidden(
        E_TYPE, Eq(E_TYPE, "02"),
        ["S21.G00.56.003", "S21.G00.56.006", "S21.G00.56.008", "S21.G00.56.009", "S21.G00.56.010"],
        _cases([{E_TYPE: "02", "S21.G00.56.005": "1.00"}, {E_TYPE: "01", "S21.G00.56.003": "1.00"}],
               [{E_TYPE: "02", "S21.G00.56.009": "1.00"}]),
    ),
    "S21.G00.56.002/CCH-26": all_required(
        E_TYPE, Eq(E_TYPE, "04"), ["S21.G00.56.003", "S21.G00.56.010"],
        _cases([{E_TYPE: "04", "S21.G00.56.003": "1.00", "S21.G00.56.010": "1.00"}, {E_TYPE: "02"}],
               [{E_TYPE: "04", "S21.G00.56.010": "1.00"}]),
    ),
    "S21.G00.56.002/CCH-27": zero_amounts(
        E_TYPE, Eq(E_TYPE, "04"), ["S21.G00.56.007"],
        _cases([{E_TYPE: "04", "S21.G00.56.007": "0.00"}, {E_TYPE: "01", "S21.G00.56.007": "5.00"}],
               [{E_TYPE: "04", "S21.G00.56.007": "-5.00"}]),
    ),
    "S21.G00.56.004/CCH-16": _cut("S21.G00.56.002/CCH-16"),
    "S21.G00.56.004/CCH-17": _cut("S21.G00.56.002/CCH-17"),
    "S21.G00.56.004/CCH-18": _cut("S21.G00.56.002/CCH-18"),
    "S21.G00.56.007/CCH-11": _cut("S21.G00.56.008/CCH-11"),
    "S21.G00.56.007/CCH-11#2": _cut("S21.G00.56.010/CCH-11"),
    "S21.G00.56.008/CCH-11": all_required(
        "S21.G00.56.008", Present("S21.G00.56.008"), ["S21.G00.56.003", "S21.G00.56.010"],
        _cases([{"S21.G00.56.008": "1.00", "S21.G00.56.003": "1.00", "S21.G00.56.010": "1.00"}, {"S21.G00.56.003": "1.00"}],
               [{"S21.G00.56.008": "1.00", "S21.G00.56.003": "1.00"}]),
    ),
    "S21.G00.56.009/CCH-26": _cut("S21.G00.56.002/CCH-26"),
    "S21.G00.56.009/CCH-27": _cut("S21.G00.56.002/CCH-27"),
    "S21.G00.56.010/CCH-11": Required("S21.G00.56.003", when=Present("S21.G00.56.010")),
    "S21.G00.56.010/CCH-12": _cut("S21.G00.56.002/CCH-12"),
    "S21.G00.56.015/CCH-13": _cut("S21.G00.56.002/CCH-13"),
    "S21.G00.56.015/CCH-14": _cut("S21.G00.56.002/CCH-14"),
    "S21.G00.56.015/CCH-15": _cut("S21.G00.56.002/CCH-15"),
    # --- S21.G00.58 Elément de revenu calculé en net
    "S21.G00.58.002/CCH-11": Compare(N_END, ">=", N_START),
    "S21.G00.58.002/CCH-12": _date_limit(
        N_END, "next", _cases([{N_END: "28022026", MAIN_MONTH: MONTH}], [{N_END: "01032026", MAIN_MONTH: MONTH}])
    ),
    "S21.G00.58.002/CCH-13": _same_period(
        N_END, N_START, "year", _cases([{N_START: "01012026", N_END: "31012026"}], [{N_START: "01122025", N_END: "31012026"}])
    ),
    "S21.G00.58.002/CCH-14": RequiredIff(N_END, Present(N_START)),
    # --- S21.G00.78 Base assujettie
    "S21.G00.78.001/CCH-11": Check(
        BASE_CODE,
        _base_rule(lambda b: b.values.get(BASE_CODE) in CIBTP_BASES, _cibtp_allowed(with_old=True), _cibtp_message(with_old=True)),
        reads=[CP_FUND, OLD_CP_FUND], scope=B30, triggers=[B78], guard=Below(B78, Eq(BASE_CODE, *CIBTP_BASES)),
        cases=_cases(
            [{BASE_CODE: "21", CP_FUND: "05"}, {BASE_CODE: "34", OLD_CP_FUND: "99"}, {BASE_CODE: "02"}],
            [{BASE_CODE: "21"}, {BASE_CODE: "40", CP_FUND: "99"}, {BASE_CODE: "35", CP_FUND: "38"}],
        ),
    ),
    "S21.G00.78.001/CCH-13": Check(
        BASE_CODE, _78_001_13, reads=[NATURE, AFFILIATION_ID, BASE_AFFILIATION], scope=B30, triggers=[B70],
        guard=And(Nature("01"), Below(B70, Present(AFFILIATION_ID))),
        cases=_cases(
            [{NATURE: "01", AFFILIATION_ID: "1", BASE_CODE: "31", BASE_AFFILIATION: "1"}, {NATURE: "07", AFFILIATION_ID: "1"}],
            [{NATURE: "01", AFFILIATION_ID: "1"}, {NATURE: "01", AFFILIATION_ID: "1", BASE_CODE: "31", BASE_AFFILIATION: "2"}],
        ),
    ),
    "S21.G00.78.001/CCH-14": ValueNotIn(BASE_CODE, ["31"], when=Nature("07")),
    "S21.G00.78.001/CCH-24": Check(
        BASE_CODE,
        _base_rule(
            lambda b: b.values.get(BASE_CODE) == "20",
            lambda index: any(CP_FUND in c.values for c in index.get(B40, [])) or any(OLD_CP_FUND in c.values for c in index.get(B41, [])),
            _fund_given_message(with_old=True),
        ),
        reads=[CP_FUND, OLD_CP_FUND], scope=B30, triggers=[B78], guard=Below(B78, Eq(BASE_CODE, "20")),
        cases=_cases([{BASE_CODE: "20", CP_FUND: "05"}, {BASE_CODE: "20", OLD_CP_FUND: "05"}, {BASE_CODE: "03"}], [{BASE_CODE: "20"}]),
    ),
    "S21.G00.78.001/CCH-25": Check(
        BASE_CODE,
        _base_rule(lambda b: b.values.get(BASE_CODE) in CIBTP_BASES, _cibtp_allowed(with_old=False), _cibtp_message(with_old=False),
                   natures=("07",)),
        reads=[NATURE, CP_FUND], scope=B30, triggers=[B78], guard=And(Nature("07"), Below(B78, Eq(BASE_CODE, *CIBTP_BASES))),
        cases=_cases(
            [{NATURE: "07", BASE_CODE: "36", CP_FUND: "37"}, {NATURE: "01", BASE_CODE: "36"}],
            [{NATURE: "07", BASE_CODE: "36"}, {NATURE: "07", BASE_CODE: "39", OLD_CP_FUND: "05"}],
        ),
    ),
    "S21.G00.78.001/CCH-26": Check(
        BASE_CODE,
        _base_rule(lambda b: b.values.get(BASE_CODE) == "20", lambda index: any(CP_FUND in c.values for c in index.get(B40, [])),
                   _fund_given_message(with_old=False), natures=("07",)),
        reads=[NATURE, CP_FUND], scope=B30, triggers=[B78], guard=And(Nature("07"), Below(B78, Eq(BASE_CODE, "20"))),
        cases=_cases([{NATURE: "07", BASE_CODE: "20", CP_FUND: "05"}, {NATURE: "01", BASE_CODE: "20"}],
                     [{NATURE: "07", BASE_CODE: "20"}, {NATURE: "07", BASE_CODE: "20", OLD_CP_FUND: "05"}]),
    ),
    "S21.G00.78.001/SIG-18": Check(
        BASE_CODE, _78_001_sig_18, reads=[RC_REGIME], scope=B30, triggers=[B71], guard=Below(B71, Eq(RC_REGIME, "CRPNPAC")),
        cases=_cases([{RC_REGIME: "CRPNPAC", BASE_CODE: "41"}, {RC_REGIME: "RUAA", BASE_CODE: "03"}],
                     [{RC_REGIME: "CRPNPAC", BASE_CODE: "03"}]),
    ),
    "S21.G00.78.001/SIG-19": Check(
        BASE_CODE, _78_001_sig_19, reads=[BASE_START, BASE_END, MAIN_MONTH], scope=B50,
        cases=_cases(
            [{MAIN_MONTH: MONTH, BASE_CODE: "02", BASE_START: "01122025", BASE_END: "31122025"},
             {MAIN_MONTH: MONTH, BASE_CODE: "04", BASE_START: "01012026", BASE_END: "31012026"}],
            [{MAIN_MONTH: MONTH, BASE_CODE: "02", BASE_START: "01012026", BASE_END: "31012026"},
             {MAIN_MONTH: MONTH, BASE_CODE: "03", BASE_START: "01012026", BASE_END: "31012026"}],
        ),
    ),
    "S21.G00.78.003/CCH-12": Compare(BASE_END, ">=", BASE_START),
    "S21.G00.78.003/CCH-15": _date_limit(
        BASE_END, "end", _cases([{BASE_END: "31012026", MAIN_MONTH: MONTH}], [{BASE_END: "01022026", MAIN_MONTH: MONTH}])
    ),
    "S21.G00.78.003/CCH-16": _same_period(
        BASE_END, BASE_START, "year",
        _cases([{BASE_START: "01012026", BASE_END: "31012026"}], [{BASE_START: "01122025", BASE_END: "31012026"}]),
    ),
    "S21.G00.78.003/SIG-11": _same_period(
        BASE_END, BASE_START, "month",
        _cases([{BASE_CODE: "31", BASE_START: "01012026", BASE_END: "31012026"}, {BASE_CODE: "02", BASE_START: "01122025", BASE_END: "31012026"}],
               [{BASE_CODE: "31", BASE_START: "01122025", BASE_END: "31012026"}, {BASE_CODE: "31", BASE_START: "01012025", BASE_END: "31012026"}]),
        when=Eq(BASE_CODE, "31"),
    ),
    "S21.G00.78.003/SIG-17": Check(
        BASE_END, _78_003_sig_17,
        reads=[BASE_CODE, BASE_START, BASE_AFFILIATION, AFFILIATION_ID, CONTRACT_START, CONTRACT_NATURE, END_DATE, END_REASON, MAIN_MONTH],
        scope=B30, triggers=[B78], guard=And(Below(B78, Eq(BASE_CODE, "31")), Below(B78, Present(BASE_AFFILIATION))),
        cases=_cases(
            [{MAIN_MONTH: MONTH, CONTRACT_START: "10012026", CONTRACT_NATURE: "01", AFFILIATION_ID: "1",
              BASE_CODE: "31", BASE_AFFILIATION: "1", BASE_START: "10012026", BASE_END: "31012026"},
             {MAIN_MONTH: MONTH, CONTRACT_START: "10012026", CONTRACT_NATURE: "03", AFFILIATION_ID: "1",
              BASE_CODE: "31", BASE_AFFILIATION: "1", BASE_START: "01012026", BASE_END: "31012026"},
             {MAIN_MONTH: MONTH, CONTRACT_START: "01012025", CONTRACT_NATURE: "01", AFFILIATION_ID: "1", END_DATE: "15012026",
              END_REASON: "099", BASE_CODE: "31", BASE_AFFILIATION: "1", BASE_START: "01012026", BASE_END: "31012026"}],
            [{MAIN_MONTH: MONTH, CONTRACT_START: "10012026", CONTRACT_NATURE: "01", AFFILIATION_ID: "1",
              BASE_CODE: "31", BASE_AFFILIATION: "1", BASE_START: "01012026", BASE_END: "31012026"},
             {MAIN_MONTH: MONTH, CONTRACT_START: "01012025", CONTRACT_NATURE: "01", AFFILIATION_ID: "1", END_DATE: "15012026",
              END_REASON: "059", BASE_CODE: "31", BASE_AFFILIATION: "1", BASE_START: "01012026", BASE_END: "31012026"}],
        ),
    ),
    "S21.G00.78.004/CCH-11": zero_amounts(
        BASE_AMOUNT, Eq(BASE_CODE, "31"), [BASE_AMOUNT],
        _cases([{BASE_CODE: "31", BASE_AMOUNT: "0.00"}, {BASE_CODE: "03", BASE_AMOUNT: "10.00"}],
               [{BASE_CODE: "31", BASE_AMOUNT: "10.00"}]),
    ),
    "S21.G00.78.004/CCH-12": _cut("S21.G00.78.005/CCH-12"),
    "S21.G00.78.005/CCH-11": Check(
        BASE_AFFILIATION, _78_005_11, reads=[BASE_CODE, AFFILIATION_ID], scope=B30, triggers=[B78],
        guard=Or(Below(B78, Eq(BASE_CODE, "31")), Below(B78, Present(BASE_AFFILIATION))),
        cases=_cases(
            [{AFFILIATION_ID: "1", BASE_CODE: "31", BASE_AFFILIATION: "1"}, {BASE_CODE: "03"}],
            [{BASE_CODE: "31"}, {AFFILIATION_ID: "1", BASE_CODE: "31", BASE_AFFILIATION: "2"},
             {AFFILIATION_ID: "1", BASE_CODE: "03", BASE_AFFILIATION: "1"}],
        ),
    ),
    "S21.G00.78.005/CCH-12": Check(
        BASE_AFFILIATION, _78_005_12, reads=[BASE_CODE, AFFILIATION_ID, CONTRACT_NUMBER, R_CONTRACT], scope=B30, triggers=[B78],
        guard=And(Below(B78, Eq(BASE_CODE, "31")), Below(B78, Present(BASE_AFFILIATION))),
        cases=_cases(
            [{**C, AFFILIATION_ID: "1", R_CONTRACT: "C0001", BASE_CODE: "31", BASE_AFFILIATION: "1"},
             {**C, AFFILIATION_ID: "1", R_CONTRACT: "C0002", BASE_CODE: "03"}],
            [{**C, AFFILIATION_ID: "1", R_CONTRACT: "C0002", BASE_CODE: "31", BASE_AFFILIATION: "1"}],
        ),
    ),
    "S21.G00.78.005/CCH-15": NotDecidable(
        TEXT_INCOMPLETE,
        "the CT2026 extract files under S21.G00.78.005 (an identifier, not a date) the text of S21.G00.78.003/CCH-15 (\"Cette date doit être inférieure ou égale au dernier jour civil du mois principal\"); that rule is implemented under its own id.",
    ),
    "S21.G00.78.005/CCH-16": _cut("S21.G00.78.003/CCH-16"),
    "S21.G00.78.007/CCH-11": _crm(BASE_CRM),
    # --- S21.G00.79 Composant de base assujettie
    "S21.G00.79.001/CCH-11": RequiredChild(B79, when=Eq(BASE_CODE, "31")),
    "S21.G00.79.001/CCH-12": ValueIn(COMP_TYPE, [f"{n:02d}" for n in range(10, 22)] + ["23", "24"], when=Eq(BASE_CODE, "31")),
    "S21.G00.79.001/CCH-13": Check(
        COMP_TYPE, _79_001_13, reads=[COT_AMOUNT], scope=B78, guard=And(HasChild(B79), HasChild(B81)),
        cases=_cases([{COMP_TYPE: "23", COT_AMOUNT: "0.00"}, {COMP_TYPE: "10", COT_AMOUNT: "12.00"}],
                     [{COMP_TYPE: "23", COT_AMOUNT: "12.00"}]),
    ),
    "S21.G00.79.001/CCH-14": ValueNotIn(COMP_TYPE, ["01"], when=NotEq(BASE_CODE, "03", "19")),
    "S21.G00.79.001/CCH-17": ValueNotIn(COMP_TYPE, ["01", "02", "03", "04", "05", "06", "22", "90", "91"], when=Eq(BASE_CODE, "31")),
    "S21.G00.79.001/SIG-19": zero_amounts(
        COMP_TYPE, Eq(COMP_TYPE, "23"), [COMP_AMOUNT],
        _cases([{COMP_TYPE: "23", COMP_AMOUNT: "0.00"}, {COMP_TYPE: "10", COMP_AMOUNT: "5.00"}],
               [{COMP_TYPE: "23", COMP_AMOUNT: "5.00"}]),
    ),
    "S21.G00.79.005/CCH-11": _crm(COMP_CRM),
    # --- S21.G00.81 Cotisation individuelle
    "S21.G00.81.001/CCH-11": Check(
        COT_CODE, _81_001_11, reads=[BASE_CODE], scope=B78, guard=Eq(BASE_CODE, "28"),
        cases=_cases([{BASE_CODE: "28", COT_CODE: "060"}, {BASE_CODE: "03"}], [{BASE_CODE: "28"}, {BASE_CODE: "28", COT_CODE: "059"}]),
    ),
    "S21.G00.81.001/CCH-13": ValueNotIn(COT_CODE, ["059"], when=Not(Eq(BASE_CODE, "31"))),
    "S21.G00.81.001/CCH-15": Check(
        COT_CODE, _81_001_15, reads=[BASE_CODE], scope=B78, guard=Eq(BASE_CODE, "31"),
        cases=_cases([{BASE_CODE: "31", COT_CODE: "059"}, {BASE_CODE: "03", COT_CODE: "018"}],
                     [{BASE_CODE: "31", COT_CODE: "060"}, {BASE_CODE: "31"}]),
    ),
    "S21.G00.81.001/CCH-16": all_required(
        COT_CODE, Eq(COT_CODE, "018", "106"), [COT_BASE, COT_AMOUNT],
        _cases([{COT_CODE: "018", COT_BASE: "100.00", COT_AMOUNT: "-10.00"}, {COT_CODE: "059"}],
               [{COT_CODE: "106", COT_BASE: "100.00"}, {COT_CODE: "018"}]),
    ),
    "S21.G00.81.001/CCH-17": Check(
        COT_CODE, _81_001_17, reads=[BASE_CODE, COMP_TYPE], guard=Eq(COT_CODE, "018", "106"),
        cases=_cases(
            [{BASE_CODE: "03", COMP_TYPE: "01", COT_CODE: "018"}, {BASE_CODE: "02", COT_CODE: "100"}],
            [{BASE_CODE: "03", COMP_TYPE: "02", COT_CODE: "018"}, {BASE_CODE: "02", COMP_TYPE: "01", COT_CODE: "106"}],
        ),
    ),
    "S21.G00.81.001/SIG-18": NotDecidable(
        TEXT_INCOMPLETE,
        "CT2026 text cut at 500 characters in the list of required cotisations (\"au moins un bloc … de type 142 - Cotisation régime unifié Agirc-Arrco (part…\"); CT2024 does not have it.",
    ),
    "S21.G00.81.002/CCH-11": Forbidden(COT_OPS, when=Eq(COT_CODE, "059")),
    "S21.G00.81.002/CCH-12": _cut("S21.G00.81.003/CCH-12"),
    "S21.G00.81.002/CCH-12#2": _cut("S21.G00.81.004/CCH-12"),
    "S21.G00.81.002/CCH-13": _cut("S21.G00.81.004/CCH-13"),
    "S21.G00.81.003/CCH-11": Required(COT_BASE, when=Eq(COT_CODE, "060", "061")),
    "S21.G00.81.003/CCH-12": Forbidden(COT_BASE, when=Eq(COT_CODE, "059")),
    "S21.G00.81.004/CCH-11": Required(COT_AMOUNT, when=Eq(COT_CODE, "059")),
    "S21.G00.81.004/CCH-12": Required(COT_AMOUNT, when=Eq(COT_CODE, "105", "131", "132")),
    "S21.G00.81.004/CCH-13": Required(COT_AMOUNT, when=Eq(COT_CODE, "060", "061")),
    "S21.G00.81.004/CCH-17": _cut("S21.G00.81.001/CCH-17"),
    "S21.G00.81.005/CCH-11": Forbidden(COT_INSEE, when=Eq(COT_CODE, "059")),
    "S21.G00.81.006/CCH-11": _crm(COT_CRM),
    # --- S21.G00.83 / 84 Affiliation à tort
    "S21.G00.83.001/CCH-11": Check(
        W_START, _83_001_11, scope=B30, triggers=[B72, B83],
        cases=_cases([{"block:S21.G00.72": "1", W_START: "01012025"}, {RC_REGIME: "RUAA"}],
                     [{"block:S21.G00.72": "1"}, {W_START: "01012025"}]),
    ),
    "S21.G00.83.002/CCH-11": Compare(W_END, ">=", W_START),
    "S21.G00.83.002/CCH-12": _date_limit(
        W_END, "before", _cases([{W_END: "31122025", MAIN_MONTH: MONTH}], [{W_END: "01012026", MAIN_MONTH: MONTH}])
    ),
    "S21.G00.84.002/CCH-11": Compare(WB_START, ">=", W_START),
    "S21.G00.84.002/CCH-12": _date_limit(
        WB_START, "before", _cases([{WB_START: "31122025", MAIN_MONTH: MONTH}], [{WB_START: "15012026", MAIN_MONTH: MONTH}])
    ),
    "S21.G00.84.002/CCH-13": Compare(WB_START, "<=", W_END),
    "S21.G00.84.003/CCH-11": Compare(WB_END, ">=", WB_START),
    "S21.G00.84.003/CCH-12": _date_limit(
        WB_END, "before", _cases([{WB_END: "31122025", MAIN_MONTH: MONTH}], [{WB_END: "01012026", MAIN_MONTH: MONTH}])
    ),
    "S21.G00.84.003/CCH-13": Compare(WB_END, "<=", W_END),
}

# Cases of the rules that need repeated blocks: lines read by the tree builder.
_NIR = ("S21.G00.30.001", "1850175123001")
_PAY = (PAY_DATE, "31012026")


def _contract(number: str, nature: str = "01", maritime: str | None = None) -> list[tuple[str, str]]:
    lines = [(CONTRACT_START, "01012026"), (CONTRACT_NATURE, nature), (CONTRACT_NUMBER, number)]
    return lines + ([(MARITIME_ID, maritime)] if maritime else [])


def _base31(affiliation: str) -> list[tuple[str, str]]:
    return [(BASE_CODE, "31"), (BASE_START, "01012026"), (BASE_END, "31012026"), (BASE_AFFILIATION, affiliation),
            (COT_CODE, "059"), (COT_AMOUNT, "10.00")]


def _service_line_cases(amount: str, paid: Sequence[str]) -> list[tuple[Example, bool]]:
    """A maritime contract M1 (nature 91) paid type 002 = amount, and its service line S1
    (nature 93, 40.076 = M1) paid the `paid` types or nothing."""
    head = [_NIR, *_contract("M1", "91"), *_contract("S1", "93", "M1"), _PAY,
            (R_CONTRACT, "M1"), (R_TYPE, "002"), (R_AMOUNT, amount)]
    with_pay = head + [line for t in paid for line in ((R_CONTRACT, "S1"), (R_TYPE, t), (R_AMOUNT, "0.00"))]
    return [({**MONTHLY, "lines": with_pay}, True), ({**MONTHLY, "lines": head}, False)]


RULES.update({
    "S21.G00.50.001/CCH-16": Check(
        O_CONTRACT, _50_001_16, reads=[R_CONTRACT, O_TYPE], scope=B50, guard=HasChild(B54),
        cases=_cases(
            [{"lines": [_PAY, (R_CONTRACT, "C1"), (R_CONTRACT, "C2"), (O_TYPE, "10"), (O_CONTRACT, "C1")]}],
            [{"lines": [_PAY, (R_CONTRACT, "C1"), (R_CONTRACT, "C2"), (O_TYPE, "10")]}],
        ),
    ),
    "S21.G00.50.003/CCH-11": Check(
        PAY_NUMBER, _50_003_11, scope=B30, triggers=[B50],
        cases=_cases(
            [{"lines": [_NIR, _PAY, (PAY_NUMBER, "1"), _PAY, (PAY_NUMBER, "2")]}],
            [{"lines": [_NIR, _PAY, (PAY_NUMBER, "1"), _PAY, (PAY_NUMBER, "01")]}],
        ),
    ),
    "S21.G00.50.003/CCH-12": Check(
        PAY_NUMBER, _50_003_12, scope=B30, triggers=[B50],
        cases=_cases(
            [{"lines": [_NIR, _PAY, (PAY_NUMBER, "1"), _PAY, (PAY_NUMBER, "2")]}],
            [{"lines": [_NIR, _PAY, (PAY_NUMBER, "1"), _PAY]}],
        ),
    ),
    "S21.G00.51.011/CCH-12": Check(
        R_TYPE, _service_line_rule(zero=False), reads=[NATURE, CONTRACT_NATURE, CONTRACT_NUMBER, MARITIME_ID, R_CONTRACT, R_AMOUNT],
        scope=B30, triggers=[B51], cases=_service_line_cases("100.00", ["002"]), guard=SERVICE_LINE,
    ),
    "S21.G00.51.011/CCH-13": Check(
        R_TYPE, _service_line_rule(zero=True), reads=[NATURE, CONTRACT_NATURE, CONTRACT_NUMBER, MARITIME_ID, R_CONTRACT, R_AMOUNT],
        scope=B30, triggers=[B51], cases=_service_line_cases("0.00", BASIC_PAY), guard=SERVICE_LINE,
    ),
    "S21.G00.52.001/CCH-11": Check(
        P_TYPE, _52_001_11, reads=[P_CONTRACT], scope=B30, triggers=[B52],
        cases=_cases(
            [{"lines": [_NIR, *_contract("C1"), _PAY, (P_TYPE, "001"), (P_CONTRACT, "C1"), (P_TYPE, "002"), (P_CONTRACT, "C1")]}],
            [{"lines": [_NIR, *_contract("C1"), _PAY, (P_TYPE, "001"), (P_CONTRACT, "C1"), (P_TYPE, "001"), (P_CONTRACT, "C1")]}],
        ),
    ),
    "S21.G00.52.001/CCH-20": Check(
        P_TYPE, _52_001_20, reads=[P_CONTRACT], scope=B30, triggers=[B52], guard=Below(B52, Eq(P_TYPE, "009", "010")),
        cases=_cases(
            [{"lines": [_NIR, *_contract("C1"), _PAY, (P_TYPE, "009"), (P_CONTRACT, "C1"), (P_TYPE, "001"), (P_CONTRACT, "C1")]}],
            [{"lines": [_NIR, *_contract("C1"), _PAY, (P_TYPE, "009"), (P_CONTRACT, "C1"), (P_TYPE, "010"), (P_CONTRACT, "C1")]}],
        ),
    ),
    "S21.G00.78.001/SIG-23": Check(
        BASE_CODE, _78_001_sig_23, reads=[NATURE, BASE_START, BASE_END, BASE_AFFILIATION, COT_AMOUNT, AFFILIATION_ID, CONTRACT_NATURE],
        scope=B30, triggers=[B78], guard=And(Nature("01"), Below(B78, Eq(BASE_CODE, "31"))),
        cases=_cases(
            [{NATURE: "01", "lines": [_NIR, _PAY, *_base31("A1"), *_base31("A2")]}],
            [{NATURE: "01", "lines": [_NIR, _PAY, *_base31("A1"), *_base31("A1")]}],
        ),
    ),
    "S21.G00.79.001/CCH-16": Check(
        COMP_TYPE, _79_001_16, reads=[BASE_CODE], scope=B78, guard=Eq(BASE_CODE, "31"),
        cases=_cases(
            [{"lines": [(BASE_CODE, "31"), (COMP_TYPE, "10"), (COMP_TYPE, "11")]}],
            [{"lines": [(BASE_CODE, "31"), (COMP_TYPE, "10"), (COMP_TYPE, "10")]}],
        ),
    ),
    "S21.G00.79.001/SIG-18": Check(
        COMP_TYPE, _79_001_sig_18, scope=B78, guard=HasChild(B79),
        cases=_cases(
            [{"lines": [(BASE_CODE, "03"), (COMP_TYPE, "01"), (COMP_TYPE, "02")]}],
            [{"lines": [(BASE_CODE, "03"), (COMP_TYPE, "23"), (COMP_TYPE, "01")]}],
        ),
    ),
})
