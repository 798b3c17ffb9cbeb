"""CT controls (CCH, SIG) of the S89 blocks: bénéficiaire des honoraires (S89.G00.32) and its
avantages en nature (33), indemnités (35), rémunérations (43); retraite supplémentaire (67);
actions gratuites (87); stock options (88); BSPCE (89); individu non salarié (91), its bases
spécifiques (92), régularisations PAS (93) and cotisations (94).

Where the blocks sit. Every S89 block hangs under the declaration (S20.G00.05), after the
enterprise tree, so it closes after every individual (S21.G00.30) of the declaration. A rule
that compares an S89 block with the individuals (NIR or NTT "identique à celui déclaré dans
S21.G00.30.001 / .020", the birth year of a NIR) is an `Aggregate` scoped at the declaration:
it gathers the NIRs, birth dates and NTTs of the individuals while they are in memory (one
table per declaration, shared by all those rules: see `_people`) and judges the S89 blocks
when the declaration closes. A rule on the bases (92) of an individual non salarié that needs
its sibling blocks is scoped at S89.G00.91, which closes after all of them.

Readings we had to choose (the narrowest certain one, unless said otherwise):
- NIR / NTT "identique à celui déclaré dans la rubrique S21.G00.30.001 (.020)" (67.001,
  87.007, 88.008, 89.007 CCH-13; 67.002/CCH-12, 87.008, 88.009, 89.008 CCH-13): the blocks
  are not under an individual, so the value must be the NIR (NTT) of one of the individuals
  of the same declaration. Only the first offending block of a declaration is reported.
- Department of birth in the NIR (CCH-11 of 67.001, 87.007, 88.008, 89.007): "l'année doit
  être extraite de la rubrique date de naissance", but these blocks carry none; the birth
  date used is that of the individual of the declaration with the same NIR (S21.G00.30.006).
  When no individual has that NIR, nothing is said (CCH-13 reports it). For 91.001 the
  birth date is the block's own (91.006). Birth dates whose year is not 4 digits are ignored.
- "Plus de cinq caractères 9 à la suite en fin de chaîne": six or more trailing '9'.
- 91.006/CCH-11: the NIR's two year digits against the last two of the birth year.
- 91.006/CCH-12: "l'année en cours" is the year of the file date (S20.G00.05.007), or the
  file date the validator knows, or today's when neither is given.
- 32.003/CCH-12: a set (name/first name; SIREN/NIC/raison sociale) counts as given when any
  of its rubriques is; both given, or neither, is refused. Incomplete sets are left to
  32.003/CCH-11 and 32.006/CCH-11.
- 32.005/CCH-11 (NIC key): the SIRET made with the beneficiary's SIREN (32.004); judged only
  when that SIREN is there and has a valid key; La Poste (356000000) accepted (policy).
- 32.011/CCH-12, 91.009/CCH-11: the rule (a postcode excludes the country code and the
  foreign distribution code, and conversely). The message also asks, without a postcode,
  for both the country and the distribution code: that demand is not checked.
- 32.001/CCH-12: one child block 33, 35 or 43 whose amount is greater than zero suffices.
- 91.018/CCH-11, SIG-12: the statut conventionnel is judged when it is given.
- 92.001/CCH-12, CCH-13: the bases 23 and 43 (51, 52 and 53) are looked for among all the
  blocks 92 of the individual, whatever their type.
- 92.001/CCH-15: blocks 92 of one individual are grouped by type, start, end and payment
  date (an absent rubrique is a value of its own); each group needs a base 50.
- 94.001/CCH-11: one block 94 under any block 92 of type 01, 02 or 03 of the individual
  suffices (the text does not say under which base the cotisation goes).
- 92.008/CCH-11, 93.002/CCH-14, CCH-21 ("nulles", "négatives ou nulles", "renseignée à
  0.00"): judged on a value that is given; an absent value is not blamed.
- 92.015/CCH-11: "période inférieure au mois principal" is read as both 92.004 and 92.005
  before the first day of the main month; a given date on or after it is blamed; with both
  dates absent nothing is said.
- 93.002/CCH-16, CCH-17: as for S21.G00.56.002 (see remuneration.py): outside January the
  year of the error month must not be before the main month's; in January not before N-1.
  The January rule's "only N-1" would also refuse an error month of year N (the main month
  itself): that case is not blamed.
- 92.003/CCH-11 has the complete text of 92.005/CCH-11 (end of period on or after its start):
  it is implemented the same way, on the dates.

Not decidable here (see each entry): the monthly datation of §4.4.12 (project policy), and
the CT2026 entries that the extract cuts at about 100 characters and that CT2024 does not
have. Most of them repeat the opening and the id of a control of a neighbouring rubrique
(e.g. 67.002/CCH-13 opens like 67.001/CCH-13); they are not guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from forms import identifiers
from forms.controls.common import (
    all_forbidden,
    all_required,
    department_problem,
    error_year,
    month_not_after_main,
    year_of,
    zero_amounts,
)
from forms.controls.common import amount as _amount
from forms.controls.common import cases as _cases
from forms.controls.common import coded as _code
from forms.controls.common import main_month as _main_month
from forms.controls.common import month_end as _month_end
from forms.controls.common import quote as _q
from forms.controls.dsl import (
    TEXT_INCOMPLETE,
    Absent,
    Aggregate,
    And,
    Check,
    Compare,
    Eq,
    Example,
    ForbiddenChild,
    Nature,
    Not,
    NotDecidable,
    NotEq,
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
from forms.findings import mask_nir
from forms.i18n import _
from forms.norm import Norm

# ----------------------------------------------------------------------------- codes
NATURE = "S20.G00.05.001"
MAIN_MONTH = "S20.G00.05.005"
FILE_DATE = "S20.G00.05.007"
DECLARATION = "S20.G00.05"
ENTERPRISE = "S21.G00.06"
SIREN = "S21.G00.06.001"
ESTABLISHMENT = "S21.G00.11"
INDIVIDUAL = "S21.G00.30"
IND_NIR = "S21.G00.30.001"
IND_BIRTH = "S21.G00.30.006"
IND_NTT = "S21.G00.30.020"

B32, B33, B35, B43 = "S89.G00.32", "S89.G00.33", "S89.G00.35", "S89.G00.43"
B91, B92, B93, B94 = "S89.G00.91", "S89.G00.92", "S89.G00.93", "S89.G00.94"

H_NAME, H_FIRST, H_SIREN, H_NIC, H_COMPANY = (f"S89.G00.32.{n:03d}" for n in (2, 3, 4, 5, 6))
H_POSTCODE, H_TOWN, H_COUNTRY, H_ABROAD, H_YEAR = (f"S89.G00.32.{n:03d}" for n in (11, 12, 13, 14, 17))

P_NIR, P_BIRTH, P_POSTCODE, P_TOWN, P_COUNTRY, P_ABROAD = (f"S89.G00.91.{n:03d}" for n in (1, 6, 9, 10, 11, 12))
P_STATUS, P_CATEGORY, P_DEPT, P_NTT = (f"S89.G00.91.{n:03d}" for n in (17, 18, 19, 21))

S_TYPE, S_CODE, S_START, S_END = (f"S89.G00.92.{n:03d}" for n in (1, 2, 4, 5))
S_NET, S_RATE, S_RATE_TYPE, S_RATE_ID, S_PAS = (f"S89.G00.92.{n:03d}" for n in (6, 7, 8, 9, 10))
S_PAID, S_SUBJECT, S_CRM, S_NET_PAID, S_NET_SOCIAL, S_WITHHELD = (f"S89.G00.92.{n:03d}" for n in (11, 13, 15, 16, 17, 18))

R_MONTH, R_TYPE, R_NET, R_NET_THEN, R_RATE, R_RATE_THEN = (f"S89.G00.93.{n:03d}" for n in (1, 2, 3, 4, 5, 6))
R_PAS, R_FREE, R_SUBJECT, R_ALLOWANCE, R_SUBJECT_THEN = (f"S89.G00.93.{n:03d}" for n in (7, 8, 9, 10, 13))

PLACEHOLDERS = ("1999999999999", "2999999999999")
# Example NIRs (S, AA, MM, DD, CCC, NNN).
NIR_80 = "1800175123456"  # born 1980, Paris
NIR_CORSICA_70 = "170012A004123"  # born 1970 in 2A: 2A did not exist then
NIR_CORSICA_80 = "180012A004123"  # born 1980 in 2A
MONTH = "01032026"  # a main month for the examples

Found = tuple[str, int] | None


# ----------------------------------------------------------------------------- helpers
_PEOPLE: dict[int, tuple[Occurrence, dict[str, Any]]] = {}


def _people(occ: Occurrence, acc: dict) -> None:
    """`collect` of the Aggregates below: NIR → birth date, and NTTs, of each individual."""
    table = acc.get("people")
    if table is None:
        decl = occ.find_up(DECLARATION)
        if decl is None:
            return
        entry = _PEOPLE.get(id(decl))
        if entry is None or entry[0] is not decl:
            entry = _PEOPLE[id(decl)] = (decl, {"last": None, "nir": {}, "ntt": set()})
        table = acc["people"] = entry[1]
    if table["last"] is occ:  # another rule already took this individual
        return
    table["last"] = occ
    values = occ.values
    nir = values.get(IND_NIR)
    if nir is not None:
        table["nir"][nir] = values.get(IND_BIRTH)
    ntt = values.get(IND_NTT)
    if ntt is not None:
        table["ntt"].add(ntt)


class _PeopleRule(Aggregate):
    """An Aggregate over the individuals of a declaration whose judge returns (message,
    line): the line of the offending S89 rubrique."""

    def __init__(
        self,
        target: str,
        judge: Callable[[Occurrence, dict[str, Any], RuleContext], Found],
        reads: Sequence[str] = (),
        cases: Sequence[tuple[Example, bool]] = (),
    ) -> None:
        super().__init__(target, INDIVIDUAL, DECLARATION, _people, self._verdict, reads=reads, cases=cases)
        self.judge = judge

    def _verdict(self, occ: Occurrence, acc: dict, ctx: RuleContext) -> Found:
        entry = _PEOPLE.get(id(occ))
        if entry is not None and entry[0] is occ:
            del _PEOPLE[id(occ)]
        table = acc.get("people") or {"nir": {}, "ntt": set()}
        return self.judge(occ, table, ctx)


def _v(value: str) -> str:
    return f"« {value} »"


def _cut(twin: str = "") -> NotDecidable:
    if twin:
        detail = (
            "CT2026 extract cuts this text at about 100 characters and CT2024 does not have it; "
            f"its opening and id repeat {twin}, which is handled under its own id."
        )
    else:
        detail = (
            "CT2026 extract cuts this text after its condition (about 100 characters) and CT2024 "
            "does not have it: what it requires is unknown."
        )
    return NotDecidable(TEXT_INCOMPLETE, detail)


MONTHLY_DATATION = NotDecidable(
    TEXT_INCOMPLETE,
    "refers to §4.4.12 of the CT introduction (datation in a monthly DSN), which is not in the material.",
)


# ----------------------------------------------------------------------------- NIR, NTT
def _department_message(norm: Norm, code: str, dept: str, year: int) -> str:
    return _("{rubrique}: the department of birth {dept} did not exist in {year}, the year of birth.").format(
        rubrique=_q(norm, code), dept=_v(dept), year=year
    )


def _nir_placeholder(nir: str) -> ValueNotIn:
    """CCH-12: '1999999999999' and '2999999999999' are not admitted."""
    return ValueNotIn(nir, PLACEHOLDERS)


def _trailing_nines(nir: str) -> Check:
    """CCH-15: no more than five '9' at the end of the NIR."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(nir)
        if not value:
            return None
        n = len(value) - len(value.rstrip("9"))
        if n <= 5:
            return None
        return _("{rubrique} must not end with more than five « 9 » in a row; found {n}.").format(
            rubrique=_q(ctx.norm, nir), n=n
        )

    return Check(
        nir, fn,
        cases=_cases([{nir: NIR_80}, {nir: "1800175199999"}], [{nir: "1800175999999"}, {nir: "1999999999999"}]),
    )


def _enterprise_siren(occ: Occurrence) -> str | None:
    decl = occ.find_up(DECLARATION)
    if decl is None:
        return None
    for child in decl.children:
        if child.block == ENTERPRISE:
            return child.values.get(SIREN)
    return None


def _ntt_siren(ntt: str) -> Check:
    """The NTT carries the enterprise's SIREN (S21.G00.06.001) in characters 2 to 10."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(ntt)
        siren = _enterprise_siren(occ) if value else None
        if value is None or siren is None or value[1:10] == siren:
            return None
        return _("{rubrique} must carry the SIREN {siren} of {other} in its characters 2 to 10; found {value}.").format(
            rubrique=_q(ctx.norm, ntt), siren=_v(siren), other=_q(ctx.norm, SIREN), value=_v(value)
        )

    return Check(
        ntt, fn, reads=[SIREN],
        cases=_cases(
            [{SIREN: "732829320", ntt: "1732829320AB"}, {ntt: "1732829320AB"}],
            [{SIREN: "732829320", ntt: "1123456789AB"}],
        ),
    )


def _matches_individual(block: str, code: str, kind: str) -> _PeopleRule:
    """NIR (kind "nir") or NTT ("ntt") of an S89 block: that of an individual of the
    declaration (S21.G00.30.001 / S21.G00.30.020)."""
    other = IND_NIR if kind == "nir" else IND_NTT

    def judge(decl: Occurrence, table: dict[str, Any], ctx: RuleContext) -> Found:
        known = table[kind]
        for occ in decl.child_blocks(block):
            value = occ.values.get(code)
            if value is None or value in known:
                continue
            shown = mask_nir(value) if kind == "nir" else value
            return _("{rubrique} « {value} » matches no {other} of the individuals of this declaration.").format(
                rubrique=_q(ctx.norm, code), value=shown, other=_q(ctx.norm, other)
            ), occ.lines[code]
        return None

    same, alien = (NIR_80, "2850675123456") if kind == "nir" else ("1732829320AB", "1732829320CD")
    return _PeopleRule(
        code, judge, reads=[other],
        cases=_cases([{other: same, code: same}, {other: same}], [{other: same, code: alien}, {code: alien}]),
    )


def _department_of_individual(block: str, nir: str) -> _PeopleRule:
    """CCH-11 of the NIRs of 67, 87, 88, 89: the department against the birth year of the
    individual of the declaration with the same NIR (S21.G00.30.006)."""

    def judge(decl: Occurrence, table: dict[str, Any], ctx: RuleContext) -> Found:
        births = table["nir"]
        for occ in decl.child_blocks(block):
            value = occ.values.get(nir)
            if value is None or len(value) != 13 or value not in births:
                continue
            year = year_of(births[value])
            if year is not None and department_problem(value[5:7], year):
                return _department_message(ctx.norm, nir, value[5:7], year), occ.lines[nir]
        return None

    return _PeopleRule(
        nir, judge, reads=[IND_NIR, IND_BIRTH],
        cases=_cases(
            [
                {IND_NIR: NIR_CORSICA_80, IND_BIRTH: "01011980", nir: NIR_CORSICA_80},
                {IND_NIR: NIR_80, IND_BIRTH: "01011980", nir: NIR_CORSICA_70},  # no such individual
            ],
            [{IND_NIR: NIR_CORSICA_70, IND_BIRTH: "01011970", nir: NIR_CORSICA_70}],
        ),
    )


def _nir_rules(block: str, nir: str, ntt: str) -> dict[str, Any]:
    """CCH-11 … 15 of a NIR rubrique of 67, 87, 88, 89 (CCH-14: the NTT when no NIR)."""
    return {
        f"{nir}/CCH-11": _department_of_individual(block, nir),
        f"{nir}/CCH-12": _nir_placeholder(nir),
        f"{nir}/CCH-13": _matches_individual(block, nir, "nir"),
        f"{nir}/CCH-14": Required(ntt, when=Absent(nir)),
        f"{nir}/CCH-15": _trailing_nines(nir),
    }


# ----------------------------------------------------------------------------- S89.G00.32
def _year_of_main_month(target: str) -> Check:
    """32.017/CCH-11, 67.005/CCH-11: a year at most the year of the main month."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(target)
        first = _main_month(occ)
        if value is None or first is None or not value.isdigit() or int(value) <= first.year:
            return None
        return _("{rubrique} must not be after {year}, the year of the main month; found {value}.").format(
            rubrique=_q(ctx.norm, target), year=first.year, value=_v(value)
        )

    return Check(
        target, fn, reads=[MAIN_MONTH],
        cases=_cases(
            [{MAIN_MONTH: MONTH, target: "2026"}, {MAIN_MONTH: MONTH, target: "2025"}],
            [{MAIN_MONTH: MONTH, target: "2027"}],
        ),
    )


def _32_001_12(occ: Occurrence, ctx: RuleContext) -> str | None:
    for block, amount in ((B33, "S89.G00.33.002"), (B35, "S89.G00.35.002"), (B43, "S89.G00.43.002")):
        for child in occ.child_blocks(block):
            value = _amount(child.values.get(amount))
            if value is not None and value > 0:
                return None
    norm = ctx.norm
    return _("a block {b33}, {b35} or {b43} with an amount greater than zero is required in each block {block}; there is none.").format(
        b33=_q(norm, B33), b35=_q(norm, B35), b43=_q(norm, B43), block=_q(norm, B32)
    )


def _32_003_12(occ: Occurrence, ctx: RuleContext) -> str | None:
    values = occ.values
    person = any(c in values for c in (H_NAME, H_FIRST))
    company = any(c in values for c in (H_SIREN, H_NIC, H_COMPANY))
    if person != company:
        return None
    norm = ctx.norm
    first = f"{_q(norm, H_NAME)} / {_q(norm, H_FIRST)}"
    second = f"{_q(norm, H_SIREN)} / {_q(norm, H_NIC)} / {_q(norm, H_COMPANY)}"
    if person:
        return _("{first} and {second} must not both be given; found both.").format(first=first, second=second)
    return _("{first} or {second} is required; found neither.").format(first=first, second=second)


def _all_or_none(target: str, codes: Sequence[str]) -> Check:
    """32.006/CCH-11: the rubriques are given together or not at all."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        missing = [c for c in codes if c not in occ.values]
        if not missing or len(missing) == len(codes):
            return None
        return _("{rubriques} must all be given or all be absent; {missing} is missing.").format(
            rubriques=", ".join(_q(ctx.norm, c) for c in codes), missing=_q(ctx.norm, missing[0])
        )

    full = dict.fromkeys(codes, "X")
    full.update({H_SIREN: "732829320", H_NIC: "00074"})
    return Check(
        target, fn, reads=codes,
        cases=_cases([full, {}], [{**full, codes[-1]: None}, {codes[0]: "732829320"}]),
    )


def _nic_key(nic: str, siren_code: str) -> Check:
    """32.005/CCH-11: the Luhn key of the SIRET made of the SIREN (32.004) and this NIC."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value, number = occ.values.get(nic), occ.values.get(siren_code)
        if value is None or number is None or not (value + number).isdigit():
            return None
        if len(value) != 5 or len(number) != 9 or not identifiers.siren.is_valid(number):
            return None
        siret = number + value
        if identifiers.siret.key_is_valid(siret):
            return None
        return _(
            "{rubrique}: expected a NIC that forms with the SIREN {siren} a SIRET whose key (Luhn) matches; found {value}, whose last digit would have to be {expected}."
        ).format(
            rubrique=_q(ctx.norm, nic), siren=_v(number), value=_v(value),
            expected=identifiers.siret.expected_last_digit(siret),
        )

    return Check(
        nic, fn, reads=[siren_code],
        cases=_cases(
            [
                {siren_code: "732829320", nic: "00074"},
                {siren_code: "356000000", nic: "12345"},  # La Poste
                {siren_code: "732829321", nic: "00079"},  # wrong SIREN: nothing said of the NIC
            ],
            [{siren_code: "732829320", nic: "00079"}],
        ),
    )


def _address(postcode: str, country: str, abroad: str) -> Check:
    """A postcode excludes the country code and the foreign distribution code."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        values = occ.values
        if postcode not in values:
            return None
        for other in (country, abroad):
            if other in values:
                return _("{rubrique} must not be given together with {other}; found {value} and {other_value}.").format(
                    rubrique=_q(ctx.norm, postcode), other=_q(ctx.norm, other),
                    value=_v(values[postcode]), other_value=_v(values[other]),
                )
        return None

    return Check(
        postcode, fn, reads=[country, abroad],
        cases=_cases(
            [{postcode: "75001"}, {country: "DE", abroad: "10115 BERLIN"}],
            [{postcode: "75001", country: "DE"}, {postcode: "75001", abroad: "10115 BERLIN"}],
        ),
    )


# ----------------------------------------------------------------------------- S89.G00.91
def _91_001_11(occ: Occurrence, ctx: RuleContext) -> str | None:
    nir, year = occ.values.get(P_NIR), year_of(occ.values.get(P_BIRTH))
    if nir is None or len(nir) != 13 or year is None or not department_problem(nir[5:7], year):
        return None
    return _department_message(ctx.norm, P_NIR, nir[5:7], year)


def _91_019_11(occ: Occurrence, ctx: RuleContext) -> str | None:
    dept, year = occ.values.get(P_DEPT), year_of(occ.values.get(P_BIRTH))
    if dept is None or year is None or not department_problem(dept, year):
        return None
    return _department_message(ctx.norm, P_DEPT, dept, year)


def _91_006_11(occ: Occurrence, ctx: RuleContext) -> str | None:
    nir, birth = occ.values.get(P_NIR), occ.values.get(P_BIRTH)
    year = year_of(birth)
    if nir is None or year is None or len(nir) != 13 or nir in PLACEHOLDERS or not nir[1:3].isdigit():
        return None
    if int(nir[1:3]) == year % 100:
        return None
    return _("{rubrique}: the year of birth {year} differs from the year {nir_year} carried by {other}.").format(
        rubrique=_q(ctx.norm, P_BIRTH), year=year, nir_year=_v(nir[1:3]), other=_q(ctx.norm, P_NIR)
    )


def _91_006_12(occ: Occurrence, ctx: RuleContext) -> str | None:
    year = year_of(occ.values.get(P_BIRTH))
    if year is None:
        return None
    made = parse_date(occ.get(FILE_DATE)) or ctx.file_date or dt.date.today()
    if made.year - 120 < year <= made.year:
        return None
    return _("{rubrique}: the year of birth must be after {low} and at most {high}; found {value}.").format(
        rubrique=_q(ctx.norm, P_BIRTH), low=made.year - 120, high=made.year, value=_v(occ.values[P_BIRTH])
    )


def _no_individual_in_08(target: str) -> Check:
    """91.001/CCH-14, 91.021/CCH-15: in a nature 08, an individual non salarié excludes any
    block S21.G00.30 in the declaration."""
    when = And(Nature("08"), Present(target))

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        if target not in occ.values or occ.get(NATURE) != "08":
            return None
        decl = occ.find_up(DECLARATION)
        if decl is None:
            return None
        for enterprise in decl.child_blocks(ENTERPRISE):
            for establishment in enterprise.child_blocks(ESTABLISHMENT):
                if establishment.counts.get(INDIVIDUAL):
                    return _("a block {block} must not be given when {condition}.").format(
                        block=_q(ctx.norm, INDIVIDUAL), condition=when.describe(ctx.norm)
                    )
        return None

    value = NIR_80 if target == P_NIR else "1732829320AB"
    return Check(
        target, fn, reads=[NATURE],
        cases=_cases(
            [{NATURE: "08", target: value}, {NATURE: "01", target: value, "block:" + INDIVIDUAL: "1"}],
            [{NATURE: "08", target: value, "block:" + INDIVIDUAL: "1"}],
        ),
    )


def _duplicates(code: str) -> Check:
    """91.001/CCH-13, 91.021/CCH-14: one value per block S89.G00.91 of a declaration."""

    def find(decl: Occurrence, ctx: RuleContext) -> Found:
        seen: set[str] = set()
        for occ in decl.child_blocks(B91):
            value = occ.values.get(code)
            if value is None:
                continue
            if value in seen:
                shown = mask_nir(value) if code == P_NIR else value
                return _("{rubrique} « {value} » is given in several blocks {block} of this declaration.").format(
                    rubrique=_q(ctx.norm, code), value=shown, block=_q(ctx.norm, B91)
                ), occ.lines[code]
            seen.add(value)
        return None

    value = NIR_80 if code == P_NIR else "1732829320AB"
    other = value[:-1] + ("9" if value[-1] != "9" else "8")
    lines = [("S20.G00.05.001", "01"), (code, value)]
    return Check(code, find, scope=DECLARATION, cases=_cases(
        [{"lines": [*lines, (code, other)]}],
        [{"lines": [*lines, (code, value)]}],  # the same value in a second block S89.G00.91
    ))


# ----------------------------------------------------------------------------- S89.G00.92
def _bases_required(kinds: Sequence[str], codes: Sequence[str]) -> Check:
    """92.001/CCH-12 (types 01-03: bases 23 and 43), CCH-13 (type 05: bases 51, 52, 53),
    for an individual whose statut catégoriel is given and is not 10."""
    when = And(Eq(S_TYPE, *kinds), NotEq(P_CATEGORY, "10"))

    def find(ind: Occurrence, ctx: RuleContext) -> Found:
        category = ind.values.get(P_CATEGORY)
        if category is None or category == "10":
            return None
        blocks = ind.child_blocks(B92)
        trigger = next((b for b in blocks if b.values.get(S_TYPE) in kinds), None)
        if trigger is None:
            return None
        given = {b.values.get(S_CODE) for b in blocks}
        for code in codes:
            if code not in given:
                return _("a block {block} with {rubrique} {value} is required when {condition}; there is none.").format(
                    block=_q(ctx.norm, B92), rubrique=_q(ctx.norm, S_CODE), value=_code(ctx.norm, S_CODE, code),
                    condition=when.describe(ctx.norm),
                ), trigger.lines[S_TYPE]
        return None

    return Check(
        S_TYPE, find, reads=[P_CATEGORY, S_CODE], scope=B91,
        cases=_cases(
            [{P_CATEGORY: "10", S_TYPE: kinds[0]}, {P_CATEGORY: "01", S_TYPE: "06"}],
            [{P_CATEGORY: "01", S_TYPE: kinds[0], S_CODE: codes[0]}, {P_CATEGORY: "01", S_TYPE: kinds[0]}],
        ),
    )


def _92_001_15(ind: Occurrence, ctx: RuleContext) -> Found:
    groups: dict[tuple[str | None, ...], list[Occurrence]] = {}
    for block in ind.child_blocks(B92):
        values = block.values
        key = (values.get(S_TYPE), values.get(S_START), values.get(S_END), values.get(S_PAID))
        groups.setdefault(key, []).append(block)
    for key, blocks in groups.items():
        if any(b.values.get(S_CODE) == "50" for b in blocks):
            continue
        norm = ctx.norm
        shown = ", ".join(f"{_q(norm, code)} {_v(v)}" for code, v in zip((S_TYPE, S_START, S_END, S_PAID), key, strict=True) if v is not None)
        first = blocks[0]
        return _("a block {block} with {rubrique} {value} is required for each type, period and payment date of an individual; there is none for {key}.").format(
            block=_q(norm, B92), rubrique=_q(norm, S_CODE), value=_code(norm, S_CODE, "50"), key=shown or _v(""),
        ), first.lines.get(S_TYPE) or first.line
    return None


def _94_001_11(ind: Occurrence, ctx: RuleContext) -> Found:
    category = ind.values.get(P_CATEGORY)
    if category is None or category == "10":
        return None
    blocks = [b for b in ind.child_blocks(B92) if b.values.get(S_TYPE) in ("01", "02", "03")]
    if not blocks or any(b.counts.get(B94) for b in blocks):
        return None
    when = And(Eq(S_TYPE, "01", "02", "03"), NotEq(P_CATEGORY, "10"))
    return _("a block {block} is required when {condition}; there is none.").format(
        block=_q(ctx.norm, B94), condition=when.describe(ctx.norm)
    ), blocks[0].lines[S_TYPE]


def _92_010_11(occ: Occurrence, ctx: RuleContext) -> str | None:
    pas, base, rate = (_amount(occ.values.get(c)) for c in (S_PAS, S_SUBJECT, S_RATE))
    if pas is None or base is None or rate is None:
        return None
    expected = base * rate / 100
    if abs(pas - expected) <= 1:
        return None
    norm = ctx.norm
    return _("{rubrique} must equal {base} × {rate} / 100 within 1.00, that is {expected}; found {value}.").format(
        rubrique=_q(norm, S_PAS), base=_q(norm, S_SUBJECT), rate=_q(norm, S_RATE),
        expected=_v(f"{expected.quantize(Decimal('0.01'))}"), value=_v(occ.values[S_PAS]),
    )


def _92_011_12(occ: Occurrence, ctx: RuleContext) -> str | None:
    day, first = parse_date(occ.values.get(S_PAID)), _main_month(occ)
    if day is None or first is None or day <= _month_end(first, 1):
        return None
    return _("{rubrique} must be on or before the last day of the month after the main month, {limit}; found {value}.").format(
        rubrique=_q(ctx.norm, S_PAID), limit=_v(format_date(_month_end(first, 1))), value=_v(occ.values[S_PAID])
    )


def _92_015_11(occ: Occurrence, ctx: RuleContext) -> str | None:
    value, first = occ.values.get(S_CRM), _main_month(occ)
    if value is None or first is None:
        return None
    start, end = parse_date(occ.values.get(S_START)), parse_date(occ.values.get(S_END))
    if not any(d is not None and d >= first for d in (start, end)):
        return None
    return _("{rubrique} may be given only for a period before the main month {limit}; the period is {start} – {end}.").format(
        rubrique=_q(ctx.norm, S_CRM), limit=_v(f"{first.month:02d}{first.year}"),
        start=_v(occ.values.get(S_START, "")), end=_v(occ.values.get(S_END, "")),
    )


# ----------------------------------------------------------------------------- S89.G00.93
def _error_year(january: bool) -> Check:
    """93.002/CCH-16 (other months: not before year N) and CCH-17 (January: not before N-1)."""
    find = error_year(R_MONTH, R_TYPE, january)
    main = "01012026" if january else MONTH
    return Check(
        R_TYPE, find, reads=[MAIN_MONTH, R_MONTH],
        cases=_cases(
            [
                {MAIN_MONTH: main, R_TYPE: "01", R_MONTH: "122025" if january else "012026"},
                {MAIN_MONTH: main, R_TYPE: "03", R_MONTH: "122024"},
            ],
            [{MAIN_MONTH: main, R_TYPE: "02", R_MONTH: "122024" if january else "122025"}],
        ),
    )


# ----------------------------------------------------------------------------- the rules
CODE_50 = Eq(S_CODE, "50")
PAS_BASE = And(CODE_50, Absent(S_WITHHELD))  # base 50 without a non-resident withholding

RULES: dict[str, Any] = {
    # --- S89.G00.32 Bénéficiaire des honoraires (and 33, 35, 43)
    "S89.G00.32.001/CCH-12": Check(
        "S89.G00.32.001", _32_001_12, reads=["S89.G00.33.002", "S89.G00.35.002", "S89.G00.43.002"], scope=B32,
        cases=_cases(
            [{"S89.G00.33.002": "10.00"}, {"S89.G00.35.002": "-5.00", "S89.G00.43.002": "100.00"}],
            [{}, {"S89.G00.43.002": "-100.00"}],
        ),
    ),
    "S89.G00.32.003/CCH-11": RequiredIff(H_FIRST, Present(H_NAME)),
    "S89.G00.32.003/CCH-12": Check(
        H_FIRST, _32_003_12, reads=[H_NAME, H_SIREN, H_NIC, H_COMPANY],
        cases=_cases(
            [{H_NAME: "DUPONT", H_FIRST: "JEAN"}, {H_SIREN: "732829320", H_NIC: "00074", H_COMPANY: "SOCIETE"}],
            [{}, {H_NAME: "DUPONT", H_FIRST: "JEAN", H_COMPANY: "SOCIETE"}],
        ),
    ),
    "S89.G00.32.005/CCH-11": _nic_key(H_NIC, H_SIREN),
    "S89.G00.32.006/CCH-11": _all_or_none(H_COMPANY, [H_SIREN, H_NIC, H_COMPANY]),
    "S89.G00.32.011/CCH-12": _address(H_POSTCODE, H_COUNTRY, H_ABROAD),
    "S89.G00.32.012/CCH-11": Required(H_TOWN, when=Present(H_POSTCODE)),
    "S89.G00.32.017/CCH-11": _year_of_main_month(H_YEAR),
    # --- S89.G00.67 Retraite supplémentaire à prestations définies
    **_nir_rules("S89.G00.67", "S89.G00.67.001", "S89.G00.67.002"),
    "S89.G00.67.002/CCH-11": _ntt_siren("S89.G00.67.002"),
    "S89.G00.67.002/CCH-12": _matches_individual("S89.G00.67", "S89.G00.67.002", "ntt"),
    "S89.G00.67.002/CCH-13": _cut("S89.G00.67.001/CCH-13"),
    "S89.G00.67.002/CCH-14": _cut("S89.G00.67.001/CCH-14"),
    "S89.G00.67.002/CCH-15": _cut("S89.G00.67.001/CCH-15"),
    "S89.G00.67.005/CCH-11": _year_of_main_month("S89.G00.67.005"),
    # --- S89.G00.87 Actions gratuites
    "S89.G00.87.004/CCH-11": Required("S89.G00.87.004", when=Eq("S89.G00.87.001", "02")),
    "S89.G00.87.005/CCH-11": RequiredIff("S89.G00.87.005", Eq("S89.G00.87.001", "02")),
    "S89.G00.87.005/SIG-12": MONTHLY_DATATION,
    "S89.G00.87.006/CCH-11": RequiredIff("S89.G00.87.006", Eq("S89.G00.87.001", "02")),
    "S89.G00.87.006/SIG-12": MONTHLY_DATATION,
    **_nir_rules("S89.G00.87", "S89.G00.87.007", "S89.G00.87.008"),
    "S89.G00.87.008/CCH-11": _cut("S89.G00.87.007/CCH-11"),
    "S89.G00.87.008/CCH-12": _ntt_siren("S89.G00.87.008"),
    "S89.G00.87.008/CCH-13": _matches_individual("S89.G00.87", "S89.G00.87.008", "ntt"),
    "S89.G00.87.008/CCH-14": _cut("S89.G00.87.007/CCH-14"),
    "S89.G00.87.008/CCH-15": _cut("S89.G00.87.007/CCH-15"),
    # --- S89.G00.88 Options sur titres
    "S89.G00.88.005/CCH-11": RequiredIff("S89.G00.88.005", Eq("S89.G00.88.001", "02")),
    "S89.G00.88.006/CCH-11": RequiredIff("S89.G00.88.006", Eq("S89.G00.88.001", "02")),
    "S89.G00.88.006/SIG-12": MONTHLY_DATATION,
    "S89.G00.88.007/CCH-11": RequiredIff("S89.G00.88.007", Eq("S89.G00.88.001", "02")),
    "S89.G00.88.007/SIG-12": MONTHLY_DATATION,
    **_nir_rules("S89.G00.88", "S89.G00.88.008", "S89.G00.88.009"),
    "S89.G00.88.009/CCH-11": _cut("S89.G00.88.008/CCH-11"),
    "S89.G00.88.009/CCH-12": _ntt_siren("S89.G00.88.009"),
    "S89.G00.88.009/CCH-13": _matches_individual("S89.G00.88", "S89.G00.88.009", "ntt"),
    "S89.G00.88.009/CCH-14": _cut("S89.G00.88.008/CCH-14"),
    "S89.G00.88.009/CCH-15": _cut("S89.G00.88.008/CCH-15"),
    # --- S89.G00.89 BSPCE
    "S89.G00.89.005/SIG-11": MONTHLY_DATATION,
    **_nir_rules("S89.G00.89", "S89.G00.89.007", "S89.G00.89.008"),
    "S89.G00.89.008/CCH-11": _cut("S89.G00.89.007/CCH-11"),
    "S89.G00.89.008/CCH-12": _ntt_siren("S89.G00.89.008"),
    "S89.G00.89.008/CCH-13": _matches_individual("S89.G00.89", "S89.G00.89.008", "ntt"),
    "S89.G00.89.008/CCH-14": _cut("S89.G00.89.007/CCH-14"),
    "S89.G00.89.008/CCH-15": _cut("S89.G00.89.007/CCH-15"),
    # --- S89.G00.91 Individu non salarié
    "S89.G00.91.001/CCH-11": Check(
        P_NIR, _91_001_11, reads=[P_BIRTH],
        cases=_cases(
            [{P_NIR: NIR_CORSICA_80, P_BIRTH: "01011980"}, {P_NIR: NIR_80, P_BIRTH: "01011980"}],
            [{P_NIR: NIR_CORSICA_70, P_BIRTH: "01011970"}, {P_NIR: "1800120004123", P_BIRTH: "01011980"}],
        ),
    ),
    "S89.G00.91.001/CCH-12": _nir_placeholder(P_NIR),
    "S89.G00.91.001/CCH-14": _no_individual_in_08(P_NIR),
    "S89.G00.91.001/CCH-15": _trailing_nines(P_NIR),
    "S89.G00.91.006/CCH-11": Check(
        P_BIRTH, _91_006_11, reads=[P_NIR],
        cases=_cases([{P_NIR: NIR_80, P_BIRTH: "01011980"}, {P_BIRTH: "01011980"}], [{P_NIR: NIR_80, P_BIRTH: "01011981"}]),
    ),
    "S89.G00.91.006/CCH-12": Check(
        P_BIRTH, _91_006_12, reads=[FILE_DATE],
        cases=_cases(
            [{FILE_DATE: "05022026", P_BIRTH: "01011980"}, {FILE_DATE: "05022026", P_BIRTH: "00002026"}],
            [{FILE_DATE: "05022026", P_BIRTH: "01012027"}, {FILE_DATE: "05022026", P_BIRTH: "01011906"}],
        ),
    ),
    "S89.G00.91.009/CCH-11": _address(P_POSTCODE, P_COUNTRY, P_ABROAD),
    "S89.G00.91.010/CCH-11": Required(P_TOWN, when=Present(P_POSTCODE)),
    "S89.G00.91.018/CCH-11": ValueIn(P_STATUS, ["03", "04"], when=Eq(P_CATEGORY, "01")),
    "S89.G00.91.018/SIG-12": ValueIn(P_STATUS, ["05"], when=Eq(P_CATEGORY, "02")),
    "S89.G00.91.019/CCH-11": Check(
        P_DEPT, _91_019_11, reads=[P_BIRTH],
        cases=_cases(
            [{P_DEPT: "2A", P_BIRTH: "01011976"}, {P_DEPT: "20", P_BIRTH: "01011975"}, {P_DEPT: "96", P_BIRTH: "01011967"}],
            [{P_DEPT: "2B", P_BIRTH: "01011975"}, {P_DEPT: "20", P_BIRTH: "01011976"}, {P_DEPT: "96", P_BIRTH: "01011968"}],
        ),
    ),
    "S89.G00.91.021/CCH-12": Required(P_NTT, when=Absent(P_NIR)),
    "S89.G00.91.021/CCH-13": _ntt_siren(P_NTT),
    "S89.G00.91.021/CCH-15": _no_individual_in_08(P_NTT),
    # --- S89.G00.92 Bases spécifiques individu non salarié
    "S89.G00.92.001/CCH-11": all_required(
        S_TYPE, Eq(S_TYPE, "01", "02", "03", "05"), [P_STATUS, P_CATEGORY],
        _cases(
            [{S_TYPE: "01", P_STATUS: "04", P_CATEGORY: "01"}, {S_TYPE: "06"}],
            [{S_TYPE: "05", P_CATEGORY: "01"}, {S_TYPE: "02"}],
        ),
    ),
    "S89.G00.92.001/CCH-12": _bases_required(("01", "02", "03"), ("23", "43")),
    "S89.G00.92.001/CCH-13": _bases_required(("05",), ("51", "52", "53")),
    "S89.G00.92.001/CCH-14": ValueIn(S_CODE, ["50"], when=NotEq(S_TYPE, "01", "02", "03", "05")),
    "S89.G00.92.001/CCH-15": Check(
        S_TYPE, _92_001_15, reads=[S_CODE, S_START, S_END, S_PAID], scope=B91,
        cases=_cases(
            [{S_TYPE: "01", S_CODE: "50", S_START: "01022026", S_END: "28022026"}],
            [{S_TYPE: "01", S_CODE: "23", S_START: "01022026", S_END: "28022026"}, {S_TYPE: "01"}],
        ),
    ),
    "S89.G00.92.002/CCH-13": _cut("S89.G00.92.001/CCH-13"),
    "S89.G00.92.002/CCH-14": _cut("S89.G00.92.001/CCH-14"),
    "S89.G00.92.002/CCH-15": _cut("S89.G00.92.001/CCH-15"),
    "S89.G00.92.003/CCH-11": Compare(S_END, ">=", S_START),
    "S89.G00.92.005/CCH-11": Compare(S_END, ">=", S_START),
    "S89.G00.92.005/SIG-12": MONTHLY_DATATION,
    "S89.G00.92.006/CCH-12": RequiredIff(S_NET, CODE_50),
    "S89.G00.92.007/CCH-11": RequiredIff(S_RATE, PAS_BASE),
    "S89.G00.92.008/CCH-11": zero_amounts(
        S_RATE_TYPE, Eq(S_RATE_TYPE, "99"), [S_RATE, S_PAS],
        _cases(
            [{S_RATE_TYPE: "99", S_RATE: "0.00", S_PAS: "0.00"}, {S_RATE_TYPE: "01", S_RATE: "5.00"}],
            [{S_RATE_TYPE: "99", S_RATE: "5.00"}, {S_RATE_TYPE: "99", S_RATE: "0.00", S_PAS: "12.00"}],
        ),
        sign="==",
    ),
    "S89.G00.92.008/CCH-12": RequiredIff(S_RATE_TYPE, PAS_BASE),
    "S89.G00.92.009/CCH-11": RequiredIff(S_RATE_ID, Eq(S_RATE_TYPE, "01")),
    "S89.G00.92.010/CCH-11": Check(
        S_PAS, _92_010_11, reads=[S_SUBJECT, S_RATE],
        cases=_cases(
            [{S_SUBJECT: "1000.00", S_RATE: "5.50", S_PAS: "55.00"}, {S_SUBJECT: "1000.00", S_RATE: "5.50", S_PAS: "55.90"}, {S_PAS: "10.00"}],
            [{S_SUBJECT: "1000.00", S_RATE: "5.50", S_PAS: "57.00"}, {S_SUBJECT: "1000.00", S_RATE: "5.50", S_PAS: "0.00"}],
        ),
    ),
    "S89.G00.92.010/CCH-12": RequiredIff(S_PAS, PAS_BASE),
    "S89.G00.92.011/CCH-12": Check(
        S_PAID, _92_011_12, reads=[MAIN_MONTH],
        cases=_cases(
            [{MAIN_MONTH: MONTH, S_PAID: "30042026"}, {MAIN_MONTH: "01122025", S_PAID: "31012026"}],
            [{MAIN_MONTH: MONTH, S_PAID: "01052026"}, {MAIN_MONTH: "01122025", S_PAID: "01022026"}],
        ),
    ),
    "S89.G00.92.012/CCH-11": _cut(),
    "S89.G00.92.013/CCH-11": RequiredIff(S_SUBJECT, PAS_BASE),
    "S89.G00.92.013/CCH-12": _cut(),
    "S89.G00.92.013/CCH-12#2": _cut("S89.G00.92.011/CCH-12"),
    "S89.G00.92.015/CCH-11": Check(
        S_CRM, _92_015_11, reads=[MAIN_MONTH, S_START, S_END],
        cases=_cases(
            [{MAIN_MONTH: MONTH, S_CRM: "123", S_START: "01022026", S_END: "28022026"}, {MAIN_MONTH: MONTH, S_START: "01032026"}],
            [{MAIN_MONTH: MONTH, S_CRM: "123", S_START: "01032026", S_END: "31032026"}, {MAIN_MONTH: MONTH, S_CRM: "123", S_START: "01022026", S_END: "31032026"}],
        ),
    ),
    "S89.G00.92.016/CCH-11": RequiredIff(S_NET_PAID, PAS_BASE),
    "S89.G00.92.017/CCH-11": RequiredIff(S_NET_SOCIAL, PAS_BASE),
    "S89.G00.92.018/CCH-11": RequiredIff(S_WITHHELD, And(CODE_50, Absent(S_PAS))),
    # --- S89.G00.93 Régularisation de prélèvement à la source
    "S89.G00.93.001/CCH-11": ForbiddenChild(B93, when=Not(CODE_50)),
    "S89.G00.93.001/CCH-12": Check(
        R_MONTH, month_not_after_main(R_MONTH), reads=[MAIN_MONTH],
        cases=_cases([{MAIN_MONTH: MONTH, R_MONTH: "032026"}, {MAIN_MONTH: MONTH, R_MONTH: "122025"}], [{MAIN_MONTH: MONTH, R_MONTH: "042026"}]),
    ),
    "S89.G00.93.002/CCH-11": all_required(
        R_TYPE, Eq(R_TYPE, "01"), [R_NET, R_RATE_THEN, R_SUBJECT],
        _cases(
            [{R_TYPE: "01", R_NET: "10.00", R_RATE_THEN: "5.00", R_SUBJECT: "10.00"}, {R_TYPE: "02"}],
            [{R_TYPE: "01", R_NET: "10.00", R_RATE_THEN: "5.00"}, {R_TYPE: "01"}],
        ),
    ),
    "S89.G00.93.002/CCH-12": all_required(
        R_TYPE, Eq(R_TYPE, "02"), [R_RATE, R_SUBJECT_THEN],
        _cases([{R_TYPE: "02", R_RATE: "1.00", R_SUBJECT_THEN: "100.00"}, {R_TYPE: "01"}], [{R_TYPE: "02", R_RATE: "1.00"}]),
    ),
    "S89.G00.93.002/CCH-13": all_required(
        R_TYPE, Eq(R_TYPE, "03"), [R_NET, R_RATE_THEN, R_SUBJECT],
        _cases(
            [{R_TYPE: "03", R_NET: "-10.00", R_RATE_THEN: "5.00", R_SUBJECT: "-10.00"}, {R_TYPE: "04"}],
            [{R_TYPE: "03", R_NET: "-10.00", R_SUBJECT: "-10.00"}],
        ),
    ),
    "S89.G00.93.002/CCH-14": zero_amounts(
        R_TYPE, Eq(R_TYPE, "03"), [R_NET, R_SUBJECT],
        _cases(
            [{R_TYPE: "03", R_NET: "-10.00", R_SUBJECT: "0.00"}, {R_TYPE: "01", R_NET: "10.00"}],
            [{R_TYPE: "03", R_NET: "10.00"}, {R_TYPE: "03", R_NET: "-10.00", R_SUBJECT: "5.00"}],
        ),
        sign="<=",
    ),
    "S89.G00.93.002/CCH-16": _error_year(january=False),
    "S89.G00.93.002/CCH-17": _error_year(january=True),
    "S89.G00.93.002/CCH-18": all_forbidden(
        R_TYPE, Eq(R_TYPE, "01", "03", "04"), [R_NET_THEN, R_RATE, R_SUBJECT_THEN],
        _cases(
            [{R_TYPE: "01", R_NET: "10.00"}, {R_TYPE: "02", R_RATE: "1.00", R_SUBJECT_THEN: "100.00"}],
            [{R_TYPE: "04", R_NET_THEN: "100.00"}, {R_TYPE: "03", R_RATE: "1.00"}, {R_TYPE: "01", R_SUBJECT_THEN: "100.00"}],
        ),
    ),
    "S89.G00.93.002/CCH-19": all_forbidden(
        R_TYPE, Eq(R_TYPE, "02"), [R_NET, R_RATE_THEN, R_FREE, R_ALLOWANCE, R_SUBJECT],
        _cases(
            [{R_TYPE: "02", R_RATE: "1.00", R_SUBJECT_THEN: "100.00"}, {R_TYPE: "01", R_NET: "10.00"}],
            [{R_TYPE: "02", R_NET: "10.00"}, {R_TYPE: "02", R_ALLOWANCE: "10.00"}, {R_TYPE: "02", R_SUBJECT: "10.00"}],
        ),
    ),
    "S89.G00.93.002/CCH-20": all_required(
        R_TYPE, Eq(R_TYPE, "04"), [R_NET, R_SUBJECT],
        _cases([{R_TYPE: "04", R_NET: "10.00", R_SUBJECT: "10.00"}, {R_TYPE: "02"}], [{R_TYPE: "04", R_NET: "10.00"}]),
    ),
    "S89.G00.93.002/CCH-21": zero_amounts(
        R_TYPE, Eq(R_TYPE, "04"), [R_PAS],
        _cases([{R_TYPE: "04", R_PAS: "0.00"}, {R_TYPE: "01", R_PAS: "3.00"}], [{R_TYPE: "04", R_PAS: "3.00"}, {R_TYPE: "04", R_PAS: "-3.00"}]),
        sign="==",
    ),
    "S89.G00.93.004/CCH-19": _cut("S89.G00.93.002/CCH-19"),
    "S89.G00.93.007/CCH-11": _cut("S89.G00.93.008/CCH-11"),
    "S89.G00.93.007/CCH-11#2": _cut("S89.G00.93.009/CCH-11"),
    "S89.G00.93.008/CCH-11": all_required(
        R_FREE, Present(R_FREE), [R_NET, R_SUBJECT],
        _cases([{R_FREE: "10.00", R_NET: "10.00", R_SUBJECT: "10.00"}, {R_NET: "10.00"}], [{R_FREE: "10.00", R_NET: "10.00"}, {R_FREE: "10.00"}]),
    ),
    "S89.G00.93.009/CCH-11": Required(R_NET, when=Present(R_SUBJECT)),
    "S89.G00.93.009/CCH-12": _cut("S89.G00.93.002/CCH-12"),
    "S89.G00.93.010/CCH-20": _cut("S89.G00.93.002/CCH-20"),
    "S89.G00.93.010/CCH-21": _cut("S89.G00.93.002/CCH-21"),
    "S89.G00.93.013/CCH-13": _cut("S89.G00.93.002/CCH-13"),
    "S89.G00.93.013/CCH-14": _cut("S89.G00.93.002/CCH-14"),
    "S89.G00.93.013/CCH-16": _cut("S89.G00.93.002/CCH-16"),
    "S89.G00.93.013/CCH-17": _cut("S89.G00.93.002/CCH-17"),
    "S89.G00.93.013/CCH-18": _cut("S89.G00.93.002/CCH-18"),
    # --- S89.G00.94 Cotisation individu non salarié
    "S89.G00.94.001/CCH-11": Check(
        S_TYPE, _94_001_11, reads=[P_CATEGORY], scope=B91,
        cases=_cases(
            [{P_CATEGORY: "01", S_TYPE: "01", "block:" + B94: "1"}, {P_CATEGORY: "10", S_TYPE: "01"}, {P_CATEGORY: "01", S_TYPE: "05"}],
            [{P_CATEGORY: "01", S_TYPE: "02"}],
        ),
    ),
    "S89.G00.94.001/CCH-12": RequiredChild(B94, when=And(NotEq(P_CATEGORY, "10"), Eq(S_TYPE, "05"), CODE_50)),
}

RULES["S89.G00.91.001/CCH-13"] = _duplicates(P_NIR)
RULES["S89.G00.91.021/CCH-14"] = _duplicates(P_NTT)
