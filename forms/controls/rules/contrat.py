"""CCH and SIG controls of the contract, S21.G00.40 (Contrat: contrat de travail, convention,
mandat).

How the rules reach other blocks. A contract reads its individual (30), establishment (11),
company (06), declaration (20.05) and envoi (10.00) with `occ.get`; its own children (62 Fin du
contrat, 65 Autre suspension, 71 Retraite complémentaire) are walked from the contract. Rules
that need the individual's pay blocks (50 > 51 > 53) are scoped at S21.G00.30 (pay blocks come
after the contracts) and report the line of the contract at fault. Rules that need the work
places (S21.G00.85, which follow all individuals under S20.G00.05) are `Aggregate`s scoped at
S20.G00.05: each contract gives its identifiers, the declaration's 85 blocks are read when it
closes; one finding per declaration lists the identifiers that no 85 block carries.

Private helpers (the DSL lacks them): `_Begins(code, prefix, yes)`, "X begins / does not
begin with …"; `_Referenced`, the Aggregate over 40 and 85. A Check scoped above the contract
returns (message, line) to report the line of the contract at fault.

Readings we had to choose (the narrowest certain one, unless said otherwise):
- "… n'est autorisé que pour / si <rubrique> = v" and "… si <rubrique> est différente de v":
  the other rubrique must be given (its absence is the usage controls' finding), except for the
  optional PCS-ESE complement (40.005) in 11/SIG-14, whose absence does mean "not 49".
- An absent rubrique that a rule wants "renseignée avec une valeur …" is left to the usage
  controls (ValueIn judges a given value): 003/CCH-11, 003/SIG-12, 003/SIG-15, 005/CCH-19,
  029/CCH-11, 033/CCH-12, 039/CCH-11, 040/CCH-11, 040/CCH-12, 040/CCH-15, 074/CCH-11.
  The SIRET of the establishment is 06.001 + 11.001; when either is missing it is not compared.
- 001/CCH-13: start after the end date of the contract's block 62 whose reason is given and is
  not 099 (the rule says "inférieure ou égale", its message blames "supérieure ou égale": only
  the rule's, narrower, failure is reported); no check when a 62 of reason 099 is present
  ("ne s'applique pas lorsqu'une annulation de fin de contrat est déclarée").
- 003/CCH-16 and 003/CCH-17 are cut in CT2026 inside the name of 71.002; up to there they match
  CT2024 except the label of code 134 (SNCF → branche ferroviaire): CT2024's lists are used
  (RETC, RUAA, CNBF; RETA, RUAA). The block 71 is the contract's (71 is a child of 40); a
  contract with no block 71 at all is left to the cardinality check of the block.
- 005/CCH-11 … -14 and SIG-20 ("si et seulement si"): with the PCS-ESE code given the listed
  complement is required; without it the listed complements are refused (an absent PCS-ESE code
  is not one of the listed codes).
- 009/CCH-13, 011/CCH-15, 078/CCH-11 need pay blocks: they judge only individuals that have a
  Versement (S21.G00.50); natures 04, 05 and 10 carry none, and a monthly without one is the
  cardinality check's finding. 011/CCH-15 and 078/CCH-11 look for the activity (53) and the
  pay line (51) in the whole individual (the texts do not tie them to the contract); 078/CCH-12
  looks for the suspension (65) under any contract of the individual ("pour l'individu").
- 011/CCH-15: a block 62 exempts the contract when its end date is before the first day of the
  main month and its reason is not 099 (an absent reason exempts too); with a 62 and no readable
  main month nothing is said.
- 012/CCH-11: "unité inférieure ou égale à 21" is read on the code (10, 12, 20, 21).
- 014/CCH-11, 053/CCH-11 ("branche ferroviaire" in CT2026, "SNCF" in CT2024): complete rules,
  messages cut; implemented from the CT2026 rule.
- 018/CCH-14: "300 autorisé si et seulement si le point de dépôt est 02": 300 is refused when
  the point of deposit is given and is not 02. The converse (a deposit at the MSA with another
  régime) is not read into it: the message only ever blames a 300 outside the MSA.
- 020/CCH-13, -15, -16, -17 are cut in CT2026 inside their lists of forbidden contract natures
  (and CT2024 does not have them): only the natures read in full are refused (995, 997, 994:
  01, 02, 03, 07; 998: 01, 02, 03, 07, 08).
- 040/CCH-12 and 046/CCH-11 follow CT2026 (752EE added; natures 53 and 54 added): their rules
  are complete, only their messages are cut. 043/SIG-11 and 008/CCH-17: rule complete, message
  cut. 082/CCH-11: rule complete (only for nature 10), message cut.
- 043/SIG-11: judged only when 40.040 is given.
- 029/SIG-12 (required for a public employer, 11.017 = 02 or 03) is the only rule here that
  asks a contract rubrique on a condition outside the contract: it is not applied in natures
  04 and 05, whose contract carries only its identifying data (DSN-Val forbade the twenty other
  contract rubriques it was shown in a 04, see shared/spec/usages/README.md).
- 019/CCH-11 and 046/CCH-13: an identifier is matched against S21.G00.85.001 of the same
  declaration; a workplace identifier equal to the establishment's SIRET needs no 85.
- 031/SIG-13 follows the project's policy for the datation of event DSNs (§4.4.13): not later
  than S20.G00.05.007 for natures 04, 05 and 07. The monthly datation (§4.4.12: 001/SIG-14,
  030/SIG-12) is not in the material.

Not decidable here (see each entry): tables we lack (NEH, nomenclature des emplois du
spectacle), texts cut inside an allow-list (007/CCH-11, 008/CCH-15) or before their
requirement (082/CCH-12), and the CT2026 entries that the extract cuts at about 100
characters and that CT2024 does not have: they repeat the opening and the id of a control of
a neighbouring rubrique (a row of the PDF's table repeated under the next rubrique; CT2025
shows the same artefact), e.g. 013/CCH-13 opens like 011/CCH-13. 013/CCH-11 is of that kind
too: its text is word for word the first sentence of 012/CCH-11, cut at the same length, and
the official CT2024 workbook has no such control on 013; it is not applied to 013.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from forms.controls.common import amount as _amount
from forms.controls.common import cases as _cases
from forms.controls.common import line_of as _at
from forms.controls.common import plain as _v
from forms.controls.common import quote as _q
from forms.controls.dsl import (
    EXTERNAL_TABLE,
    TEXT_INCOMPLETE,
    Absent,
    Aggregate,
    And,
    Below,
    Check,
    CmpCond,
    Compare,
    Cond,
    Const,
    Eq,
    Example,
    Forbidden,
    HasChild,
    Nature,
    Not,
    NotDecidable,
    NotEq,
    Present,
    Required,
    RequiredIff,
    RuleContext,
    ValueIn,
    ValueNotIn,
)
from forms.controls.syntax import parse_date
from forms.dsn.tree import Occurrence
from forms.i18n import _
from forms.norm import Norm

# ----------------------------------------------------------------------------- codes
NATURE = "S20.G00.05.001"
MAIN_MONTH = "S20.G00.05.005"
FILE_DATE = "S20.G00.05.007"
DEPOSIT = "S10.G00.00.007"
SIREN = "S21.G00.06.001"
NIC = "S21.G00.11.001"
LEGAL_NATURE = "S21.G00.11.017"
BIRTH = "S21.G00.30.006"

B30, B40, B50, B51, B53 = "S21.G00.30", "S21.G00.40", "S21.G00.50", "S21.G00.51", "S21.G00.53"
B62, B65, B71, B85, DECL = "S21.G00.62", "S21.G00.65", "S21.G00.71", "S21.G00.85", "S20.G00.05"


def _c(n: str) -> str:
    return f"S21.G00.40.{n}"


START, STATUS, CATEGORY, PCS, PCS_COMP = _c("001"), _c("002"), _c("003"), _c("004"), _c("005")
NATURE_C, SCHEME, NUMBER, FORESEEN_END = _c("007"), _c("008"), _c("009"), _c("010")
UNIT, REF_QUOTITE, QUOTITE, WORKTIME = _c("011"), _c("012"), _c("013"), _c("014")
SICKNESS, WORKPLACE, OLD_AGE, REASON = _c("018"), _c("019"), _c("020"), _c("021")
CP_FUND, ABROAD, JOB_STATUS = _c("022"), _c("024"), _c("026")
AC_ASSIGN, AC_TYPE, AC_JOIN, AC_END, AC_EFFECT, AC_CONV = (
    _c("027"), _c("029"), _c("030"), _c("031"), _c("032"), _c("033"),
)
AT_REGIME, AT_RISK, AT_RATE, USER_SITE = _c("039"), _c("040"), _c("043"), _c("046")
POST_NATURE = _c("053")
OLD_EMPLOYER, PART_TIME_FORM, MAD = _c("062"), _c("078"), _c("074")

END_DATE, END_REASON = "S21.G00.62.001", "S21.G00.62.002"
SUSP_REASON, SUSP_START = "S21.G00.65.001", "S21.G00.65.002"
RC_REGIME = "S21.G00.71.002"
WORKPLACE_ID = "S21.G00.85.001"
PAY_CONTRACT, PAY_TYPE, PAY_HOURS = "S21.G00.51.010", "S21.G00.51.011", "S21.G00.51.012"

NOT_CONCERNED = Eq(JOB_STATUS, "99")

Found = tuple[str, int] | None


# ----------------------------------------------------------------------------- helpers
def _vals(norm: Norm, code: str, values: Sequence[str]) -> str:
    """« v - label », … or « w - label » (the DSL's wording)."""
    words = [f"« {v} - {label} »" if (label := norm.code_label(code, v)) else f"« {v} »" for v in values]
    if len(words) == 1:
        return words[0]
    return _("{first} or {last}").format(first=", ".join(words[:-1]), last=words[-1])


def _siret(occ: Occurrence) -> str | None:
    siren, nic = occ.get(SIREN), occ.get(NIC)
    return siren + nic if siren and nic else None


@dataclass(frozen=True)
class _Begins(Cond):
    """Given and beginning (yes) or not beginning (not yes) with prefix."""

    code: str
    prefix: str
    yes: bool = True

    def test(self, occ: Occurrence) -> bool:
        value = occ.get(self.code)
        return value is not None and value.startswith(self.prefix) == self.yes

    def describe(self, norm: Norm) -> str:
        text = _("{rubrique} begins with {prefix}") if self.yes else _("{rubrique} does not begin with {prefix}")
        return text.format(rubrique=_q(norm, self.code), prefix=f"« {self.prefix} »")

    def reads(self) -> frozenset[str]:
        return frozenset({self.code})

    def triggers(self, scope: str) -> frozenset[str] | None:
        return frozenset({self.code}) if self.code[:10] == scope else None

    def example(self, norm: Norm, truth: bool) -> Example | None:
        r = norm.rubriques.get(self.code)
        if r is None:
            return None
        begins = truth == self.yes
        candidates = [self.prefix + "0" * n for n in range(0, 10)] + [self.prefix + "A" * n for n in range(1, 10)]
        if not begins:
            candidates = ["0" * n for n in range(1, 11)] + ["A" * n for n in range(1, 11)]
        for c in candidates:
            if c.startswith(self.prefix) == begins and r.min_length <= len(c) <= r.max_length:
                if r.regex is None or r.regex.fullmatch(c):
                    return {self.code: c}
        return None


class _Referenced(Aggregate):
    """Each identifier that a contract gives (`pick`) must be S21.G00.85.001 of a block 85 of
    the same declaration. Collects from the contracts, judges when the declaration closes."""

    def __init__(
        self,
        target: str,
        pick: Callable[[Occurrence], str | None],
        cases: Sequence[tuple[Example, bool]],
        reads: Sequence[str] = (),
    ) -> None:
        super().__init__(
            target, each=B40, scope=DECL, collect=self._collect, verdict=self._verdict,
            reads=[*reads, WORKPLACE_ID], cases=cases,
        )
        self.pick = pick

    def _collect(self, occ: Occurrence, acc: dict) -> None:
        value = self.pick(occ)
        if value is not None and value not in acc:
            acc[value] = _at(occ, self.target)

    def _verdict(self, decl: Occurrence, acc: dict, ctx: RuleContext) -> tuple[str, int] | None:
        if not acc:
            return None
        known = {b.values.get(WORKPLACE_ID) for b in decl.child_blocks(B85)}
        missing = [(value, line) for value, line in acc.items() if value not in known]
        if not missing:
            return None
        return _("{rubrique}: no block {block} has {id} equal to {values} (first on line {line}).").format(
            rubrique=_q(ctx.norm, self.target),
            block=_q(ctx.norm, B85),
            id=_q(ctx.norm, WORKPLACE_ID),
            values=", ".join(_v(v) for v, _line in missing),
            line=missing[0][1],
        ), missing[0][1]


# ----------------------------------------------------------------------------- shared shapes
def _iff_values(code: str, cond_values: Sequence[str], target_values: Sequence[str], cases: list) -> Check:
    """PCS-ESE complement (40.005) in `target_values` if and only if the PCS-ESE code (40.004)
    is one of `cond_values`."""
    cond_set, target_set = frozenset(cond_values), frozenset(target_values)
    holds, fails = Eq(code, *cond_values), Not(Eq(code, *cond_values))

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        values = occ.values
        value = values.get(PCS_COMP)
        if values.get(code) in cond_set:
            if value in target_set:
                return None
            return _("{rubrique}: expected {expected} when {condition}; found {value}.").format(
                rubrique=_q(ctx.norm, PCS_COMP),
                expected=_vals(ctx.norm, PCS_COMP, target_values),
                condition=holds.describe(ctx.norm),
                value=_v(value),
            )
        if value is not None and value in target_set:
            return _("{rubrique}: the value {value} is not allowed when {condition}.").format(
                rubrique=_q(ctx.norm, PCS_COMP), value=_v(value), condition=fails.describe(ctx.norm)
            )
        return None

    return Check(PCS_COMP, fn, reads=[code], cases=cases, triggers=[code, PCS_COMP])


def _quotite_max(units: Sequence[str], limit: str) -> Check:
    """Both quotités (40.012, 40.013) at most `limit` for the given units of 40.011."""
    bound = Decimal(limit)

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        values = occ.values
        unit = values.get(UNIT)
        if unit not in units:
            return None
        for code in (REF_QUOTITE, QUOTITE):
            amount = _amount(values.get(code))
            if amount is not None and amount > bound:
                return _("{rubrique} must be at most {limit} when {condition}; found {value}.").format(
                    rubrique=_q(ctx.norm, code),
                    limit=f"« {limit} »",
                    condition=Eq(UNIT, unit).describe(ctx.norm),
                    value=_v(values.get(code)),
                )
        return None

    u = units[0]
    return Check(
        UNIT, fn, reads=[REF_QUOTITE, QUOTITE], triggers=[UNIT],
        cases=_cases(
            [{UNIT: u, REF_QUOTITE: limit, QUOTITE: "1.00"}, {UNIT: "99", REF_QUOTITE: "999.00", QUOTITE: "999.00"}],
            [{UNIT: u, REF_QUOTITE: "1.00", QUOTITE: "999.00"}, {UNIT: units[-1], REF_QUOTITE: "999.00", QUOTITE: "1.00"}],
        ),
    )


def _zero_quotite(target: str) -> Check:
    """Zero refused when the unit of 40.011 is at most 21 (10, 12, 20, 21)."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        values = occ.values
        value = values.get(target)
        if value is None or value.strip("0.") or _amount(value) is None:
            return None  # not zero (a non-zero digit is left after stripping)
        unit = values.get(UNIT)
        if unit is None or not unit.isdigit() or int(unit) > 21:
            return None
        return _("{rubrique}: the value {value} is not allowed when {condition}.").format(
            rubrique=_q(ctx.norm, target), value=_v(value), condition=Eq(UNIT, unit).describe(ctx.norm)
        )

    return Check(
        target, fn, reads=[UNIT], triggers=[target],
        cases=_cases(
            [{UNIT: "10", target: "151.67"}, {UNIT: "99", target: "0.00"}, {UNIT: "31", target: "0.00"}],
            [{UNIT: "10", target: "0.00"}, {UNIT: "21", target: "000.00"}],
        ),
    )


def _not_the_siret(when: Cond, required: bool, cases: list) -> Check:
    """40.019 differs from the establishment's SIRET (and, if `required`, is given) when the
    condition holds."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        if not when.test(occ):
            return None
        value = occ.values.get(WORKPLACE)
        if value is None:
            if not required:
                return None
            return _("{rubrique} is required when {condition}; it is missing.").format(
                rubrique=_q(ctx.norm, WORKPLACE), condition=when.describe(ctx.norm)
            )
        if value != _siret(occ):
            return None
        return _("{rubrique} must differ from the SIRET of the establishment when {condition}; found {value}.").format(
            rubrique=_q(ctx.norm, WORKPLACE), condition=when.describe(ctx.norm), value=_v(value)
        )

    return Check(
        WORKPLACE, fn, reads=[*when.reads(), SIREN, NIC], cases=cases, triggers=() if required else [WORKPLACE], guard=when
    )


def _rc_block(when: Cond, regimes: Sequence[str], cases: list) -> Check:
    """A block 71 of the contract with 71.002 in `regimes` when the condition holds (a contract
    without any block 71 is left to the block's cardinality check)."""
    wanted = frozenset(regimes)

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        if not occ.counts.get(B71) or not when.test(occ):
            return None
        blocks = occ.child_blocks(B71)
        if any(b.values.get(RC_REGIME) in wanted for b in blocks):
            return None
        return _("a block {block} where {what} is required when {condition}; there is none.").format(
            block=_q(ctx.norm, B71),
            what=Eq(RC_REGIME, *regimes).describe(ctx.norm),
            condition=when.describe(ctx.norm),
        )

    return Check(CATEGORY, fn, reads=[*when.reads(), RC_REGIME], cases=cases, triggers=[B71], guard=And(HasChild(B71), when))


# ----------------------------------------------------------------------------- checks
def _start_before_end(occ: Occurrence, ctx: RuleContext) -> str | None:
    """001/CCH-13."""
    if not occ.counts.get(B62):
        return None
    start = parse_date(occ.values.get(START))
    if start is None:
        return None
    ends = occ.child_blocks(B62)
    if any(e.values.get(END_REASON) == "099" for e in ends):
        return None
    for end in ends:
        if end.values.get(END_REASON) is None:
            continue
        day = parse_date(end.values.get(END_DATE))
        if day is not None and start > day:
            return _("{rubrique} must be {op} {other}; found {value} and {other_value}.").format(
                rubrique=_q(ctx.norm, START),
                op=_("on or before"),
                other=_q(ctx.norm, END_DATE),
                value=_v(occ.values.get(START)),
                other_value=_v(end.values.get(END_DATE)),
            )
    return None


IRC = ("IRCANTEC", "CRPNPAC")


def _rc_category(occ: Occurrence, ctx: RuleContext) -> str | None:
    """003/SIG-12."""
    category = occ.values.get(CATEGORY)
    if category is None or category in ("04", "98", "99") or not occ.counts.get(B71):
        return None
    if not any(b.values.get(RC_REGIME) in IRC for b in occ.child_blocks(B71)):
        return None
    return _("{rubrique}: expected {expected} when {condition}; found {value}.").format(
        rubrique=_q(ctx.norm, CATEGORY),
        expected=_vals(ctx.norm, CATEGORY, ("04", "98", "99")),
        condition=Eq(RC_REGIME, *IRC).describe(ctx.norm),
        value=_v(category),
    )


def _zeros_only(occ: Occurrence, ctx: RuleContext) -> str | None:
    """009/CCH-15."""
    values = occ.values
    number = values.get(NUMBER)
    if number is None or number.strip("0") or values.get(NATURE_C) != "03":
        return None
    return _("{rubrique}: the value {value} is not allowed when {condition}.").format(
        rubrique=_q(ctx.norm, NUMBER), value=_v(number), condition=Eq(NATURE_C, "03").describe(ctx.norm)
    )


def _convention_number(occ: Occurrence, ctx: RuleContext) -> str | None:
    """033/CCH-12."""
    values = occ.values
    number = values.get(AC_CONV)
    if number is None or (len(number) == 4 and number[0] == "C"):
        return None
    effect = parse_date(values.get(AC_EFFECT))
    if effect is None or effect >= dt.date(2010, 1, 1):
        return None
    return _("{rubrique} must be 4 characters beginning with « C » when {condition}; found {value}.").format(
        rubrique=_q(ctx.norm, AC_CONV),
        condition=CmpCond(AC_EFFECT, "<", Const("01012010")).describe(ctx.norm),
        value=_v(number),
    )


def _agricultural_risk(occ: Occurrence, ctx: RuleContext) -> str | None:
    """039/CCH-11."""
    values = occ.values
    if values.get(AT_REGIME) != "300":
        return None
    risk = values.get(AT_RISK)
    if risk is None or risk.startswith("RA") or risk == "999ZZ":
        return None
    return _("{rubrique} must begin with « RA » or be « 999ZZ » when {condition}; found {value}.").format(
        rubrique=_q(ctx.norm, AT_RISK), condition=Eq(AT_REGIME, "300").describe(ctx.norm), value=_v(risk)
    )


def _at_rate(occ: Occurrence, ctx: RuleContext) -> str | None:
    """043/SIG-11: rate forbidden if and only if the risk code is 999ZZ (judged when 040 is given)."""
    values = occ.values
    risk = values.get(AT_RISK)
    if risk is None:
        return None
    rate = values.get(AT_RATE)
    if risk == "999ZZ":
        if rate is None:
            return None
        return _("{rubrique} must not be given when {condition}; found {value}.").format(
            rubrique=_q(ctx.norm, AT_RATE), condition=Eq(AT_RISK, "999ZZ").describe(ctx.norm), value=_v(rate)
        )
    if rate is not None:
        return None
    return _("{rubrique} is required when {condition}; it is missing.").format(
        rubrique=_q(ctx.norm, AT_RATE), condition=Not(Eq(AT_RISK, "999ZZ")).describe(ctx.norm)
    )


# --- rules over the individual (scope S21.G00.30)
def _pay_lines(ind: Occurrence) -> list[Occurrence]:
    return [r for v in ind.child_blocks(B50) for r in v.child_blocks(B51)]


def _contract_paid(ind: Occurrence, ctx: RuleContext) -> Found:
    """009/CCH-13."""
    if not ind.counts.get(B50):
        return None
    numbers = {r.values.get(PAY_CONTRACT) for r in _pay_lines(ind)}
    for contract in ind.child_blocks(B40):
        number = contract.values.get(NUMBER)
        if number is not None and number not in numbers:
            return _("{rubrique} {value}: no block {block} of the individual has it as {other}.").format(
                rubrique=_q(ctx.norm, NUMBER), value=_v(number), block=_q(ctx.norm, B51),
                other=_q(ctx.norm, PAY_CONTRACT),
            ), _at(contract, NUMBER)
    return None


def _exempt_by_end(contract: Occurrence) -> bool:
    """011/CCH-15: a block 62 ending before the first day of the main month, reason not 099."""
    ends = contract.child_blocks(B62) if contract.counts.get(B62) else []
    if not ends:
        return False
    month = parse_date(contract.get(MAIN_MONTH))
    if month is None:
        return True  # cannot tell: say nothing
    first = month.replace(day=1)
    for end in ends:
        day = parse_date(end.values.get(END_DATE))
        if day is not None and day < first and end.values.get(END_REASON) != "099":
            return True
    return False


def _activity(ind: Occurrence, ctx: RuleContext) -> Found:
    """011/CCH-15."""
    if not ind.counts.get(B50):
        return None
    activity: bool | None = None
    for contract in ind.child_blocks(B40):
        unit = contract.values.get(UNIT)
        if unit not in ("10", "12") or _exempt_by_end(contract):
            continue
        if activity is None:
            activity = any(r.counts.get(B53) for r in _pay_lines(ind))
        if activity:
            return None
        return _("a block {block} is required when {condition}; there is none.").format(
            block=_q(ctx.norm, B53), condition=Eq(UNIT, unit).describe(ctx.norm)
        ), _at(contract, UNIT)
    return None


def _partial_activity_pay(ind: Occurrence, ctx: RuleContext) -> Found:
    """078/CCH-11."""
    contracts = [c for c in ind.child_blocks(B40) if PART_TIME_FORM in c.values]
    if not contracts or not ind.counts.get(B50):
        return None
    for r in _pay_lines(ind):
        if r.values.get(PAY_TYPE) == "019":
            hours = _amount(r.values.get(PAY_HOURS))
            if hours is not None and hours > 0:
                return None
    return _("a block {block} where {what} is required when {condition}; there is none.").format(
        block=_q(ctx.norm, B51),
        what=And(Eq(PAY_TYPE, "019"), CmpCond(PAY_HOURS, ">", Const("0.00"))).describe(ctx.norm),
        condition=Present(PART_TIME_FORM).describe(ctx.norm),
    ), _at(contracts[0], PART_TIME_FORM)


def _partial_activity_suspension(ind: Occurrence, ctx: RuleContext) -> Found:
    """078/CCH-12."""
    contracts = [c for c in ind.child_blocks(B40) if PART_TIME_FORM in c.values]
    if not contracts:
        return None
    for contract in ind.child_blocks(B40):
        for s in contract.child_blocks(B65):
            if s.values.get(SUSP_REASON) == "602" and s.values.get(SUSP_START) is not None:
                return None
    return _("a block {block} where {what} is required when {condition}; there is none.").format(
        block=_q(ctx.norm, B65),
        what=And(Eq(SUSP_REASON, "602"), Present(SUSP_START)).describe(ctx.norm),
        condition=Present(PART_TIME_FORM).describe(ctx.norm),
    ), _at(contracts[0], PART_TIME_FORM)


def _duplicate_number(occ: Occurrence, ctx: RuleContext) -> str | None:
    """009/CCH-12: the number of an earlier contract of the same individual."""
    number = occ.values.get(NUMBER)
    parent = occ.parent
    if number is None or parent is None:
        return None
    for other in parent.children:
        if other is occ:
            break
        if other.block == B40 and other.values.get(NUMBER) == number:
            return _("{rubrique}: the value {value} is already the number of another contract of the individual (line {line}).").format(
                rubrique=_q(ctx.norm, NUMBER), value=_v(number), line=_at(other, NUMBER)
            )
    return None


# --- work places (Aggregate over 40 and 85)
def _workplace_elsewhere(occ: Occurrence) -> str | None:
    value = occ.values.get(WORKPLACE)
    if value is None:
        return None
    siret = _siret(occ)
    return value if siret is not None and value != siret else None


def _user_site(occ: Occurrence) -> str | None:
    return occ.values.get(USER_SITE)


# ----------------------------------------------------------------------------- not decidable
def _cut(twin: str) -> NotDecidable:
    return NotDecidable(
        TEXT_INCOMPLETE,
        f"CT2026 extract cuts this text at about 100 characters and CT2024 does not have it; its opening and id repeat {twin}, which is handled under its own id.",
    )


MONTHLY_DATATION = NotDecidable(
    TEXT_INCOMPLETE,
    "refers to §4.4.12 of the CT introduction (datation in a monthly DSN), which is not in the material.",
)

# ----------------------------------------------------------------------------- cases
SIRET_CASE = {SIREN: "123456789", NIC: "00012"}
ELSEWHERE = "98765432100017"
FORBIDDEN_FOR_99 = ("057", "058", "059", "060", "061", "062", "064", "065", "080")
ESCAPES = {  # value reserved to the Changements Contrat block (S21.G00.41)
    "S21.G00.40.005/CCH-21": (PCS_COMP, "999999"),
    "S21.G00.40.022/CCH-11": (CP_FUND, "99"),
    "S21.G00.40.041/CCH-11": (_c("041"), "ZZZ"),
    "S21.G00.40.057/CCH-12": (_c("057"), "ZZ9"),
    "S21.G00.40.060/CCH-12": (_c("060"), "ZZ9"),
    "S21.G00.40.061/CCH-12": (_c("061"), "ZZ9"),
    "S21.G00.40.063/CCH-12": (_c("063"), "ZZ9"),
    "S21.G00.40.064/CCH-12": (_c("064"), "ZZ9"),
    "S21.G00.40.065/CCH-12": (_c("065"), "ZZ9"),
    "S21.G00.40.069/CCH-11": (_c("069"), "ZZZ"),
    "S21.G00.40.071/CCH-11": (_c("071"), "000"),
    "S21.G00.40.079/CCH-11": (_c("079"), "99999"),
    "S21.G00.40.080/CCH-12": (_c("080"), "999"),
    "S21.G00.40.081/CCH-11": (_c("081"), "999999999"),
}


def _pcs_cases(code: str, complement: str, other_complement: str = "A1") -> list:
    return _cases(
        [{PCS: code, PCS_COMP: complement}, {PCS: "1.00", PCS_COMP: other_complement}, {PCS: "1.00"}],
        [{PCS: code, PCS_COMP: other_complement}, {PCS: code}, {PCS: "1.00", PCS_COMP: complement}],
    )


RULES: dict[str, Any] = {
    "S21.G00.40.009/CCH-12": Check(
        NUMBER,
        _duplicate_number,
        triggers=[NUMBER],
        cases=[
            # Two contracts of one individual: a new contract starts at its 40.001.
            ({"lines": [(START, "01012026"), (NUMBER, "C1"), (START, "01022026"), (NUMBER, "C2")]}, True),
            ({"lines": [(START, "01012026"), (NUMBER, "C1"), (START, "01022026"), (NUMBER, "C1")]}, False),
        ],
    ),
    # --- 001 Date de début du contrat
    "S21.G00.40.001/CCH-13": Check(
        START, _start_before_end, reads=[END_DATE, END_REASON],
        triggers=[B62],
        cases=_cases(
            [
                {START: "01012026", END_DATE: "31012026", END_REASON: "011"},
                {START: "01022026", END_DATE: "31012026", END_REASON: "099"},
                {START: "31012026", END_DATE: "31012026", END_REASON: "011"},
                {START: "01022026"},
            ],
            [{START: "01022026", END_DATE: "31012026", END_REASON: "011"}],
        ),
    ),
    "S21.G00.40.001/CCH-15": Compare(START, ">", BIRTH),
    "S21.G00.40.001/SIG-14": MONTHLY_DATATION,
    # --- 003 Code statut catégoriel Retraite Complémentaire obligatoire
    "S21.G00.40.003/CCH-11": ValueIn(STATUS, ["03", "04", "08"], when=Eq(CATEGORY, "01")),
    "S21.G00.40.003/CCH-16": _rc_block(
        And(Eq(CATEGORY, "01", "02"), NotEq(OLD_AGE, "134")), ["RETC", "RUAA", "CNBF"],
        _cases(
            [
                {CATEGORY: "01", OLD_AGE: "200", RC_REGIME: "RUAA"},
                {CATEGORY: "02", OLD_AGE: "134", RC_REGIME: "IRCANTEC"},
                {CATEGORY: "04", OLD_AGE: "200", RC_REGIME: "IRCANTEC"},
            ],
            [{CATEGORY: "01", OLD_AGE: "200", RC_REGIME: "IRCANTEC"}, {CATEGORY: "02", OLD_AGE: "200", RC_REGIME: "RETA"}],
        ),
    ),
    "S21.G00.40.003/CCH-17": _rc_block(
        And(Eq(CATEGORY, "04"), NotEq(STATUS, "04"), NotEq(OLD_AGE, "134")), ["RETA", "RUAA"],
        _cases(
            [
                {CATEGORY: "04", STATUS: "06", OLD_AGE: "200", RC_REGIME: "RUAA"},
                {CATEGORY: "04", STATUS: "04", OLD_AGE: "200", RC_REGIME: "CNBF"},
                {CATEGORY: "04", STATUS: "06", OLD_AGE: "134", RC_REGIME: "CNBF"},
            ],
            [{CATEGORY: "04", STATUS: "06", OLD_AGE: "200", RC_REGIME: "RETC"}],
        ),
    ),
    "S21.G00.40.003/SIG-12": Check(
        CATEGORY, _rc_category, reads=[RC_REGIME],
        triggers=[CATEGORY], guard=And(NotEq(CATEGORY, "04", "98", "99"), HasChild(B71)),
        cases=_cases(
            [{CATEGORY: "04", RC_REGIME: "IRCANTEC"}, {CATEGORY: "99", RC_REGIME: "CRPNPAC"}, {CATEGORY: "01", RC_REGIME: "RUAA"}],
            [{CATEGORY: "01", RC_REGIME: "IRCANTEC"}, {CATEGORY: "02", RC_REGIME: "CRPNPAC"}],
        ),
    ),
    "S21.G00.40.003/SIG-15": ValueIn(STATUS, ["05"], when=Eq(CATEGORY, "02")),
    # --- 005 Code complément PCS-ESE
    "S21.G00.40.005/CCH-11": _iff_values(PCS, ["389b"], ["T389N", "T389M", "C389N", "C389M"], _pcs_cases("389b", "C389M")),
    "S21.G00.40.005/CCH-12": _iff_values(PCS, ["352a"], ["NP352", "P352"], _pcs_cases("352a", "P352")),
    "S21.G00.40.005/CCH-13": _iff_values(
        PCS, ["463a", "463b", "463c", "463d", "463e"], ["06", "07", "08", "09"], _pcs_cases("463c", "09")
    ),
    "S21.G00.40.005/CCH-14": _iff_values(PCS, ["643a"], ["C643", "L643"], _pcs_cases("643a", "L643")),
    "S21.G00.40.005/CCH-16": NotDecidable(
        EXTERNAL_TABLE, "the NEH table (nomenclature des emplois hospitaliers) of the complements allowed for the medical hospital staff"
    ),
    "S21.G00.40.005/CCH-18": NotDecidable(
        EXTERNAL_TABLE, "the nomenclature des emplois du spectacle (besides the values 999SPT, 50 and 51 that the rule names)"
    ),
    "S21.G00.40.005/CCH-19": ValueIn(PCS, ["424a"], when=Eq(PCS_COMP, "S001")),
    "S21.G00.40.005/SIG-20": _iff_values(PCS, ["546d"], ["546dN", "546dM"], _pcs_cases("546d", "546dN")),
    # --- 007 Nature du contrat
    "S21.G00.40.007/CCH-11": NotDecidable(
        TEXT_INCOMPLETE,
        "CT2026 cuts the list of contract natures allowed in a DPAE (nature 10) after 01, 02, 09 and 10 ('… de dro'); CT2024 does not have the control: no nature can be said to be refused.",
    ),
    # --- 008 Dispositif de politique publique et conventionnel
    "S21.G00.40.008/CCH-11": ValueNotIn(SCHEME, ["81"], when=NotEq(NATURE_C, "02", "92")),
    "S21.G00.40.008/CCH-12": ValueNotIn(SCHEME, ["70"], when=NotEq(NATURE_C, "02", "92")),
    "S21.G00.40.008/CCH-13": ValueNotIn(SCHEME, ["80"], when=NotEq(NATURE_C, "01", "82", "91")),
    "S21.G00.40.008/CCH-14": ValueNotIn(
        SCHEME, ["64", "65"], when=NotEq(NATURE_C, "01", "02", "03", "08", "91", "92")
    ),
    "S21.G00.40.008/CCH-15": NotDecidable(
        TEXT_INCOMPLETE,
        "CT2026 cuts the list of contract natures allowed for 21, 41, 42 and 61 after 01, 02, 03 and '08 - Co…'; it differs from CT2024's list (01, 02, 82, 91, 92): no nature can be said to be refused.",
    ),
    "S21.G00.40.008/CCH-16": ValueNotIn(SCHEME, ["71"], when=NotEq(NATURE_C, "02", "03", "92")),
    "S21.G00.40.008/CCH-17": ValueNotIn(SCHEME, ["66", "92", "93", "99"], when=Nature("10")),
    "S21.G00.40.008/CCH-18": ValueNotIn(SCHEME, ["83"], when=NotEq(NATURE_C, "01")),
    # --- 009 Numéro du contrat
    "S21.G00.40.009/CCH-13": Check(
        NUMBER, _contract_paid, reads=[PAY_CONTRACT], scope=B30,
        triggers=[B50],
        cases=_cases(
            [{NUMBER: "C1", PAY_CONTRACT: "C1"}, {NUMBER: "C1"}],
            [{NUMBER: "C1", PAY_CONTRACT: "C2"}, {NUMBER: "C1", "block:S21.G00.50": "1"}],
        ),
    ),
    "S21.G00.40.009/CCH-15": Check(
        NUMBER, _zeros_only, reads=[NATURE_C],
        triggers=[NUMBER],
        cases=_cases(
            [{NATURE_C: "03", NUMBER: "00001"}, {NATURE_C: "01", NUMBER: "00000"}],
            [{NATURE_C: "03", NUMBER: "00000"}, {NATURE_C: "03", NUMBER: "0"}],
        ),
    ),
    # --- 010 Date de fin prévisionnelle du contrat
    "S21.G00.40.010/CCH-11": Compare(FORESEEN_END, ">=", START),
    "S21.G00.40.010/CCH-12": Required(FORESEEN_END, when=Eq(NATURE_C, "02", "03", "10", "29", "70", "92")),
    # --- 011 Unité de mesure de la quotité de travail
    "S21.G00.40.011/CCH-11": ValueNotIn(UNIT, ["31"], when=NotEq(PCS, "352a")),
    "S21.G00.40.011/CCH-12": _quotite_max(["12", "20"], "31.00"),
    "S21.G00.40.011/CCH-13": _quotite_max(["10", "21"], "250.00"),
    "S21.G00.40.011/CCH-15": Check(
        UNIT, _activity, reads=[MAIN_MONTH, END_DATE, END_REASON], scope=B30,
        triggers=[B50], guard=Below(B40, Eq(UNIT, "10", "12")),
        cases=_cases(
            [
                {UNIT: "10", "block:S21.G00.53": "1"},
                {UNIT: "10"},  # no versement: not judged
                {UNIT: "20", "block:S21.G00.50": "1"},
                {UNIT: "12", MAIN_MONTH: "01022026", END_DATE: "31122025", END_REASON: "011", "block:S21.G00.51": "1"},
            ],
            [
                {UNIT: "10", "block:S21.G00.51": "1"},
                {UNIT: "12", MAIN_MONTH: "01022026", END_DATE: "31122025", END_REASON: "099", "block:S21.G00.51": "1"},
                {UNIT: "12", MAIN_MONTH: "01022026", END_DATE: "15022026", END_REASON: "011", "block:S21.G00.51": "1"},
            ],
        ),
    ),
    "S21.G00.40.011/SIG-14": ValueNotIn(UNIT, ["32"], when=Not(Eq(PCS_COMP, "49"))),
    # --- 012, 013 Quotités
    "S21.G00.40.012/CCH-11": _zero_quotite(REF_QUOTITE),
    "S21.G00.40.013/CCH-11": NotDecidable(
        TEXT_INCOMPLETE,
        "an artefact of the CT2026 extract: the text is word for word the first sentence of 012/CCH-11 (same id, cut at the same length); the official CT2024 workbook has no such control on 013. 012/CCH-11 is handled under its own id.",
    ),
    "S21.G00.40.013/CCH-13": _cut("S21.G00.40.011/CCH-13"),
    "S21.G00.40.013/CCH-15": _cut("S21.G00.40.011/CCH-15"),
    # --- 014 Modalité d'exercice du temps de travail
    "S21.G00.40.014/CCH-11": ValueNotIn(WORKTIME, ["40", "41", "42"], when=And(NOT_CONCERNED, NotEq(OLD_AGE, "134"))),
    # --- 018 Code régime de base risque maladie
    "S21.G00.40.018/CCH-11": _cut("S21.G00.40.019/CCH-11"),
    "S21.G00.40.018/CCH-12": _cut("S21.G00.40.019/CCH-12"),
    "S21.G00.40.018/CCH-12#2": _cut("S21.G00.40.020/CCH-12"),
    "S21.G00.40.018/CCH-13": _cut("S21.G00.40.020/CCH-13"),
    "S21.G00.40.018/CCH-14": ValueNotIn(SICKNESS, ["300"], when=NotEq(DEPOSIT, "02")),
    # --- 019 Identifiant du lieu de travail
    "S21.G00.40.019/CCH-11": _Referenced(
        WORKPLACE, _workplace_elsewhere, reads=[SIREN, NIC],
        cases=_cases(
            [
                {**SIRET_CASE, WORKPLACE: ELSEWHERE, WORKPLACE_ID: ELSEWHERE},
                {**SIRET_CASE, WORKPLACE: "12345678900012"},
            ],
            [{**SIRET_CASE, WORKPLACE: ELSEWHERE}, {**SIRET_CASE, WORKPLACE: ELSEWHERE, WORKPLACE_ID: "12345678900012"}],
        ),
    ),
    "S21.G00.40.019/CCH-12": _not_the_siret(
        Eq(NATURE_C, "03"), True,
        _cases(
            [{**SIRET_CASE, NATURE_C: "03", WORKPLACE: ELSEWHERE}, {**SIRET_CASE, NATURE_C: "01", WORKPLACE: "12345678900012"}],
            [{**SIRET_CASE, NATURE_C: "03", WORKPLACE: "12345678900012"}, {**SIRET_CASE, NATURE_C: "03"}],
        ),
    ),
    # --- 020 Code régime de base risque vieillesse
    "S21.G00.40.020/CCH-12": ValueNotIn(
        NATURE_C,
        ["01", "02", "03", "07", "08", "09", "10", "29", "32", "60", "70", "80", "81", "82", "89", "90", "91", "92", "93"],
        when=Eq(OLD_AGE, "120"),
    ),
    "S21.G00.40.020/CCH-13": ValueNotIn(NATURE_C, ["01", "02", "03", "07"], when=Eq(OLD_AGE, "995")),
    "S21.G00.40.020/CCH-14": ValueNotIn(ABROAD, ["01", "03", "99"], when=Eq(OLD_AGE, "996")),
    "S21.G00.40.020/CCH-15": ValueNotIn(NATURE_C, ["01", "02", "03", "07"], when=Eq(OLD_AGE, "997")),
    "S21.G00.40.020/CCH-16": ValueNotIn(NATURE_C, ["01", "02", "03", "07", "08"], when=Eq(OLD_AGE, "998")),
    "S21.G00.40.020/CCH-17": ValueNotIn(NATURE_C, ["01", "02", "03", "07"], when=Eq(OLD_AGE, "994")),
    # --- 021 Motif de recours
    "S21.G00.40.021/CCH-12": ValueNotIn(
        REASON, ["11"], when=And(NotEq(NATURE_C, "03"), NotEq(SCHEME, "64", "65", "81"))
    ),
    "S21.G00.40.021/CCH-13": ValueNotIn(REASON, ["14"], when=NotEq(NATURE_C, "92")),
    "S21.G00.40.021/SIG-11": Required(REASON, when=And(Eq(NATURE_C, "02", "03", "92"), Eq(SCHEME, "99"))),
    # --- 024, 026, 028 (artefacts of the extract)
    "S21.G00.40.024/CCH-15": _cut("S21.G00.40.020/CCH-15"),
    "S21.G00.40.024/CCH-16": _cut("S21.G00.40.020/CCH-16"),
    "S21.G00.40.024/CCH-17": _cut("S21.G00.40.020/CCH-17"),
    "S21.G00.40.026/CCH-18": _cut("S21.G00.40.005/CCH-18"),
    "S21.G00.40.026/CCH-19": _cut("S21.G00.40.005/CCH-19"),
    "S21.G00.40.026/CCH-21": _cut("S21.G00.40.005/CCH-21"),
    "S21.G00.40.028/CCH-11": _cut("S21.G00.40.029/CCH-11"),
    # --- 027 … 033 Assurance chômage
    "S21.G00.40.027/CCH-11": Forbidden(AC_ASSIGN, when=NotEq(AC_TYPE, "02")),
    "S21.G00.40.027/CCH-12": Required(AC_ASSIGN, when=_Begins(AC_CONV, "C", yes=False)),
    "S21.G00.40.029/CCH-11": ValueIn(SCHEME, ["81"], when=Eq(AC_TYPE, "05")),
    "S21.G00.40.029/CCH-12": _cut("S21.G00.40.027/CCH-12"),
    "S21.G00.40.029/SIG-12": Required(AC_TYPE, when=And(Eq(LEGAL_NATURE, "02", "03"), Not(Nature("04", "05")))),
    "S21.G00.40.030/CCH-11": RequiredIff(AC_JOIN, Eq(AC_TYPE, "03", "04")),
    "S21.G00.40.030/SIG-12": MONTHLY_DATATION,
    "S21.G00.40.031/CCH-11": Forbidden(AC_END, when=Eq(AC_TYPE, "01", "02", "04", "05")),
    "S21.G00.40.031/SIG-13": Compare(AC_END, "<=", FILE_DATE, when=Nature("04", "05", "07")),
    "S21.G00.40.032/CCH-11": Forbidden(AC_EFFECT, when=NotEq(AC_TYPE, "02")),
    "S21.G00.40.032/CCH-12": _cut("S21.G00.40.033/CCH-12"),
    "S21.G00.40.033/CCH-11": RequiredIff(AC_CONV, Eq(AC_TYPE, "02")),
    "S21.G00.40.033/CCH-12": Check(
        AC_CONV, _convention_number, reads=[AC_EFFECT],
        triggers=[AC_CONV],
        cases=_cases(
            [{AC_EFFECT: "01012009", AC_CONV: "C123"}, {AC_EFFECT: "01012010", AC_CONV: "12345"}, {AC_CONV: "12345"}],
            [{AC_EFFECT: "31122009", AC_CONV: "12345"}, {AC_EFFECT: "01012009", AC_CONV: "C1234"}],
        ),
    ),
    # --- 039 … 043 Accident du travail
    "S21.G00.40.039/CCH-11": Check(
        AT_RISK, _agricultural_risk, reads=[AT_REGIME],
        triggers=[AT_REGIME],
        cases=_cases(
            [{AT_REGIME: "300", AT_RISK: "RA001"}, {AT_REGIME: "300", AT_RISK: "999ZZ"}, {AT_REGIME: "200", AT_RISK: "745BD"}],
            [{AT_REGIME: "300", AT_RISK: "745BD"}],
        ),
    ),
    "S21.G00.40.040/CCH-11": ValueIn(AT_RISK, ["401ZE"], when=And(Eq(AT_REGIME, "147"), Absent(USER_SITE))),
    "S21.G00.40.040/CCH-12": ValueIn(
        AT_RISK, ["745BD", "745BE", "752EE"], when=And(Eq(AT_REGIME, "200", "402"), Present(USER_SITE))
    ),
    "S21.G00.40.040/CCH-15": ValueIn(AT_REGIME, ["300"], when=_Begins(AT_RISK, "RA")),
    "S21.G00.40.042/CCH-11": RequiredIff(_c("042"), Eq(SICKNESS, "300")),
    "S21.G00.40.043/SIG-11": Check(
        AT_RATE, _at_rate, reads=[AT_RISK],
        triggers=[AT_RISK],
        cases=_cases(
            [{AT_RISK: "999ZZ"}, {AT_RISK: "745BD", AT_RATE: "2.10"}, {AT_RATE: "2.10"}],
            [{AT_RISK: "999ZZ", AT_RATE: "2.10"}, {AT_RISK: "745BD"}],
        ),
    ),
    # --- 045, 046 Pourboire, établissement utilisateur
    "S21.G00.40.045/CCH-11": _cut("S21.G00.40.046/CCH-11"),
    "S21.G00.40.045/CCH-12": _cut("S21.G00.40.046/CCH-12"),
    "S21.G00.40.045/CCH-13": _cut("S21.G00.40.046/CCH-13"),
    "S21.G00.40.046/CCH-11": Required(USER_SITE, when=Eq(NATURE_C, "03", "53", "54")),
    "S21.G00.40.046/CCH-12": Required(USER_SITE, when=Eq(NATURE_C, "08")),
    "S21.G00.40.046/CCH-13": _Referenced(
        USER_SITE, _user_site,
        cases=_cases(
            [{USER_SITE: ELSEWHERE, WORKPLACE_ID: ELSEWHERE}, {WORKPLACE_ID: ELSEWHERE}],
            [{USER_SITE: ELSEWHERE}, {USER_SITE: ELSEWHERE, WORKPLACE_ID: "12345678900012"}],
        ),
    ),
    "S21.G00.40.046/CCH-15": _cut("S21.G00.40.040/CCH-15"),
    # --- 050 … 081 Spectacle, fonction publique
    "S21.G00.40.050/CCH-11": Forbidden(_c("050"), when=NotEq(NATURE_C, "02", "10")),
    "S21.G00.40.051/CCH-11": _cut("S21.G00.40.052/CCH-11"),
    "S21.G00.40.052/CCH-11": Forbidden(_c("052"), when=NOT_CONCERNED),
    "S21.G00.40.052/CCH-12": _cut("S21.G00.40.005/CCH-12"),
    "S21.G00.40.052/CCH-13": _cut("S21.G00.40.005/CCH-13"),
    "S21.G00.40.052/CCH-14": _cut("S21.G00.40.005/CCH-14"),
    "S21.G00.40.052/CCH-16": _cut("S21.G00.40.005/CCH-16"),
    "S21.G00.40.053/CCH-11": Forbidden(POST_NATURE, when=And(NOT_CONCERNED, NotEq(OLD_AGE, "134"))),
    "S21.G00.40.054/CCH-11": RequiredIff(_c("054"), Eq(POST_NATURE, "02")),
    **{f"S21.G00.40.{n}/CCH-11": Forbidden(_c(n), when=NOT_CONCERNED) for n in FORBIDDEN_FOR_99},
    "S21.G00.40.063/CCH-11": RequiredIff(_c("063"), Present(OLD_EMPLOYER)),
    "S21.G00.40.066/CCH-11": RequiredIff(_c("066"), Eq(NATURE_C, "20", "21")),
    "S21.G00.40.074/CCH-11": _not_the_siret(
        Eq(MAD, "03"), False,
        _cases(
            [{**SIRET_CASE, MAD: "03", WORKPLACE: ELSEWHERE}, {**SIRET_CASE, MAD: "01", WORKPLACE: "12345678900012"}],
            [{**SIRET_CASE, MAD: "03", WORKPLACE: "12345678900012"}],
        ),
    ),
    "S21.G00.40.075/CCH-11": Forbidden(_c("075"), when=NotEq(OLD_AGE, "136")),
    "S21.G00.40.076/CCH-11": RequiredIff(_c("076"), Eq(NATURE_C, "93")),
    "S21.G00.40.078/CCH-11": Check(
        PART_TIME_FORM, _partial_activity_pay, reads=[PAY_TYPE, PAY_HOURS], scope=B30,
        triggers=[B50], guard=Below(B40, Present(PART_TIME_FORM)),
        cases=_cases(
            [{PART_TIME_FORM: "01", PAY_TYPE: "019", PAY_HOURS: "10.00"}, {PAY_TYPE: "002", PAY_HOURS: "0.00"}],
            [{PART_TIME_FORM: "01", PAY_TYPE: "019", PAY_HOURS: "0.00"}, {PART_TIME_FORM: "01", PAY_TYPE: "002", PAY_HOURS: "10.00"}],
        ),
    ),
    "S21.G00.40.078/CCH-12": Check(
        PART_TIME_FORM, _partial_activity_suspension, reads=[SUSP_REASON, SUSP_START], scope=B30,
        triggers=[B40], guard=Below(B40, Present(PART_TIME_FORM)),
        cases=_cases(
            [{PART_TIME_FORM: "01", SUSP_REASON: "602", SUSP_START: "01012026"}, {SUSP_REASON: "601"}],
            [{PART_TIME_FORM: "01", SUSP_REASON: "601", SUSP_START: "01012026"}, {PART_TIME_FORM: "01", SUSP_REASON: "602"}],
        ),
    ),
    # --- 082 Nombre de jours de période d'essai
    "S21.G00.40.082/CCH-11": Required(_c("082"), when=And(Nature("10"), Eq(NATURE_C, "01", "09"))),
    "S21.G00.40.082/CCH-12": NotDecidable(
        TEXT_INCOMPLETE,
        "CT2026 cuts the rule before its requirement (CDD of more than 6 months in a DPAE: « Nombre de jours de période d'essai - S2… »); CT2024 does not have it.",
    ),
}
RULES.update({cid: ValueNotIn(code, [value]) for cid, (code, value) in ESCAPES.items()})

