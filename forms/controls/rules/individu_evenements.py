"""CCH and SIG controls of the individual and of the events of a contract: S21.G00.30 Individu,
31 Changements Individu, 34 Compte professionnel de prévention, 41 Changements Contrat,
45 Données précédemment déclarées (no CCH/SIG control), 60 Arrêt de travail, 62 Fin du contrat,
63 Préavis, 65 Autre suspension, 66 Temps partiel thérapeutique, 70 Affiliation Prévoyance,
71 Retraite complémentaire, 72 Affiliation à tort, 73 Ayant-droit, 85 Lieu de travail,
86 Ancienneté, 98 SATD.

Readings (the narrowest certain one where the text leaves room):

- Datation of event DSNs (§4.4.13: 60.002/SIG-14, 60.005/SIG-12, 60.010/SIG-13, 60.012/SIG-13)
  follows the project's policy: not later than S20.G00.05.007 for natures 04, 05 and 07.
- "Année en cours" (30.006/CCH-12, 31.011/CCH-12, 73.005/CCH-11) is the year of the day of the
  check, as the text says.
- NIR department (30.001/CCH-11, 73.007/CCH-11): characters 6-7 of the 13-character NIR; the year
  is that of the birth date of the same block (30.006; 73.005 for the ayant-droit, whose text
  names no rubrique). No key is checked: a DSN NIR has none.
- 30.009/CCH-12, 85.004/CCH-12 (postcode vs country and foreign distribution code): with a
  postcode, neither of the two others; without one, the two others together. An address with
  none of the three is left alone (nature signals may carry no address).
- 34.001/CCH-11 is judged only when a contract of the individual bears the 34.002 number and
  declares its 40.020: a number that matches no contract is 34.002/CCH-11's finding. 34.002/CCH-11
  looks for the contract in the whole declaration (its message says "de la déclaration").
- 60.002/CCH-13: the text joins "motif not 99/15-18" and "reprise not 02" with "ou", then says
  the control applies to neither a cancelled/therapeutic arrêt nor a therapeutic reprise: both
  exclusions are applied.
- 60.002/CCH-17, 62.006/CCH-15, 65.002/CCH-13: "motif de la rupture différent de 099" needs
  the motif present.
- 62.002/CCH-11 (motif vs nature du contrat): the full table is CT2024's (the CT2026 extract
  cuts it at 500 characters and matches it that far). Motifs the table does not name (032, 066,
  070, 071, 082, 085, 093, 094, 099, 100, 116, 119) are not constrained.
- 62.021/CCH-11 is cut at 500 characters inside its list of natures: only the natures read in
  full (01, 07, 08, 09, 10) forbid the rubrique here.
- 63.001/CCH-13 follows CT2026 (10 or 90 for motif 026); CT2024 had a 3-month exception that
  CT2026 no longer states.
- 63.001/CCH-14 (PAP notice of at most 3 months): a notice ending the day before the same date
  three months later is "at most 3 months", one ending after that date is "more than 3 months";
  one ending exactly on that date is left alone (the text does not say how months are counted).
- 65.001/SIG-11: the Rémunération block 019/025 is looked for in the whole declaration (the text
  does not tie it to the individual).
- 71.002/CCH-13, 71.002/SIG-11: judged only when 40.003 (resp. 40.016) is given.
- Where the rule and its message disagree on a bound, only what both refuse is refused:
  86.003/CCH-11 ("inférieure à 99" / "supérieure à 99 ans": a value above 99 years, 1188 months
  or 36234 days), 62.001/CCH-11 ("supérieure à" the signature / signature "ultérieure": the same
  day passes), 63.002/CCH-14 ("supérieure à" the engagement / "antérieure à": the same day passes).
- 60.012/SIG-14 follows its rule (">=" the contract start); its message says the opposite bound.
- 86.001/CCH-12 and CCH-14 look for the seniority block among those of the individual, whatever
  its contract number.

Not decidable from the texts we have: datation of the monthly DSN (§4.4.12), the principles
(a)-(d) of §4.4.14.2 (Changements Contrat), 30.025/CCH-11 (cut inside its list of dispositifs),
and 24 entries of the CT2026 extract that are truncated copies (about 100 characters) of a
control of the neighbouring rubrique: they are not controls of their rubrique in CT2024, their
text names the other rubrique, and implementing them would report each fault twice.

Rules about two occurrences of the same block (duplicate NIR or NTT, two affiliations, two
complementary pensions, two seniorities, notice periods) are tested on cases written as lines.

A rule scoped to an enclosing block (the individual, the contract, the declaration) returns
(message, line) to report the line of the child occurrence at fault.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from forms.controls.common import department_problem, year_of
from forms.controls.common import plain as _v
from forms.controls.common import quote as _q
from forms.controls.dsl import (
    TEXT_INCOMPLETE,
    Absent,
    Aggregate,
    And,
    Check,
    Compare,
    Eq,
    Forbidden,
    Holds,
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
from forms.controls.syntax import parse_date
from forms.dsn.tree import Occurrence
from forms.i18n import N_, _
from forms.identifiers import siren, siret

NATURE = "S20.G00.05.001"
FILE_DATE = "S20.G00.05.007"
MAIN_MONTH = "S20.G00.05.005"
CONTRACT = "S21.G00.40"
START = "S21.G00.40.001"
CONTRACT_NO = "S21.G00.40.009"


# ----------------------------------------------------------------------------- helpers
def _last_day(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    first = dt.date(day.year + index // 12, index % 12 + 1, 1)
    return first.replace(day=min(day.day, _last_day(first).day))


def _nir_department_wrong(nir: str | None, birth: str | None) -> bool:
    """The department of birth in the NIR did not exist in the year of birth."""
    year = year_of(birth)
    return nir is not None and len(nir) == 13 and year is not None and department_problem(nir[5:7], year)


def _nir_department(nir_code: str, birth_code: str) -> Callable[[Occurrence, RuleContext], str | None]:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        nir = occ.values.get(nir_code)
        if not _nir_department_wrong(nir, occ.values.get(birth_code)):
            return None
        assert nir is not None
        dept = nir[5:7]
        year = year_of(occ.values.get(birth_code))
        return _("{rubrique}: the birth department {dept} it carries did not exist in {year}, the year of {birth}.").format(
            rubrique=_q(ctx.norm, nir_code), dept=_v(dept), year=year, birth=_q(ctx.norm, birth_code)
        )

    return fn


def _birth_department_wrong(dept: str | None, birth: str | None) -> bool:
    year = year_of(birth)
    return dept is not None and year is not None and department_problem(dept, year)


def _birth_department(occ: Occurrence, ctx: RuleContext) -> str | None:
    dept = occ.values.get("S21.G00.30.014")
    if not _birth_department_wrong(dept, occ.values.get("S21.G00.30.006")):
        return None
    year = year_of(occ.values.get("S21.G00.30.006"))
    return _("{rubrique}: the department {dept} did not exist in {year}, the year of {birth}.").format(
        rubrique=_q(ctx.norm, "S21.G00.30.014"), dept=_v(dept), year=year, birth=_q(ctx.norm, "S21.G00.30.006")
    )


def _nir_nines(code: str) -> Callable[[Occurrence, RuleContext], str | None]:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        nir = occ.values.get(code)
        if nir is None or not nir.endswith("999999"):
            return None
        return _("{rubrique} must not end with more than five « 9 »; found {value}.").format(
            rubrique=_q(ctx.norm, code), value=_v(nir)
        )

    return fn


def _nir_year_wrong(nir: str | None, birth: str | None) -> bool:
    if nir is None or birth is None or len(nir) != 13 or year_of(birth) is None:
        return False
    return nir[1:3] != birth[6:8]


def _nir_year(occ: Occurrence, ctx: RuleContext) -> str | None:
    nir = occ.values.get("S21.G00.30.001")
    birth = occ.values.get("S21.G00.30.006")
    if not _nir_year_wrong(nir, birth):
        return None
    assert nir is not None and birth is not None
    return _("The year in {nir} ({nir_year}) differs from the year of {birth} ({year}).").format(
        nir=_q(ctx.norm, "S21.G00.30.001"), nir_year=_v(nir[1:3]), birth=_q(ctx.norm, "S21.G00.30.006"),
        year=_v(birth[4:]),
    )


_YEAR_NOW: list[float] = [0.0, 0.0]  # [time until which the year below holds, the year]


def _current_year() -> int:
    """This year (of today's local date), asked of the clock once a day rather than once per
    individual."""
    now = time.time()
    if now < _YEAR_NOW[0]:
        return int(_YEAR_NOW[1])
    today = dt.date.today()
    midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time()).timestamp()
    _YEAR_NOW[:] = [midnight, float(today.year)]
    return today.year


def _birth_year_wrong(value: str | None) -> bool:
    """A year of birth after this year or 120 years or more before it."""
    year = year_of(value)
    if year is None:
        return False
    now = _current_year()
    return not now - 120 < year <= now


def _birth_year_range(code: str) -> Callable[[Occurrence, RuleContext], str | None]:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        if not _birth_year_wrong(occ.values.get(code)):
            return None
        year = year_of(occ.values.get(code))
        now = _current_year()
        return _("{rubrique}: the year must be at most {now} and after {oldest}; found {year}.").format(
            rubrique=_q(ctx.norm, code), now=now, oldest=now - 120, year=year
        )

    return fn


def _address(cp: str, country: str, dist: str) -> Callable[[Occurrence, RuleContext], str | None]:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        v = occ.values
        if cp in v:
            if country in v or dist in v:
                return _("{cp} is given: {country} and {dist} must not be.").format(
                    cp=_q(ctx.norm, cp), country=_q(ctx.norm, country), dist=_q(ctx.norm, dist)
                )
        elif (country in v) != (dist in v):
            return _("Without {cp}, {country} and {dist} must both be given.").format(
                cp=_q(ctx.norm, cp), country=_q(ctx.norm, country), dist=_q(ctx.norm, dist)
            )
        return None

    return fn


def _ntt_siren(occ: Occurrence, ctx: RuleContext) -> str | None:
    ntt = occ.values.get("S21.G00.30.020")
    company = occ.get("S21.G00.06.001")
    if ntt is None or company is None or ntt[1:10] == company:
        return None
    return _("{rubrique}: characters 2 to 10 must be the SIREN {siren} (S21.G00.06.001); found {value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.30.020"), siren=_v(company), value=_v(ntt[1:10])
    )


def _amorcage_non_salarie(code: str):
    """Nature 08 with an individual identified by `code`: no block S89.G00.91."""

    def collect(occ: Occurrence, acc: dict) -> None:
        if code in occ.values and "line" not in acc:
            acc["line"] = occ.lines.get(code) or occ.line

    def verdict(occ: Occurrence, acc: dict, ctx: RuleContext) -> tuple[str, int] | None:
        if "line" not in acc or occ.values.get(NATURE) != "08" or not occ.counts.get("S89.G00.91"):
            return None
        return (
            _("In an amorçage signal (nature 08), a block {block} must not be given with an individual identified by {rubrique}.").format(
                block=_q(ctx.norm, "S89.G00.91"), rubrique=_q(ctx.norm, code)
            ),
            acc["line"],
        )

    return collect, verdict


def _only(codes: frozenset[str], block_label: str) -> Callable[[Occurrence, RuleContext], str | None]:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        if set(occ.values) != codes:
            return None
        names = ", ".join(_q(ctx.norm, c) for c in sorted(occ.values))
        return _("A block {block} must give more than {rubriques}.").format(block=_q(ctx.norm, block_label), rubriques=names)

    return fn


# ----------------------------------------------------------------------------- 34 CPP
_CPP_REGIMES = frozenset({"157", "200", "300", "905"})


def _cpp_regime(occ: Occurrence, ctx: RuleContext) -> tuple[str, int] | None:
    exposures = occ.child_blocks("S21.G00.34")
    if not exposures:
        return None
    regimes: dict[str, set[str]] = {}
    for contract in occ.child_blocks(CONTRACT):
        number = contract.values.get(CONTRACT_NO)
        regime = contract.values.get("S21.G00.40.020")
        if number is not None and regime is not None:
            regimes.setdefault(number, set()).add(regime)
    for block in exposures:
        found = regimes.get(block.values.get("S21.G00.34.002", ""))
        if found and not found & _CPP_REGIMES:
            return (
                _("A block {block} is allowed only for a contract whose {regime} is 157, 200, 300 or 905; the contract {number} has {found}.").format(
                    block=_q(ctx.norm, "S21.G00.34"), regime=_q(ctx.norm, "S21.G00.40.020"),
                    number=_v(block.values["S21.G00.34.002"]), found=", ".join(_v(r) for r in sorted(found)),
                ),
                block.lines.get("S21.G00.34.001") or block.line,
            )
    return None


def _cpp_contract_collect(occ: Occurrence, acc: dict) -> None:
    numbers = acc.setdefault("numbers", set())
    for child in occ.children:
        if child.block == CONTRACT:
            number = child.values.get(CONTRACT_NO)
            if number is not None:
                numbers.add(number)
        elif child.block == "S21.G00.34":
            number = child.values.get("S21.G00.34.002")
            if number is not None:
                acc.setdefault("wanted", []).append((number, child.lines.get("S21.G00.34.002") or child.line))


def _cpp_contract_verdict(occ: Occurrence, acc: dict, ctx: RuleContext) -> tuple[str, int] | None:
    numbers = acc.get("numbers", set())
    for number, line in acc.get("wanted", ()):
        if number not in numbers:
            return (
                _("{rubrique} {value} matches no {contract} of the declaration.").format(
                    rubrique=_q(ctx.norm, "S21.G00.34.002"), value=_v(number), contract=_q(ctx.norm, CONTRACT_NO)
                ),
                line,
            )
    return None


# ----------------------------------------------------------------------------- 41 changes
def _modification_in_month(occ: Occurrence, ctx: RuleContext) -> str | None:
    day = parse_date(occ.values.get("S21.G00.41.001"))
    month = parse_date(occ.get(MAIN_MONTH))
    if day is None or month is None or day <= _last_day(month):
        return None
    return _("{rubrique} must be on or before {last}, the last day of the main month declared; found {value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.41.001"), last=_v(_last_day(month).strftime("%d%m%Y")),
        value=_v(occ.values["S21.G00.41.001"]),
    )


def _depth_first_day(occ: Occurrence, ctx: RuleContext) -> str | None:
    value = occ.values.get("S21.G00.41.028")
    day = parse_date(value)
    start = occ.get(START)
    if day is None or day.day == 1 or start is None or value == start:
        return None
    return _("{rubrique} must be the first day of a month or {start} ({start_value}); found {value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.41.028"), start=_q(ctx.norm, START), start_value=_v(start), value=_v(value)
    )


# ----------------------------------------------------------------------------- 60 arrêt
def _reprise_dates(occ: Occurrence, ctx: RuleContext) -> str | None:
    back = parse_date(occ.values.get("S21.G00.60.010"))
    if back is None:
        return None
    for code in (START, "S21.G00.60.002"):
        other = parse_date(occ.get(code))
        if other is not None and back < other:
            return _("{rubrique} must be on or after {other}; found {value} and {other_value}.").format(
                rubrique=_q(ctx.norm, "S21.G00.60.010"), other=_q(ctx.norm, code),
                value=_v(occ.values["S21.G00.60.010"]), other_value=_v(occ.get(code)),
            )
    return None


def _contract_end(contract: Occurrence) -> tuple[dt.date, str] | None:
    """Date de fin of a non-cancelled Fin du contrat (motif given and not 099)."""
    for end in contract.child_blocks("S21.G00.62"):
        motif = end.values.get("S21.G00.62.002")
        day = parse_date(end.values.get("S21.G00.62.001"))
        if day is not None and motif is not None and motif != "099":
            return day, end.values["S21.G00.62.001"]
    return None


def _last_worked_before_end(occ: Occurrence, ctx: RuleContext) -> tuple[str, int] | None:
    end = _contract_end(occ)
    if end is None:
        return None
    for stop in occ.child_blocks("S21.G00.60"):
        motif = stop.values.get("S21.G00.60.001")
        last = parse_date(stop.values.get("S21.G00.60.002"))
        if motif is None or motif == "99" or last is None or last <= end[0]:
            continue
        return (
            _("{rubrique} must be on or before {end} of a contract end that is not cancelled; found {value} and {end_value}.").format(
                rubrique=_q(ctx.norm, "S21.G00.60.002"), end=_q(ctx.norm, "S21.G00.62.001"),
                value=_v(stop.values["S21.G00.60.002"]), end_value=_v(end[1]),
            ),
            stop.lines.get("S21.G00.60.002") or stop.line,
        )
    return None


# ----------------------------------------------------------------------------- 62 fin du contrat
_ALL_CDI = ("01", "07", "08", "09", "91")
# Motif → natures allowed (CT2024 text of 62.002/CCH-11). Natures allowed only with a dispositif
# (S21.G00.40.008) are in _MOTIF_NATURE_WITH.
_MOTIF_NATURES: dict[str, frozenset[str]] = {
    "011": frozenset({"01", "07", "08", "09", "82", "91"}),
    "012": frozenset({"01", "07", "08", "09", "82", "91"}),
    "014": frozenset({"01", "07", "08", "09", "50", "91"}),
    "015": frozenset({"01", "07", "08", "09", "82"}),
    "020": frozenset({"01", "07", "08", "09", "10", "50", "82", "91"}),
    "025": frozenset({"01", "07", "08", "09", "91"}),
    "026": frozenset({"01", "09", "91"}),
    "031": frozenset({"02", "10", "60", "92"}),
    "033": frozenset({"02", "03", "10", "92", "53", "54"}),
    "034": frozenset({"01", "02", "03", "07", "08", "09", "10", "50", "82", "91", "92"}),
    "035": frozenset({"01", "02", "03", "07", "08", "09", "10", "50", "82", "91", "92"}),
    "036": frozenset({"02", "03", "10", "53", "54", "60", "92"}),
    "037": frozenset({"02", "03", "10", "60", "92"}),
    "038": frozenset({"01", "07", "08", "09", "50", "82", "91"}),
    "039": frozenset({"01", "07", "08", "09", "50", "82", "91"}),
    "043": frozenset({"01", "07", "08", "09", "50", "82", "91"}),
    "058": frozenset({"01", "07", "08", "09", "82", "91"}),
    "059": frozenset({"01", "03", "07", "08", "09", "50", "82", "91"}),
    "065": frozenset({"01", "02", "08", "09", "10", "82", "91", "92"}),
    "081": frozenset(),
    "083": frozenset({"01", "02", "03", "09", "10", "91", "92", "53", "54"}),
    "084": frozenset({"02", "03", "10", "53", "54", "60", "92"}),
    "086": frozenset({"01", "07", "08", "09", "82", "91"}),
    "087": frozenset({"01", "07", "08", "09", "50", "82", "91"}),
    "088": frozenset({"01", "07", "08", "09", "50", "82", "91"}),
    "089": frozenset({"01", "07", "08", "09", "82", "91"}),
    "091": frozenset({"01", "07", "08", "09", "50", "82", "91"}),
    "092": frozenset({"01", "07", "08", "09", "50", "82", "91"}),
    "095": frozenset({"02", "03", "10", "92"}),
    "096": frozenset({"02", "03", "10", "92"}),
    "097": frozenset({"02", "03", "10", "92"}),
    "098": frozenset({"01", "02", "09", "10", "91", "92"}),
    "110": frozenset({"01", "07", "08", "09", "50", "82", "91"}),
    "111": frozenset({"01", "07", "08", "09", "82", "91"}),
    "112": frozenset({"01", "07", "08", "09", "82", "91"}),
    "113": frozenset(_ALL_CDI),
    "114": frozenset(_ALL_CDI),
    "115": frozenset({"01", "09", "91"}),
    "117": frozenset({"01", "09", "91"}),
    "118": frozenset({"32"}),
    "998": frozenset({"01", "02", "03", "07", "08", "09", "10", "91", "92"}),
    "999": frozenset({"20", "21", "29", "32", "50", "51", "52", "53", "54", "70", "80", "81", "89", "90"}),
}
_EARLY_BREAK_WITH = {"01": frozenset({"61", "64", "65"}), "08": frozenset({"64", "65"}), "91": frozenset({"61", "64", "65"})}
_MOTIF_NATURE_WITH: dict[str, dict[str, frozenset[str]]] = {
    "036": _EARLY_BREAK_WITH,
    "037": _EARLY_BREAK_WITH,
    "084": _EARLY_BREAK_WITH,
    "081": {
        "01": frozenset({"64", "65"}),
        "03": frozenset({"64", "65"}),
        "08": frozenset({"64", "65"}),
        "91": frozenset({"64", "65"}),
        "02": frozenset({"64", "65", "81"}),
        "92": frozenset({"64", "65", "81"}),
    },
}


def _motif_nature(occ: Occurrence, ctx: RuleContext) -> str | None:
    motif = occ.values.get("S21.G00.62.002")
    allowed = _MOTIF_NATURES.get(motif or "")
    nature = occ.get("S21.G00.40.007")
    if allowed is None or nature is None or nature in allowed:
        return None
    dispositifs = _MOTIF_NATURE_WITH.get(motif or "", {}).get(nature)
    if dispositifs is not None and occ.get("S21.G00.40.008") in dispositifs:
        return None
    return _("{rubrique}: the motif {value} is not allowed for a contract of nature {nature}.").format(
        rubrique=_q(ctx.norm, "S21.G00.62.002"), value=_v(motif), nature=_v(nature)
    )


def _between_start_and_end(code: str, end_needs_motif: bool) -> Callable[[Occurrence, RuleContext], str | None]:
    """code >= 40.001 and code <= 62.001 (of a non-cancelled end when end_needs_motif)."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        day = parse_date(occ.values.get(code))
        if day is None:
            return None
        start = parse_date(occ.get(START))
        if start is not None and day < start:
            return _("{rubrique} must be on or after {other}; found {value} and {other_value}.").format(
                rubrique=_q(ctx.norm, code), other=_q(ctx.norm, START), value=_v(occ.values[code]),
                other_value=_v(occ.get(START)),
            )
        end = parse_date(occ.values.get("S21.G00.62.001"))
        motif = occ.values.get("S21.G00.62.002")
        if end is not None and day > end and (not end_needs_motif or (motif is not None and motif != "099")):
            return _("{rubrique} must be on or before {other}; found {value} and {other_value}.").format(
                rubrique=_q(ctx.norm, code), other=_q(ctx.norm, "S21.G00.62.001"), value=_v(occ.values[code]),
                other_value=_v(occ.values["S21.G00.62.001"]),
            )
        return None

    return fn


_UNWORKED_NOTICE = frozenset({"02", "03", "10", "50", "51", "61"})


def _last_paid_before_notice(occ: Occurrence, ctx: RuleContext) -> str | None:
    last = parse_date(occ.values.get("S21.G00.62.006"))
    if last is None:
        return None
    for notice in occ.child_blocks("S21.G00.63"):
        start = parse_date(notice.values.get("S21.G00.63.002"))
        if notice.values.get("S21.G00.63.001") in _UNWORKED_NOTICE and start is not None and last >= start:
            return _("{rubrique} must be before {start} of a notice not worked (type {kind}); found {value} and {start_value}.").format(
                rubrique=_q(ctx.norm, "S21.G00.62.006"), start=_q(ctx.norm, "S21.G00.63.002"),
                kind=_v(notice.values["S21.G00.63.001"]), value=_v(occ.values["S21.G00.62.006"]),
                start_value=_v(notice.values["S21.G00.63.002"]),
            )
    return None


# ----------------------------------------------------------------------------- 63 préavis
def _pap_notice(occ: Occurrence, ctx: RuleContext) -> str | None:
    kind = occ.values.get("S21.G00.63.001")
    motif = occ.get("S21.G00.62.002")
    if kind is None or motif is None:
        return None
    if motif != "114":
        if kind == "61":
            return _("{rubrique}: the value « 61 » is allowed only with a motif de rupture « 114 »; found {motif}.").format(
                rubrique=_q(ctx.norm, "S21.G00.63.001"), motif=_v(motif)
            )
        return None
    start = parse_date(occ.values.get("S21.G00.63.002"))
    end = parse_date(occ.values.get("S21.G00.63.003"))
    if start is None or end is None:
        return None
    three = _add_months(start, 3)
    if end < three and kind != "61":
        return _("{rubrique} must be « 61 » for a motif « 114 » with a notice of at most 3 months; found {value}.").format(
            rubrique=_q(ctx.norm, "S21.G00.63.001"), value=_v(kind)
        )
    if end > three and kind == "61":
        return _("{rubrique}: the value « 61 » is not allowed for a notice of more than 3 months.").format(
            rubrique=_q(ctx.norm, "S21.G00.63.001")
        )
    return None


# ----------------------------------------------------------------------------- 65 suspension
def _suspension_before_end(occ: Occurrence, ctx: RuleContext) -> str | None:
    if occ.values.get("S21.G00.65.001") == "998" or occ.parent is None:
        return None
    begin = parse_date(occ.values.get("S21.G00.65.002"))
    end = _contract_end(occ.parent)
    if begin is None or end is None or begin <= end[0]:
        return None
    return _("{rubrique} must be on or before {end} of a contract end that is not cancelled; found {value} and {end_value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.65.002"), end=_q(ctx.norm, "S21.G00.62.001"),
        value=_v(occ.values["S21.G00.65.002"]), end_value=_v(end[1]),
    )


def _short_time_collect(occ: Occurrence, acc: dict) -> None:
    for contract in occ.child_blocks(CONTRACT):
        for suspension in contract.child_blocks("S21.G00.65"):
            if suspension.values.get("S21.G00.65.001") in ("507", "602") and "line" not in acc:
                acc["line"] = suspension.lines.get("S21.G00.65.001") or suspension.line
    if "hours" in acc:
        return
    for payment in occ.child_blocks("S21.G00.50"):
        for pay in payment.child_blocks("S21.G00.51"):
            if pay.values.get("S21.G00.51.011") in ("019", "025"):
                acc["hours"] = True
                return


def _short_time_verdict(occ: Occurrence, acc: dict, ctx: RuleContext) -> tuple[str, int] | None:
    if occ.values.get(NATURE) != "01" or "line" not in acc or acc.get("hours"):
        return None
    return (
        _("A suspension « 507 » or « 602 » is declared, but no {block} has {type} « 019 » or « 025 ».").format(
            block=_q(ctx.norm, "S21.G00.51"), type=_q(ctx.norm, "S21.G00.51.011")
        ),
        acc["line"],
    )


# ----------------------------------------------------------------------------- 70-73
def _adhesion_known(occ: Occurrence, ctx: RuleContext) -> str | None:
    wanted = occ.values.get("S21.G00.70.013")
    establishment = occ.find_up("S21.G00.11")
    if wanted is None or establishment is None:
        return None
    for adhesion in establishment.child_blocks("S21.G00.15"):
        if adhesion.values.get("S21.G00.15.005") == wanted:
            return None
    return _("{rubrique} {value} matches no {adhesion} of the establishment.").format(
        rubrique=_q(ctx.norm, "S21.G00.70.013"), value=_v(wanted), adhesion=_q(ctx.norm, "S21.G00.15.005")
    )


def _retc_status(occ: Occurrence, ctx: RuleContext) -> str | None:
    if occ.values.get("S21.G00.71.002") != "RETC":
        return None
    status = occ.get("S21.G00.40.003")
    allowed = {"01", "02"} | ({"04"} if occ.get("S21.G00.40.002") == "04" else set())
    if status is None or status in allowed:
        return None
    return _("With {rubrique} « RETC », {status} must be « 01 » or « 02 » (or « 04 » when {conv} is « 04 »); found {value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.71.002"), status=_q(ctx.norm, "S21.G00.40.003"),
        conv=_q(ctx.norm, "S21.G00.40.002"), value=_v(status),
    )


def _wrong_regime(occ: Occurrence, ctx: RuleContext) -> str | None:
    wrong = occ.values.get("S21.G00.72.001")
    regime = occ.get("S21.G00.71.002")
    if wrong is None or regime is None or regime == "IRCANTEC" or wrong != regime:
        return None
    return _("{rubrique} must differ from {regime} of its block; both are {value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.72.001"), regime=_q(ctx.norm, "S21.G00.71.002"), value=_v(wrong)
    )


# ----------------------------------------------------------------------------- 85 lieu de travail
def _is_siret(value: str) -> bool:
    return siret.is_valid(value)


def _workplace_siren(occ: Occurrence, ctx: RuleContext) -> str | None:
    value = occ.values.get("S21.G00.85.001")
    if value is None or occ.values.get("S21.G00.85.010") != "01" or siren.is_valid(value[:9]):
        return None
    return _("{rubrique} of an établissement (nature 01) must pass the SIREN key; found {value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.85.001"), value=_v(value)
    )


def _workplace_siret(occ: Occurrence, ctx: RuleContext) -> str | None:
    value = occ.values.get("S21.G00.85.001")
    if value is None or occ.values.get("S21.G00.85.010") != "01" or _is_siret(value):
        return None
    return _("{rubrique} of an établissement (nature 01) must pass the SIRET key; found {value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.85.001"), value=_v(value)
    )


def _home_not_siret(occ: Occurrence, ctx: RuleContext) -> str | None:
    value = occ.values.get("S21.G00.85.001")
    if value is None or occ.values.get("S21.G00.85.010") != "03" or not _is_siret(value):
        return None
    return _("{rubrique} is a SIRET ({value}): a work place « 03 - A domicile » must not be identified by a SIRET.").format(
        rubrique=_q(ctx.norm, "S21.G00.85.001"), value=_v(value)
    )


def _user_establishments_collect(occ: Occurrence, acc: dict) -> None:
    value = occ.values.get("S21.G00.40.046")
    if value is not None:
        acc.setdefault("ids", set()).add(value)


def _user_establishments_verdict(occ: Occurrence, acc: dict, ctx: RuleContext) -> tuple[str, int] | None:
    ids = acc.get("ids")
    if not ids:
        return None
    for place in occ.child_blocks("S21.G00.85"):
        if "S21.G00.85.002" not in place.values and place.values.get("S21.G00.85.001") in ids:
            return (
                _("{rubrique} is required for the work place {value}, which a contract names in {user}; it is missing.").format(
                    rubrique=_q(ctx.norm, "S21.G00.85.002"), value=_v(place.values["S21.G00.85.001"]),
                    user=_q(ctx.norm, "S21.G00.40.046"),
                ),
                place.line,
            )
    return None


# ----------------------------------------------------------------------------- 86 ancienneté
def _seniority_types(occ: Occurrence) -> set[str]:
    return {s.values.get("S21.G00.86.001", "") for s in occ.child_blocks("S21.G00.86")}


def _seniority_for_prevoyance(occ: Occurrence, ctx: RuleContext) -> str | None:
    if occ.get(NATURE) not in ("01", "07", "08"):
        return None
    contracts = occ.child_blocks(CONTRACT)
    if not any(c.counts.get("S21.G00.70") for c in contracts):
        return None
    natures = {c.values.get("S21.G00.40.007") for c in contracts}
    if not natures - {"03", None} or _seniority_types(occ) & {"06", "07"}:
        return None
    return _("An individual with an {affiliation} and a contract other than a mission needs a {type} « 06 » or « 07 »; there is none.").format(
        affiliation=_q(ctx.norm, "S21.G00.70"), type=_q(ctx.norm, "S21.G00.86.001")
    )


_SENIORITY_NATURES = frozenset({"01", "02", "03", "07", "08", "82", "91", "92"})


def _seniority_in_company(occ: Occurrence, ctx: RuleContext) -> str | None:
    if occ.get(NATURE) != "01":
        return None
    if not any(c.values.get("S21.G00.40.007") in _SENIORITY_NATURES for c in occ.child_blocks(CONTRACT)):
        return None
    if "07" in _seniority_types(occ):
        return None
    return _("A contract of nature 01, 02, 03, 07, 08, 82, 91 or 92 needs a block {block} with {type} « 07 »; there is none.").format(
        block=_q(ctx.norm, "S21.G00.86"), type=_q(ctx.norm, "S21.G00.86.001")
    )


_SENIORITY_LIMITS = {"03": 99, "02": 1188, "01": 36234}


def _seniority_over(value: str | None, unit: str | None) -> bool:
    limit = _SENIORITY_LIMITS.get(unit if unit is not None else "")
    return value is not None and limit is not None and value.isdigit() and int(value) > limit


def _seniority_limit(occ: Occurrence, ctx: RuleContext) -> str | None:
    value = occ.values.get("S21.G00.86.003")
    if not _seniority_over(value, occ.values.get("S21.G00.86.002")):
        return None
    limit = _SENIORITY_LIMITS[occ.values["S21.G00.86.002"]]
    return _("{rubrique} must not exceed {limit} in the unit {unit}; found {value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.86.003"), limit=limit, unit=_v(occ.values["S21.G00.86.002"]), value=_v(value)
    )


def _seniority_zero(value: str | None, kind: str | None) -> bool:
    return value is not None and kind in ("02", "03", "04", "06", "07") and value.isdigit() and int(value) == 0


def _seniority_not_zero(occ: Occurrence, ctx: RuleContext) -> str | None:
    value = occ.values.get("S21.G00.86.003")
    kind = occ.values.get("S21.G00.86.001")
    if not _seniority_zero(value, kind):
        return None
    return _("{rubrique} must not be zero for a seniority of type {kind}.").format(
        rubrique=_q(ctx.norm, "S21.G00.86.003"), kind=_v(kind)
    )


def _seniority_contract(occ: Occurrence, ctx: RuleContext) -> str | None:
    number = occ.values.get("S21.G00.86.005")
    if number is None or occ.parent is None:
        return None
    if any(c.values.get(CONTRACT_NO) == number for c in occ.parent.child_blocks(CONTRACT)):
        return None
    return _("{rubrique} {value} matches no {contract} of the individual.").format(
        rubrique=_q(ctx.norm, "S21.G00.86.005"), value=_v(number), contract=_q(ctx.norm, CONTRACT_NO)
    )


# ----------------------------------------------------------------------------- 98 SATD
def _error_month(occ: Occurrence, ctx: RuleContext) -> str | None:
    value = occ.values.get("S21.G00.98.004")
    main = occ.get(MAIN_MONTH)
    if value is None or main is None or len(value) != 6 or not value.isdigit() or len(main) != 8 or not main.isdigit():
        return None
    if (int(value[2:]), int(value[:2])) < (int(main[4:]), int(main[2:4])):
        return None
    return _("{rubrique} must be a month before the main month declared {main}; found {value}.").format(
        rubrique=_q(ctx.norm, "S21.G00.98.004"), main=_v(main[2:]), value=_v(value)
    )


# ----------------------------------------------------------------------------- the rules
_MONTHLY_DATATION = NotDecidable(
    TEXT_INCOMPLETE,
    "refers to §4.4.12 of the CT introduction (datation in a monthly DSN), which is not in the material",
)


def _copy_of(original: str) -> NotDecidable:
    return NotDecidable(
        TEXT_INCOMPLETE,
        f"the CT2026 extract gives here a copy of {original} cut at about 100 characters; it is not a control "
        f"of this rubrique in CT2024 and its text is about the other rubrique: {original} is implemented",
    )


def _principle(letter: str) -> NotDecidable:
    return NotDecidable(
        TEXT_INCOMPLETE,
        f"refers to principle ({letter}) of §4.4.14.2 of the CT introduction and to the lists of modalities and "
        "identifying rubriques of §4.4.14.1, which are not in the material",
    )


_EVENT = Nature("04", "05", "07")
_NOT_MONTHLY_OR_FCTU = Not(Nature("01", "07"))
_TPT = ("15", "16", "17", "18")
_NOTICE_WITH_DATES = ("01", "02", "03", "10", "50", "51", "60", "61")
_NIR_OK = "1800175123456"
_DAY = "15032026"

RULES = {
    # -- S21.G00.30 Individu
    "S21.G00.30.001/CCH-11": Check(
        "S21.G00.30.001", _nir_department("S21.G00.30.001", "S21.G00.30.006"),
        triggers=["S21.G00.30.001"], guard=Holds(_nir_department_wrong, "S21.G00.30.001", "S21.G00.30.006"),
        reads=["S21.G00.30.006"],
        cases=[
            ({"S21.G00.30.001": "1800120123456", "S21.G00.30.006": "01011970"}, True),
            ({"S21.G00.30.001": "1800120123456", "S21.G00.30.006": "01011980"}, False),
            ({"S21.G00.30.001": "18001" + "2A" + "123456", "S21.G00.30.006": "01011970"}, False),
            ({"S21.G00.30.001": "1800196123456", "S21.G00.30.006": "01011970"}, False),
            ({"S21.G00.30.001": "1800196123456", "S21.G00.30.006": "01011960"}, True),
        ],
    ),
    "S21.G00.30.001/CCH-13": ValueNotIn("S21.G00.30.001", ["1999999999999", "2999999999999"]),
    "S21.G00.30.001/CCH-15": Aggregate(
        "S21.G00.30.001", "S21.G00.30", "S20.G00.05", *_amorcage_non_salarie("S21.G00.30.001"),
        reads=[NATURE],
        cases=[
            ({NATURE: "08", "S21.G00.30.001": _NIR_OK, "block:S89.G00.91": "1"}, False),
            ({NATURE: "08", "S21.G00.30.001": _NIR_OK}, True),
            ({NATURE: "01", "S21.G00.30.001": _NIR_OK, "block:S89.G00.91": "1"}, True),
        ],
    ),
    "S21.G00.30.001/CCH-16": Check(
        "S21.G00.30.001", _nir_nines("S21.G00.30.001"),
        triggers=["S21.G00.30.001"],
        cases=[({"S21.G00.30.001": _NIR_OK}, True), ({"S21.G00.30.001": "1800175999999"}, False)],
    ),
    "S21.G00.30.006/CCH-11": Check(
        "S21.G00.30.006", _nir_year, reads=["S21.G00.30.001"],
        triggers=["S21.G00.30.006"], guard=Holds(_nir_year_wrong, "S21.G00.30.001", "S21.G00.30.006"),
        cases=[
            ({"S21.G00.30.001": _NIR_OK, "S21.G00.30.006": "01011980"}, True),
            ({"S21.G00.30.001": _NIR_OK, "S21.G00.30.006": "01011981"}, False),
        ],
    ),
    "S21.G00.30.006/CCH-12": Check(
        "S21.G00.30.006", _birth_year_range("S21.G00.30.006"),
        triggers=["S21.G00.30.006"], guard=Holds(_birth_year_wrong, "S21.G00.30.006"),
        cases=[({"S21.G00.30.006": "01011980"}, True), ({"S21.G00.30.006": "01011850"}, False)],
    ),
    "S21.G00.30.007/CCH-11": Required("S21.G00.30.007", when=NotEq("S21.G00.30.014", "99")),
    "S21.G00.30.009/CCH-12": Check(
        "S21.G00.30.009", _address("S21.G00.30.009", "S21.G00.30.011", "S21.G00.30.012"),
        triggers=["S21.G00.30.009", "S21.G00.30.011", "S21.G00.30.012"],
        reads=["S21.G00.30.011", "S21.G00.30.012"],
        cases=[
            ({"S21.G00.30.009": "75001"}, True),
            ({"S21.G00.30.011": "DE", "S21.G00.30.012": "10115"}, True),
            ({}, True),
            ({"S21.G00.30.009": "75001", "S21.G00.30.011": "DE"}, False),
            ({"S21.G00.30.011": "DE"}, False),
        ],
    ),
    "S21.G00.30.010/CCH-11": Required("S21.G00.30.010", when=Present("S21.G00.30.009")),
    "S21.G00.30.013/CCH-11": _copy_of("S21.G00.30.014/CCH-11"),
    "S21.G00.30.014/CCH-11": Check(
        "S21.G00.30.014", _birth_department, reads=["S21.G00.30.006"],
        triggers=["S21.G00.30.014"], guard=Holds(_birth_department_wrong, "S21.G00.30.014", "S21.G00.30.006"),
        cases=[
            ({"S21.G00.30.014": "2A", "S21.G00.30.006": "01011980"}, True),
            ({"S21.G00.30.014": "2A", "S21.G00.30.006": "01011970"}, False),
            ({"S21.G00.30.014": "20", "S21.G00.30.006": "01011980"}, False),
            ({"S21.G00.30.014": "96", "S21.G00.30.006": "01011970"}, False),
        ],
    ),
    "S21.G00.30.019/CCH-12": _copy_of("S21.G00.30.020/CCH-12"),
    "S21.G00.30.019/CCH-13": _copy_of("S21.G00.30.020/CCH-13"),
    "S21.G00.30.019/CCH-14": _copy_of("S21.G00.30.020/CCH-14"),
    "S21.G00.30.019/CCH-15": _copy_of("S21.G00.30.020/CCH-15"),
    "S21.G00.30.020/CCH-11": _copy_of("S21.G00.30.001/CCH-11"),
    "S21.G00.30.020/CCH-12": Required("S21.G00.30.020", when=Absent("S21.G00.30.001")),
    "S21.G00.30.020/CCH-13": Check(
        "S21.G00.30.020", _ntt_siren, reads=["S21.G00.06.001"],
        triggers=["S21.G00.30.020"],
        cases=[
            ({"S21.G00.30.020": "1123456789ABC", "S21.G00.06.001": "123456789"}, True),
            ({"S21.G00.30.020": "1987654321ABC", "S21.G00.06.001": "123456789"}, False),
        ],
    ),
    "S21.G00.30.020/CCH-14#2": _copy_of("S21.G00.30.001/CCH-14"),
    "S21.G00.30.020/CCH-15": Aggregate(
        "S21.G00.30.020", "S21.G00.30", "S20.G00.05", *_amorcage_non_salarie("S21.G00.30.020"),
        reads=[NATURE],
        cases=[
            ({NATURE: "08", "S21.G00.30.020": "1123456789ABC", "block:S89.G00.91": "1"}, False),
            ({NATURE: "08", "S21.G00.30.020": "1123456789ABC"}, True),
        ],
    ),
    "S21.G00.30.020/CCH-16": _copy_of("S21.G00.30.001/CCH-16"),
    "S21.G00.30.025/CCH-11": NotDecidable(
        TEXT_INCOMPLETE,
        "cut at 500 characters inside its list of dispositifs (S21.G00.40.008 64, 65, 81 …); absent from CT2024: "
        "what follows (more dispositifs, a nature or date condition) is unknown",
    ),
    "S21.G00.30.025/CCH-11#2": _copy_of("S21.G00.30.025/CCH-11"),
    "S21.G00.30.029/CCH-11": Required(
        "S21.G00.30.029", when=And(Eq("S21.G00.30.014", "99"), Absent("S21.G00.30.007"))
    ),
    # -- S21.G00.31 Changements Individu
    "S21.G00.31.001/CCH-12": Check(
        "S21.G00.31.001", _only(frozenset({"S21.G00.31.001"}), "S21.G00.31"),
        cases=[
            ({"S21.G00.31.001": _DAY, "S21.G00.31.009": "DUPONT"}, True),
            ({"S21.G00.31.001": _DAY}, False),
        ],
    ),
    "S21.G00.31.001/SIG-11": _MONTHLY_DATATION,
    "S21.G00.31.011/CCH-12": Check(
        "S21.G00.31.011", _birth_year_range("S21.G00.31.011"),
        cases=[({"S21.G00.31.011": "01011980"}, True), ({"S21.G00.31.011": "01011850"}, False)],
    ),
    # -- S21.G00.34 Compte professionnel de prévention
    "S21.G00.34.001/CCH-11": Check(
        "S21.G00.34.001", _cpp_regime, scope="S21.G00.30",
        triggers=["S21.G00.34"],
        reads=["S21.G00.34.002", CONTRACT_NO, "S21.G00.40.020"],
        cases=[
            ({"S21.G00.34.001": "01", "S21.G00.34.002": "C0001", CONTRACT_NO: "C0001", "S21.G00.40.020": "200"}, True),
            ({"S21.G00.34.001": "01", "S21.G00.34.002": "C0001", CONTRACT_NO: "C0001", "S21.G00.40.020": "120"}, False),
            ({"S21.G00.34.001": "01", "S21.G00.34.002": "C0001", CONTRACT_NO: "C0002", "S21.G00.40.020": "120"}, True),
        ],
    ),
    "S21.G00.34.002/CCH-11": Aggregate(
        "S21.G00.34.002", "S21.G00.30", "S20.G00.05", _cpp_contract_collect, _cpp_contract_verdict,
        reads=[CONTRACT_NO],
        cases=[
            ({"S21.G00.34.002": "C0001", CONTRACT_NO: "C0001"}, True),
            ({"S21.G00.34.002": "C0001", CONTRACT_NO: "C0002"}, False),
        ],
    ),
    # -- S21.G00.41 Changements Contrat
    "S21.G00.41.001/CCH-12": Check(
        "S21.G00.41.001", _only(frozenset({"S21.G00.41.001"}), "S21.G00.41"),
        cases=[
            ({"S21.G00.41.001": _DAY, "S21.G00.41.004": "02"}, True),
            ({"S21.G00.41.001": _DAY}, False),
        ],
    ),
    "S21.G00.41.001/CCH-13": _principle("a"),
    "S21.G00.41.001/CCH-14": Check(
        "S21.G00.41.001", _only(frozenset({"S21.G00.41.001", "S21.G00.41.028"}), "S21.G00.41"),
        cases=[
            ({"S21.G00.41.001": _DAY, "S21.G00.41.028": "01032026", "S21.G00.41.004": "02"}, True),
            ({"S21.G00.41.001": _DAY}, True),  # CCH-12's finding
            ({"S21.G00.41.001": _DAY, "S21.G00.41.028": "01032026"}, False),
        ],
    ),
    "S21.G00.41.001/CCH-15": Check(
        "S21.G00.41.001", _modification_in_month, reads=[MAIN_MONTH],
        cases=[
            ({"S21.G00.41.001": "31032026", MAIN_MONTH: "01032026"}, True),
            ({"S21.G00.41.001": "01042026", MAIN_MONTH: "01032026"}, False),
        ],
    ),
    "S21.G00.41.001/CCH-16": _principle("b"),
    "S21.G00.41.001/SIG-11": _MONTHLY_DATATION,
    "S21.G00.41.021/SIG-11": _MONTHLY_DATATION,
    "S21.G00.41.027/CCH-11": _copy_of("S21.G00.41.028/CCH-11"),
    "S21.G00.41.027/CCH-12": _copy_of("S21.G00.41.028/CCH-12"),
    "S21.G00.41.027/CCH-13": _copy_of("S21.G00.41.028/CCH-13"),
    "S21.G00.41.027/CCH-14": _copy_of("S21.G00.41.028/CCH-14"),
    "S21.G00.41.027/CCH-15": _copy_of("S21.G00.41.028/CCH-15"),
    "S21.G00.41.028/CCH-11": _principle("c"),
    "S21.G00.41.028/CCH-12": _principle("d"),
    "S21.G00.41.028/CCH-13": Check(
        "S21.G00.41.028", _depth_first_day, reads=[START],
        cases=[
            ({"S21.G00.41.028": "01032026", START: "15012024"}, True),
            ({"S21.G00.41.028": "15012024", START: "15012024"}, True),
            ({"S21.G00.41.028": "15032026", START: "15012024"}, False),
        ],
    ),
    "S21.G00.41.028/CCH-14": Compare("S21.G00.41.028", ">=", START),
    "S21.G00.41.028/CCH-15": Compare("S21.G00.41.028", "<=", "S21.G00.41.001"),
    "S21.G00.41.028/CCH-16": _copy_of("S21.G00.41.001/CCH-16"),
    # -- S21.G00.60 Arrêt de travail
    "S21.G00.60.001/CCH-12": ValueNotIn("S21.G00.60.001", ["99"], when=_NOT_MONTHLY_OR_FCTU),
    "S21.G00.60.001/CCH-14": ValueNotIn("S21.G00.60.001", _TPT, when=_NOT_MONTHLY_OR_FCTU),
    "S21.G00.60.001/SIG-13": RequiredChild("S21.G00.66", when=Eq("S21.G00.60.001", *_TPT)),
    "S21.G00.60.002/CCH-12": Compare("S21.G00.60.002", "<=", "S21.G00.60.003"),
    "S21.G00.60.002/CCH-13": Compare(
        "S21.G00.60.002", ">=", START,
        when=And(
            Nature("01", "07"),
            Not(Eq("S21.G00.60.001", "99", *_TPT)),
            Not(Eq("S21.G00.60.011", "02")),
            Not(Eq("S21.G00.40.007", "50")),
        ),
    ),
    "S21.G00.60.002/CCH-16": _MONTHLY_DATATION,
    "S21.G00.60.002/CCH-17": Check(
        "S21.G00.60.002", _last_worked_before_end, scope=CONTRACT,
        triggers=["S21.G00.60"],
        reads=["S21.G00.60.001", "S21.G00.62.001", "S21.G00.62.002"],
        cases=[
            ({"S21.G00.60.001": "01", "S21.G00.60.002": "10032026", "S21.G00.62.001": "15032026", "S21.G00.62.002": "031"}, True),
            ({"S21.G00.60.001": "01", "S21.G00.60.002": "20032026", "S21.G00.62.001": "15032026", "S21.G00.62.002": "099"}, True),
            ({"S21.G00.60.001": "99", "S21.G00.60.002": "20032026", "S21.G00.62.001": "15032026", "S21.G00.62.002": "031"}, True),
            ({"S21.G00.60.001": "01", "S21.G00.60.002": "20032026", "S21.G00.62.001": "15032026", "S21.G00.62.002": "031"}, False),
        ],
    ),
    "S21.G00.60.002/CCH-18": Compare("S21.G00.60.002", ">=", START, when=_NOT_MONTHLY_OR_FCTU),
    "S21.G00.60.002/SIG-14": Compare("S21.G00.60.002", "<=", FILE_DATE, when=_EVENT),
    "S21.G00.60.005/CCH-11": RequiredIff("S21.G00.60.005", Eq("S21.G00.60.004", "01")),
    "S21.G00.60.005/SIG-12": Compare("S21.G00.60.005", "<=", FILE_DATE, when=_EVENT),
    "S21.G00.60.006/CCH-11": RequiredIff("S21.G00.60.006", Eq("S21.G00.60.004", "01")),
    "S21.G00.60.006/CCH-12": Compare("S21.G00.60.006", ">=", "S21.G00.60.005"),
    "S21.G00.60.007/CCH-11": Required("S21.G00.60.007", when=Eq("S21.G00.60.004", "01")),
    "S21.G00.60.008/CCH-11": Required("S21.G00.60.008", when=Eq("S21.G00.60.004", "01")),
    "S21.G00.60.010/CCH-11": Check(
        "S21.G00.60.010", _reprise_dates, reads=[START, "S21.G00.60.002"],
        cases=[
            ({"S21.G00.60.010": "20032026", START: "01012026", "S21.G00.60.002": "10032026"}, True),
            ({"S21.G00.60.010": "20032026", START: "25032026"}, False),
            ({"S21.G00.60.010": "20032026", START: "01012026", "S21.G00.60.002": "25032026"}, False),
        ],
    ),
    "S21.G00.60.010/CCH-12": _copy_of("S21.G00.60.011/CCH-12"),
    "S21.G00.60.010/SIG-12": _MONTHLY_DATATION,
    "S21.G00.60.010/SIG-13": Compare("S21.G00.60.010", "<=", FILE_DATE, when=_EVENT),
    "S21.G00.60.011/CCH-12": ValueNotIn("S21.G00.60.011", ["02"], when=_NOT_MONTHLY_OR_FCTU),
    "S21.G00.60.011/CCH-16": _copy_of("S21.G00.60.002/CCH-16"),
    "S21.G00.60.011/CCH-17": _copy_of("S21.G00.60.002/CCH-17"),
    "S21.G00.60.011/CCH-18": _copy_of("S21.G00.60.002/CCH-18"),
    "S21.G00.60.012/CCH-11": RequiredIff("S21.G00.60.012", Eq("S21.G00.60.001", "04", "05", "06")),
    "S21.G00.60.012/SIG-13": Compare("S21.G00.60.012", "<=", FILE_DATE, when=_EVENT),
    "S21.G00.60.012/SIG-14": Compare("S21.G00.60.012", ">=", START),
    # -- S21.G00.62 Fin du contrat
    "S21.G00.62.001/CCH-11": Compare("S21.G00.62.001", ">=", "S21.G00.62.004"),
    "S21.G00.62.001/SIG-13": _MONTHLY_DATATION,
    "S21.G00.62.002/CCH-11": Check(
        "S21.G00.62.002", _motif_nature, reads=["S21.G00.40.007", "S21.G00.40.008"],
        cases=[
            ({"S21.G00.62.002": "031", "S21.G00.40.007": "02"}, True),
            ({"S21.G00.62.002": "031", "S21.G00.40.007": "01"}, False),
            ({"S21.G00.62.002": "036", "S21.G00.40.007": "01", "S21.G00.40.008": "64"}, True),
            ({"S21.G00.62.002": "036", "S21.G00.40.007": "01", "S21.G00.40.008": "21"}, False),
            ({"S21.G00.62.002": "081", "S21.G00.40.007": "92", "S21.G00.40.008": "81"}, True),
            ({"S21.G00.62.002": "081", "S21.G00.40.007": "01", "S21.G00.40.008": "81"}, False),
            ({"S21.G00.62.002": "066", "S21.G00.40.007": "01"}, True),
        ],
    ),
    "S21.G00.62.002/CCH-12": ValueNotIn("S21.G00.62.002", ["100", "116", "998", "999"], when=Nature("07")),
    "S21.G00.62.002/CCH-13": ValueNotIn("S21.G00.62.002", ["099"], when=Not(Nature("01"))),
    "S21.G00.62.002/CCH-14": ValueNotIn("S21.G00.62.002", ["116"], when=NotEq("S21.G00.40.020", "136")),
    "S21.G00.62.003/CCH-11": Check(
        "S21.G00.62.003", _between_start_and_end("S21.G00.62.003", end_needs_motif=False),
        reads=[START, "S21.G00.62.001"],
        cases=[
            ({"S21.G00.62.003": "01032026", START: "01012020", "S21.G00.62.001": "31032026"}, True),
            ({"S21.G00.62.003": "01032026", START: "02032026"}, False),
            ({"S21.G00.62.003": "01042026", START: "01012020", "S21.G00.62.001": "31032026"}, False),
        ],
    ),
    "S21.G00.62.003/CCH-12": Required(
        "S21.G00.62.003",
        when=Eq(
            "S21.G00.62.002",
            "011", "012", "014", "015", "020", "025", "034", "035", "036", "037", "058", "059", "082",
            "083", "087", "088", "089", "095", "096", "097", "111", "112", "113", "115", "117",
        ),
        message=N_("{rubrique} is required for the « Motif de la rupture du contrat » (S21.G00.62.002) given; it is missing."),
    ),
    "S21.G00.62.004/CCH-11": Required("S21.G00.62.004", when=Eq("S21.G00.62.002", "043", "110", "111")),
    "S21.G00.62.005/CCH-11": Compare("S21.G00.62.005", "<=", "S21.G00.62.001"),
    "S21.G00.62.005/CCH-12": Required(
        "S21.G00.62.005",
        when=Eq(
            "S21.G00.62.002",
            "011", "012", "014", "015", "020", "026", "086", "087", "088", "089", "091", "092", "093",
            "111", "112", "113", "114", "115", "117",
        ),
        message=N_("{rubrique} is required for the « Motif de la rupture du contrat » (S21.G00.62.002) given; it is missing."),
    ),
    "S21.G00.62.006/CCH-12": Check(
        "S21.G00.62.006", _last_paid_before_notice, scope="S21.G00.62",
        reads=["S21.G00.63.001", "S21.G00.63.002"],
        cases=[
            ({"S21.G00.62.006": "10032026", "S21.G00.63.001": "02", "S21.G00.63.002": "11032026"}, True),
            ({"S21.G00.62.006": "11032026", "S21.G00.63.001": "01", "S21.G00.63.002": "11032026"}, True),
            ({"S21.G00.62.006": "11032026", "S21.G00.63.001": "02", "S21.G00.63.002": "11032026"}, False),
        ],
    ),
    "S21.G00.62.006/CCH-14": Required("S21.G00.62.006", when=Eq("S21.G00.40.007", "03")),
    "S21.G00.62.006/CCH-15": Check(
        "S21.G00.62.006", _between_start_and_end("S21.G00.62.006", end_needs_motif=True),
        reads=[START, "S21.G00.62.001", "S21.G00.62.002"],
        cases=[
            ({"S21.G00.62.006": "10032026", START: "01012026", "S21.G00.62.001": "31032026", "S21.G00.62.002": "031"}, True),
            ({"S21.G00.62.006": "10042026", START: "01012026", "S21.G00.62.001": "31032026", "S21.G00.62.002": "099"}, True),
            ({"S21.G00.62.006": "10042026", START: "01012026", "S21.G00.62.001": "31032026", "S21.G00.62.002": "031"}, False),
            ({"S21.G00.62.006": "10032026", START: "15032026"}, False),
        ],
    ),
    "S21.G00.62.006/CCH-16": Required(
        "S21.G00.62.006", when=And(NotEq("S21.G00.62.002", "099"), Eq("S21.G00.40.021", "05"))
    ),
    "S21.G00.62.011/CCH-11": RequiredIff("S21.G00.62.011", Eq("S21.G00.62.002", "026")),
    "S21.G00.62.013/CCH-11": Required("S21.G00.62.013", when=Eq("S21.G00.62.002", "026", "114")),
    "S21.G00.62.017/CCH-11": Required(
        "S21.G00.62.017",
        when=And(
            Eq("S21.G00.40.007", "02", "10"),
            Eq("S21.G00.40.021", "05"),
            Present("S21.G00.62.001"),
            NotEq("S21.G00.62.002", "099"),
        ),
    ),
    "S21.G00.62.017/CCH-12": ValueNotIn(
        "S21.G00.62.017", ["01"],
        when=Not(And(
            Eq("S21.G00.40.007", "02", "10"),
            Eq("S21.G00.40.021", "05"),
            Eq("S21.G00.62.002", "031", "099"),
            Present("S21.G00.62.006"),
        )),
        message=N_(
            "{rubrique}: the value {value} is allowed only for a contract of nature 02 or 10 with motif de recours 05, "
            "a motif de rupture 031 or 099 and a « Dernier jour travaillé et payé au salaire habituel » (S21.G00.62.006)."
        ),
    ),
    "S21.G00.62.018/CCH-11": RequiredIff("S21.G00.62.018", Eq("S21.G00.62.002", "114")),
    "S21.G00.62.019/CCH-12": Forbidden("S21.G00.62.019", when=NotEq("S21.G00.40.020", "136")),
    "S21.G00.62.021/CCH-11": Forbidden("S21.G00.62.021", when=Eq("S21.G00.40.007", "01", "07", "08", "09", "10")),
    # -- S21.G00.63 Préavis
    "S21.G00.63.001/CCH-11": ValueIn("S21.G00.63.001", ["60", "90"], when=Eq("S21.G00.62.002", "034", "035")),
    "S21.G00.63.001/CCH-12": ValueIn("S21.G00.63.001", ["90"], when=Eq("S21.G00.62.002", "043", "110")),
    "S21.G00.63.001/CCH-13": ValueIn("S21.G00.63.001", ["10", "90"], when=Eq("S21.G00.62.002", "026")),
    "S21.G00.63.001/CCH-14": Check(
        "S21.G00.63.001", _pap_notice, reads=["S21.G00.62.002", "S21.G00.63.002", "S21.G00.63.003"],
        cases=[
            ({"S21.G00.63.001": "61", "S21.G00.62.002": "114", "S21.G00.63.002": "01032026", "S21.G00.63.003": "31052026"}, True),
            ({"S21.G00.63.001": "02", "S21.G00.62.002": "114", "S21.G00.63.002": "01032026", "S21.G00.63.003": "31052026"}, False),
            ({"S21.G00.63.001": "61", "S21.G00.62.002": "114", "S21.G00.63.002": "01032026", "S21.G00.63.003": "02062026"}, False),
            ({"S21.G00.63.001": "02", "S21.G00.62.002": "114", "S21.G00.63.002": "01032026", "S21.G00.63.003": "02062026"}, True),
            ({"S21.G00.63.001": "61", "S21.G00.62.002": "020"}, False),
            ({"S21.G00.63.001": "01", "S21.G00.62.002": "020"}, True),
        ],
    ),
    "S21.G00.63.002/CCH-11": RequiredIff("S21.G00.63.002", Eq("S21.G00.63.001", *_NOTICE_WITH_DATES)),
    "S21.G00.63.002/CCH-13": Compare("S21.G00.63.002", ">=", "S21.G00.62.003", when=Not(Eq("S21.G00.63.001", "90"))),
    "S21.G00.63.002/CCH-14": Compare("S21.G00.63.002", ">=", "S21.G00.62.005", when=Not(Eq("S21.G00.63.001", "90"))),
    "S21.G00.63.002/CCH-16": Compare("S21.G00.63.002", ">=", START),
    "S21.G00.63.003/CCH-13": Compare("S21.G00.63.003", ">=", "S21.G00.63.002"),
    "S21.G00.63.003/CCH-14": RequiredIff("S21.G00.63.003", Eq("S21.G00.63.001", *_NOTICE_WITH_DATES)),
    # -- S21.G00.65 Autre suspension
    "S21.G00.65.001/SIG-11": Aggregate(
        "S21.G00.65.001", "S21.G00.30", "S20.G00.05", _short_time_collect, _short_time_verdict,
        reads=[NATURE, "S21.G00.51.011"],
        cases=[
            ({NATURE: "01", "S21.G00.65.001": "507", "S21.G00.51.011": "019"}, True),
            ({NATURE: "01", "S21.G00.65.001": "507", "S21.G00.51.011": "001"}, False),
            ({NATURE: "01", "S21.G00.65.001": "602"}, False),
            ({NATURE: "07", "S21.G00.65.001": "602"}, True),
            ({NATURE: "01", "S21.G00.65.001": "112"}, True),
        ],
    ),
    "S21.G00.65.002/CCH-11": Compare("S21.G00.65.002", ">=", START),
    "S21.G00.65.002/CCH-13": Check(
        "S21.G00.65.002", _suspension_before_end,
        reads=["S21.G00.65.001", "S21.G00.62.001", "S21.G00.62.002"],
        cases=[
            ({"S21.G00.65.001": "112", "S21.G00.65.002": "10032026", "S21.G00.62.001": "15032026", "S21.G00.62.002": "031"}, True),
            ({"S21.G00.65.001": "998", "S21.G00.65.002": "20032026", "S21.G00.62.001": "15032026", "S21.G00.62.002": "031"}, True),
            ({"S21.G00.65.001": "112", "S21.G00.65.002": "20032026", "S21.G00.62.001": "15032026", "S21.G00.62.002": "099"}, True),
            ({"S21.G00.65.001": "112", "S21.G00.65.002": "20032026", "S21.G00.62.001": "15032026", "S21.G00.62.002": "031"}, False),
        ],
    ),
    "S21.G00.65.002/SIG-12": _MONTHLY_DATATION,
    "S21.G00.65.003/CCH-11": Compare("S21.G00.65.003", ">=", "S21.G00.65.002"),
    "S21.G00.65.004/CCH-11": RequiredIff("S21.G00.65.004", Eq("S21.G00.65.001", "655", "674")),
    # -- S21.G00.66 Temps partiel thérapeutique
    "S21.G00.66.002/SIG-11": Compare("S21.G00.66.002", ">=", "S21.G00.66.001"),
    # -- S21.G00.70 Affiliation Prévoyance, 71, 72, 73
    "S21.G00.70.005/CCH-11": _copy_of("S21.G00.70.013/CCH-11"),
    "S21.G00.70.005/CCH-12": _copy_of("S21.G00.70.013/CCH-12"),
    "S21.G00.70.011/CCH-11": _copy_of("S21.G00.70.012/CCH-11"),
    "S21.G00.70.013/CCH-11": Check(
        "S21.G00.70.013", _adhesion_known, reads=["S21.G00.15.005"],
        cases=[
            ({"S21.G00.70.013": "1", "S21.G00.15.005": "1"}, True),
            ({"S21.G00.70.013": "1", "S21.G00.15.005": "2"}, False),
            ({"S21.G00.70.013": "1"}, False),
        ],
    ),
    "S21.G00.70.014/SIG-11": _MONTHLY_DATATION,
    "S21.G00.70.015/CCH-11": Compare("S21.G00.70.015", ">=", "S21.G00.70.014"),
    "S21.G00.70.015/SIG-12": _MONTHLY_DATATION,
    "S21.G00.71.002/CCH-13": Check(
        "S21.G00.71.002", _retc_status, reads=["S21.G00.40.002", "S21.G00.40.003"],
        cases=[
            ({"S21.G00.71.002": "RETC", "S21.G00.40.003": "01"}, True),
            ({"S21.G00.71.002": "RETC", "S21.G00.40.003": "04", "S21.G00.40.002": "04"}, True),
            ({"S21.G00.71.002": "RETC", "S21.G00.40.003": "04", "S21.G00.40.002": "03"}, False),
            ({"S21.G00.71.002": "RETA", "S21.G00.40.003": "04"}, True),
        ],
    ),
    # The rule refuses CRPCEN unless 40.016 is 01; its message gives the reason "not in the
    # Alsace-Moselle scheme", which 03 (Alsace-Moselle and CAMIEG) is in: refuse only what both
    # refuse.
    "S21.G00.71.002/SIG-11": ValueNotIn(
        "S21.G00.71.002", ["CRPCEN"], when=NotEq("S21.G00.40.016", "01", "03")
    ),
    "S21.G00.71.002/SIG-14": ValueIn("S21.G00.71.002", ["90000"], when=Eq("S21.G00.40.020", "140")),
    "S21.G00.72.001/CCH-11": Check(
        "S21.G00.72.001", _wrong_regime, reads=["S21.G00.71.002"],
        cases=[
            ({"S21.G00.72.001": "RETA", "S21.G00.71.002": "RETC"}, True),
            ({"S21.G00.72.001": "IRCANTEC", "S21.G00.71.002": "IRCANTEC"}, True),
            ({"S21.G00.72.001": "RETC", "S21.G00.71.002": "RETC"}, False),
        ],
    ),
    "S21.G00.73.004/SIG-11": _MONTHLY_DATATION,
    "S21.G00.73.005/CCH-11": Check(
        "S21.G00.73.005", _birth_year_range("S21.G00.73.005"),
        cases=[({"S21.G00.73.005": "01012010"}, True), ({"S21.G00.73.005": "01011900"}, False)],
    ),
    "S21.G00.73.007/CCH-11": Check(
        "S21.G00.73.007", _nir_department("S21.G00.73.007", "S21.G00.73.005"),
        reads=["S21.G00.73.005"],
        cases=[
            ({"S21.G00.73.007": "2100120123456", "S21.G00.73.005": "01011970"}, True),
            ({"S21.G00.73.007": "2100120123456", "S21.G00.73.005": "01012010"}, False),
        ],
    ),
    "S21.G00.73.007/CCH-12": Check(
        "S21.G00.73.007", _nir_nines("S21.G00.73.007"),
        cases=[({"S21.G00.73.007": _NIR_OK}, True), ({"S21.G00.73.007": "2100175999999"}, False)],
    ),
    "S21.G00.73.011/CCH-11": Compare("S21.G00.73.011", ">=", "S21.G00.73.004"),
    # -- S21.G00.85 Lieu de travail
    "S21.G00.85.001/CCH-11": Check(
        "S21.G00.85.001", _workplace_siren, reads=["S21.G00.85.010"],
        cases=[
            ({"S21.G00.85.001": "73282932000074", "S21.G00.85.010": "01"}, True),
            ({"S21.G00.85.001": "73282932100074", "S21.G00.85.010": "01"}, False),
            ({"S21.G00.85.001": "73282932100074", "S21.G00.85.010": "02"}, True),
        ],
    ),
    "S21.G00.85.001/CCH-12": Check(
        "S21.G00.85.001", _workplace_siret, reads=["S21.G00.85.010"],
        cases=[
            ({"S21.G00.85.001": "73282932000074", "S21.G00.85.010": "01"}, True),
            ({"S21.G00.85.001": "35600000000099", "S21.G00.85.010": "01"}, True),
            ({"S21.G00.85.001": "73282932000075", "S21.G00.85.010": "01"}, False),
        ],
    ),
    "S21.G00.85.001/CCH-13": Check(
        "S21.G00.85.001", _home_not_siret, reads=["S21.G00.85.010"],
        cases=[
            ({"S21.G00.85.001": "DOMICILE", "S21.G00.85.010": "03"}, True),
            ({"S21.G00.85.001": "73282932000074", "S21.G00.85.010": "01"}, True),
            ({"S21.G00.85.001": "73282932000074", "S21.G00.85.010": "03"}, False),
        ],
    ),
    "S21.G00.85.002/CCH-11": Required("S21.G00.85.002", when=Eq("S21.G00.85.010", "01")),
    "S21.G00.85.002/CCH-12": Aggregate(
        "S21.G00.85.002", CONTRACT, "S20.G00.05", _user_establishments_collect, _user_establishments_verdict,
        reads=["S21.G00.85.001", "S21.G00.40.046"],
        cases=[
            ({"S21.G00.40.046": "73282932000074", "S21.G00.85.001": "73282932000074", "S21.G00.85.002": "8411Z"}, True),
            ({"S21.G00.40.046": "73282932000074", "S21.G00.85.001": "44306184100047"}, True),
            ({"S21.G00.40.046": "73282932000074", "S21.G00.85.001": "73282932000074"}, False),
        ],
    ),
    "S21.G00.85.004/CCH-12": Check(
        "S21.G00.85.004", _address("S21.G00.85.004", "S21.G00.85.006", "S21.G00.85.007"),
        reads=["S21.G00.85.006", "S21.G00.85.007"],
        cases=[
            ({"S21.G00.85.004": "75001"}, True),
            ({"S21.G00.85.006": "DE", "S21.G00.85.007": "10115"}, True),
            ({"S21.G00.85.004": "75001", "S21.G00.85.007": "10115"}, False),
            ({"S21.G00.85.007": "10115"}, False),
        ],
    ),
    "S21.G00.85.005/CCH-11": Required("S21.G00.85.005", when=Present("S21.G00.85.004")),
    "S21.G00.85.010/CCH-12": _copy_of("S21.G00.85.001/CCH-12"),
    "S21.G00.85.010/CCH-13": _copy_of("S21.G00.85.001/CCH-13"),
    "S21.G00.85.011/CCH-11": Required("S21.G00.85.011", when=Absent("S21.G00.85.006")),
    # -- S21.G00.86 Ancienneté
    "S21.G00.86.001/CCH-12": Check(
        "S21.G00.86.001", _seniority_for_prevoyance, scope="S21.G00.30",
        triggers=["S21.G00.70"], guard=Nature("01", "07", "08"),
        reads=[NATURE, "S21.G00.40.007"],
        cases=[
            ({NATURE: "01", "S21.G00.40.007": "01", "S21.G00.70.012": "1", "S21.G00.86.001": "07"}, True),
            ({NATURE: "01", "S21.G00.40.007": "03", "S21.G00.70.012": "1"}, True),
            ({NATURE: "04", "S21.G00.40.007": "01", "S21.G00.70.012": "1"}, True),
            ({NATURE: "01", "S21.G00.40.007": "01"}, True),
            ({NATURE: "01", "S21.G00.40.007": "01", "S21.G00.70.012": "1", "S21.G00.86.001": "02"}, False),
            ({NATURE: "07", "S21.G00.40.007": "02", "S21.G00.70.012": "1"}, False),
        ],
    ),
    "S21.G00.86.001/CCH-14": Check(
        "S21.G00.86.001", _seniority_in_company, scope="S21.G00.30",
        triggers=[CONTRACT], guard=Nature("01"),
        reads=[NATURE, "S21.G00.40.007"],
        cases=[
            ({NATURE: "01", "S21.G00.40.007": "01", "S21.G00.86.001": "07"}, True),
            ({NATURE: "01", "S21.G00.40.007": "29"}, True),
            ({NATURE: "07", "S21.G00.40.007": "01"}, True),
            ({NATURE: "01", "S21.G00.40.007": "02", "S21.G00.86.001": "06"}, False),
            ({NATURE: "01", "S21.G00.40.007": "01"}, False),
        ],
    ),
    "S21.G00.86.003/CCH-11": Check(
        "S21.G00.86.003", _seniority_limit, reads=["S21.G00.86.002"],
        guard=Holds(_seniority_over, "S21.G00.86.003", "S21.G00.86.002"),
        cases=[
            ({"S21.G00.86.003": "99", "S21.G00.86.002": "03"}, True),
            ({"S21.G00.86.003": "100", "S21.G00.86.002": "03"}, False),
            ({"S21.G00.86.003": "1188", "S21.G00.86.002": "02"}, True),
            ({"S21.G00.86.003": "1189", "S21.G00.86.002": "02"}, False),
            ({"S21.G00.86.003": "36235", "S21.G00.86.002": "01"}, False),
        ],
    ),
    "S21.G00.86.003/CCH-12": Check(
        "S21.G00.86.003", _seniority_not_zero, reads=["S21.G00.86.001"],
        guard=Holds(_seniority_zero, "S21.G00.86.003", "S21.G00.86.001"),
        cases=[
            ({"S21.G00.86.003": "0", "S21.G00.86.001": "07"}, False),
            ({"S21.G00.86.003": "00", "S21.G00.86.001": "02"}, False),
            ({"S21.G00.86.003": "5", "S21.G00.86.001": "07"}, True),
        ],
    ),
    "S21.G00.86.005/CCH-11": Check(
        "S21.G00.86.005", _seniority_contract, reads=[CONTRACT_NO],
        cases=[
            ({"S21.G00.86.005": "C0001", CONTRACT_NO: "C0001"}, True),
            ({"S21.G00.86.005": "C0001", CONTRACT_NO: "C0002"}, False),
        ],
    ),
    # -- S21.G00.98 SATD
    "S21.G00.98.004/CCH-11": Check(
        "S21.G00.98.004", _error_month, reads=[MAIN_MONTH],
        cases=[
            ({"S21.G00.98.004": "022026", MAIN_MONTH: "01032026"}, True),
            ({"S21.G00.98.004": "122025", MAIN_MONTH: "01012026"}, True),
            ({"S21.G00.98.004": "032026", MAIN_MONTH: "01032026"}, False),
            ({"S21.G00.98.004": "012027", MAIN_MONTH: "01032026"}, False),
        ],
    ),
}


# ----------------------------------------------------------------------------- two occurrences
# Each of these needs two occurrences of one block to fail: their cases are written as lines.
def _earlier_siblings(occ: Occurrence) -> list[Occurrence]:
    """Occurrences of the same block before this one under the same parent."""
    if occ.parent is None:
        return []
    out = []
    for child in occ.parent.children:
        if child is occ:
            break
        if child.block == occ.block:
            out.append(child)
    return out


def _unique_in_declaration(code: str):
    def collect(occ: Occurrence, acc: dict) -> None:
        value = occ.values.get(code)
        if value is None:
            return
        seen = acc.setdefault("seen", set())
        if value in seen:
            acc.setdefault("twice", occ.lines.get(code) or occ.line)
        else:
            seen.add(value)

    def verdict(occ: Occurrence, acc: dict, ctx: RuleContext) -> tuple[str, int] | None:
        if "twice" not in acc:
            return None
        return (
            _("{rubrique}: an individual of the declaration has the same value as an earlier one.").format(
                rubrique=_q(ctx.norm, code)
            ),
            acc["twice"],
        )

    return collect, verdict


def _notices_contiguous(occ: Occurrence, ctx: RuleContext) -> tuple[str, int] | None:
    periods = []
    for notice in occ.child_blocks("S21.G00.63"):
        start = parse_date(notice.values.get("S21.G00.63.002"))
        end = parse_date(notice.values.get("S21.G00.63.003"))
        if start is not None and end is not None:
            periods.append((start, end, notice))
    if len(periods) < 2:
        return None
    periods.sort(key=lambda p: (p[0], p[1]))
    for (_s, end, _n), (start, _e, notice) in zip(periods, periods[1:], strict=False):
        if start != end + dt.timedelta(days=1):
            return (
                _("The notice periods must follow each other without gap or overlap: one ends on {end} and the next starts on {start}.").format(
                    end=_v(end.strftime("%d%m%Y")), start=_v(notice.values["S21.G00.63.002"])
                ),
                notice.lines.get("S21.G00.63.002") or notice.line,
            )
    return None


_SAME_CONTRACT_FEATURES = ("S21.G00.40.002", "S21.G00.40.003", "S21.G00.40.008", "S21.G00.40.017")


def _affiliation_ids(occ: Occurrence, ctx: RuleContext) -> tuple[str, int] | None:
    if occ.get(NATURE) != "01":
        return None
    groups: dict[str, list[tuple[Occurrence, Occurrence]]] = {}
    for contract in occ.child_blocks(CONTRACT):
        for affiliation in contract.child_blocks("S21.G00.70"):
            key = affiliation.values.get("S21.G00.70.012")
            if key is not None:
                groups.setdefault(key, []).append((contract, affiliation))
    for key, members in groups.items():
        if len(members) < 2:
            continue
        contracts = [c for c, _a in members]
        affiliations = [a for _c, a in members]
        allowed = (
            all(c.values.get("S21.G00.40.007") == "03" for c in contracts)
            and len({a.values.get("S21.G00.70.013") for a in affiliations}) == 1
            and len({(a.values.get("S21.G00.70.004"), a.values.get("S21.G00.70.005")) for a in affiliations}) == 1
            and len({tuple(c.values.get(f) for f in _SAME_CONTRACT_FEATURES) for c in contracts}) == 1
        )
        if not allowed:
            second = affiliations[1]
            return (
                _("{rubrique} {value} is given to several affiliations of the individual; this is allowed only for mission contracts (03) with the same adhesion, option, population and contract features.").format(
                    rubrique=_q(ctx.norm, "S21.G00.70.012"), value=_v(key)
                ),
                second.lines.get("S21.G00.70.012") or second.line,
            )
    return None


_TRIPLE = ("S21.G00.70.004", "S21.G00.70.005", "S21.G00.70.013")


def _affiliation_triple(occ: Occurrence, ctx: RuleContext) -> str | None:
    mine = tuple(occ.values.get(c) for c in _TRIPLE)
    if any(v is None for v in mine):
        return None
    for other in _earlier_siblings(occ):
        if tuple(other.values.get(c) for c in _TRIPLE) == mine:
            return _("Two blocks {block} of the same contract have the same option, population and adhesion ({values}).").format(
                block=_q(ctx.norm, "S21.G00.70"), values=", ".join(_v(v) for v in mine)
            )
    return None


def _no_pension_alone(occ: Occurrence, ctx: RuleContext) -> str | None:
    earlier = _earlier_siblings(occ)
    if not earlier:
        return None
    if occ.values.get("S21.G00.71.002") == "90000" or any(o.values.get("S21.G00.71.002") == "90000" for o in earlier):
        return _("A block {block} « 90000 - pas de régime complémentaire » must be the only one of its contract.").format(
            block=_q(ctx.norm, "S21.G00.71")
        )
    return None


def _seniority_unique(occ: Occurrence, ctx: RuleContext) -> str | None:
    kind = occ.values.get("S21.G00.86.001")
    if kind is None:
        return None
    number = occ.values.get("S21.G00.86.005")
    for other in _earlier_siblings(occ):
        if other.values.get("S21.G00.86.001") == kind and other.values.get("S21.G00.86.005") == number:
            return _("Two blocks {block} of the same contract have the same {type} {value}.").format(
                block=_q(ctx.norm, "S21.G00.86"), type=_q(ctx.norm, "S21.G00.86.001"), value=_v(kind)
            )
    return None


_SIREN = "732829320"


def _people(code: str, first: str, second: str, *, two_establishments: bool = False) -> list[tuple[str, str]]:
    """Two individuals of one declaration, as lines (for the duplicate rules' cases); with
    two_establishments, each in its own establishment."""
    head = [(NATURE, "01"), ("S21.G00.06.001", _SIREN), ("S21.G00.11.001", "00074")]
    other = [("S21.G00.11.001", "00082")] if two_establishments else []
    return [*head, (code, first), ("S21.G00.30.002", "A"), *other, (code, second), ("S21.G00.30.002", "B")]


def _affiliated_contract(nature: str, affiliation: str, adhesion: str = "1", option: str = "1",
                         population: str = "1", status: str = "01") -> list[tuple[str, str]]:
    """A contract with one Affiliation Prévoyance, as lines."""
    return [
        ("S21.G00.40.001", "01012026"), ("S21.G00.40.003", status), ("S21.G00.40.007", nature),
        ("S21.G00.70.004", option), ("S21.G00.70.005", population),
        ("S21.G00.70.012", affiliation), ("S21.G00.70.013", adhesion),
    ]


def _individual_with(*contracts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("S21.G00.30.001", _NIR_OK), *(line for contract in contracts for line in contract)]


def _notices(*periods: tuple[str, str, str]) -> list[tuple[str, str]]:
    """A contract end (motif 059) with notices (type, start, end), as lines."""
    lines = [("S21.G00.62.001", "31032026"), ("S21.G00.62.002", "059")]
    for kind, start, end in periods:
        lines += [("S21.G00.63.001", kind), ("S21.G00.63.002", start), ("S21.G00.63.003", end)]
    return lines


def _triple(option: str, population: str, adhesion: str) -> list[tuple[str, str]]:
    return [("S21.G00.70.004", option), ("S21.G00.70.005", population), ("S21.G00.70.013", adhesion)]


RULES.update({
    "S21.G00.30.001/CCH-14": Aggregate(
        "S21.G00.30.001", "S21.G00.30", "S20.G00.05", *_unique_in_declaration("S21.G00.30.001"),
        cases=[
            ({"lines": _people("S21.G00.30.001", _NIR_OK, _NIR_OK[:-1] + "9")}, True),
            ({"lines": _people("S21.G00.30.001", _NIR_OK, _NIR_OK)}, False),
            # The same NIR in two establishments of the declaration.
            ({"lines": _people("S21.G00.30.001", _NIR_OK, _NIR_OK, two_establishments=True)}, False),
        ],
    ),
    "S21.G00.30.020/CCH-14": Aggregate(
        "S21.G00.30.020", "S21.G00.30", "S20.G00.05", *_unique_in_declaration("S21.G00.30.020"),
        cases=[
            ({"lines": _people("S21.G00.30.020", f"1{_SIREN}0001", f"1{_SIREN}0002")}, True),
            ({"lines": _people("S21.G00.30.020", f"1{_SIREN}0001", f"1{_SIREN}0001")}, False),
            ({"lines": _people("S21.G00.30.020", f"1{_SIREN}0001", f"1{_SIREN}0001", two_establishments=True)}, False),
        ],
    ),
    "S21.G00.63.002/CCH-15": Check(
        "S21.G00.63.002", _notices_contiguous, scope="S21.G00.62",
        reads=["S21.G00.63.003"],
        cases=[
            ({"lines": _notices(("01", "01032026", "31032026"))}, True),
            ({"lines": _notices(("01", "01032026", "15032026"), ("02", "16032026", "31032026"))}, True),
            # Contiguous, declared in another order.
            ({"lines": _notices(("02", "16032026", "31032026"), ("01", "01032026", "15032026"))}, True),
            # A gap between the two notice periods.
            ({"lines": _notices(("01", "01032026", "15032026"), ("02", "20032026", "31032026"))}, False),
            # Overlapping periods.
            ({"lines": _notices(("01", "01032026", "20032026"), ("02", "16032026", "31032026"))}, False),
        ],
    ),
    "S21.G00.70.012/CCH-11": Check(
        "S21.G00.70.012", _affiliation_ids, scope="S21.G00.30",
        triggers=["S21.G00.70"], guard=Nature("01"),
        reads=[NATURE, "S21.G00.70.004", "S21.G00.70.005", "S21.G00.70.013", "S21.G00.40.007", *_SAME_CONTRACT_FEATURES],
        cases=[
            ({NATURE: "01", "lines": _individual_with(_affiliated_contract("01", "1"), _affiliated_contract("01", "2"))}, True),
            ({NATURE: "01", "lines": _individual_with(_affiliated_contract("01", "1"), _affiliated_contract("01", "1"))}, False),
            # Mission contracts alike, same adhesion, option and population: the identifier may repeat.
            ({NATURE: "01", "lines": _individual_with(_affiliated_contract("03", "1"), _affiliated_contract("03", "1"))}, True),
            # ... but not when one contract is not a mission,
            ({NATURE: "01", "lines": _individual_with(_affiliated_contract("03", "1"), _affiliated_contract("01", "1"))}, False),
            # nor with another adhesion, another population, or another statut catégoriel.
            ({NATURE: "01", "lines": _individual_with(_affiliated_contract("03", "1"), _affiliated_contract("03", "1", adhesion="2"))}, False),
            ({NATURE: "01", "lines": _individual_with(_affiliated_contract("03", "1"), _affiliated_contract("03", "1", population="2"))}, False),
            ({NATURE: "01", "lines": _individual_with(_affiliated_contract("03", "1"), _affiliated_contract("03", "1", status="02"))}, False),
            # Only monthly DSNs (and their fractions) are concerned.
            ({NATURE: "07", "lines": _individual_with(_affiliated_contract("01", "1"), _affiliated_contract("01", "1"))}, True),
        ],
    ),
    "S21.G00.70.013/CCH-12": Check(
        "S21.G00.70.013", _affiliation_triple, reads=list(_TRIPLE),
        cases=[
            ({"lines": [*_triple("1", "2", "1"), *_triple("1", "2", "2")]}, True),
            ({"lines": [*_triple("1", "2", "1"), *_triple("1", "3", "1")]}, True),
            ({"lines": [*_triple("1", "2", "1"), *_triple("1", "2", "1")]}, False),
            # The same triple under two contracts.
            ({"lines": [*_triple("1", "2", "1"), ("S21.G00.40.001", "01022026"), *_triple("1", "2", "1")]}, True),
        ],
    ),
    "S21.G00.71.002/CCH-12": Check(
        "S21.G00.71.002", _no_pension_alone,
        cases=[
            ({"lines": [("S21.G00.71.002", "90000")]}, True),
            ({"lines": [("S21.G00.71.002", "RUAA"), ("S21.G00.71.002", "IRCANTEC")]}, True),
            ({"lines": [("S21.G00.71.002", "RUAA"), ("S21.G00.71.002", "90000")]}, False),
            ({"lines": [("S21.G00.71.002", "90000"), ("S21.G00.71.002", "RUAA")]}, False),
            # A 90000 block and a pension of another contract.
            ({"lines": [("S21.G00.71.002", "90000"), ("S21.G00.40.001", "01022026"), ("S21.G00.71.002", "RUAA")]}, True),
        ],
    ),
    "S21.G00.86.001/CCH-13": Check(
        "S21.G00.86.001", _seniority_unique, reads=["S21.G00.86.005"],
        cases=[
            ({"lines": [("S21.G00.86.001", "07"), ("S21.G00.86.005", "C0001"), ("S21.G00.86.001", "07"), ("S21.G00.86.005", "C0002")]}, True),
            ({"lines": [("S21.G00.86.001", "07"), ("S21.G00.86.005", "C0001"), ("S21.G00.86.001", "02"), ("S21.G00.86.005", "C0001")]}, True),
            ({"lines": [("S21.G00.86.001", "07"), ("S21.G00.86.005", "C0001"), ("S21.G00.86.001", "07"), ("S21.G00.86.005", "C0001")]}, False),
        ],
    ),
})
