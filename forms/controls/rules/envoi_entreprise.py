"""CT controls of the envoi and of the company-level blocks: envoi (S10.G00.00), émetteur
(S10.G00.01), déclaration (S20.G00.05), entreprise (S21.G00.06), établissement (S21.G00.11),
coordonnées bancaires spécifiques (12), complément OETH (13), adhésion prévoyance (15, 16),
versement OPS (20) and its composants (55), bordereau (22) and cotisations agrégées (23),
assujettissement fiscal (44), cotisation établissement (82). S10.G00.02, S20.G00.07 and
S20.G00.08 have no CCH or SIG control in P26V01.

How the rules reach what they need. S10 rules are scoped at the envoi and walk its
declarations (S20.G00.05 occurrences stay in memory). A declaration holds one entreprise
(06) holding one établissement (11); the blocks 12, 15, 20, 22, 44, 82 under the
établissement stay in memory, so a rule comparing them is a `Check` scoped at the block or
at the établissement. Rules that need the individuals (S21.G00.30 and below: contracts 40,
affiliations 70, ancienneté 86) are `Aggregate` rules; counts of individuals are read from
the établissement's `counts`.

Readings we had to choose (the narrowest certain one, unless said otherwise):
- "Organisme de Prévoyance" (20.001/CCH-12, -13, 20.004/CCH-13, 20.005/CCH-12,
  20.008/CCH-15, 20.012/CCH-11) is recognised by the shapes the CT itself gives for the
  codes of the four kinds of organisme complémentaire (15.003/CCH-11…14, 20.008/CCH-11…14):
  "P" + 4 characters (institution de prévoyance), "A" + 5 characters (société
  d'assurance), 9 digits (mutuelle), 9 letters or digits with at least one letter
  (organisme non fédéré). The tables themselves are not used.
- Urssaf and Agirc-Arrco organisations are known only by their SIRET in tables we lack:
  20.006/CCH-11, -12, 20.007/CCH-12, 22.003/CCH-11, 22.005/CCH-11 are not decidable.
  20.004/CCH-13 (IBAN domiciled in France) is checked only when the organisation can
  certainly not be one of the excepted ones: an identifier that is neither "DGFIP", nor a
  prévoyance code, nor 14 digits (a SIRET that may be an Urssaf, an Agirc-Arrco institution
  or the Caisse des congés spectacles). "Domicilié en France" is read as an IBAN starting
  with "FR", as the text says.
- Addresses (S10.G00.01.005/CCH-12, 06.005/CCH-11, 11.004/CCH-11): the rule "postcode present
  → country and foreign distribution code absent, and conversely" is checked. The message
  also says that without a postcode both country and distribution code are required; that
  part is not checked (natures 04 and 05 forbid the company's whole address).
- 06.012/SIG-11 "toute entreprise étrangère": read as a company whose address has a country
  code (S21.G00.06.010, which is given only outside the French postal system). A foreign
  company with an address in France is not recognised.
- S10.G00.01.002/CCH-11: the Luhn key of the 14 digits SIREN + NIC (python-stdnum's `luhn`, as
  `stdnum.fr.siret` does). La Poste (SIREN 356000000) is accepted whatever its NIC, as the
  project's policy says (stdnum accepts La Poste's SIRETs whose digits add up to a multiple
  of 5); the SIREN's own key is CSL-11 of S10.G00.01.001.
- 05.002/CCH-11 "deux déclarations dont l'une annule l'autre": a declaration whose
  S20.G00.05.006 equals the identifier (S20.G00.05.007 + S20.G00.05.004, as the CT defines
  it) of another declaration of the envoi for the same SIRET (06.001 + 11.001).
- 05.001/CCH-11: fails only when there is neither exactly one block 30 nor exactly one
  block S89.G00.91.
- 05.009/CCH-11: compared with the NIR of every individual of the declaration.
- 05.010/SIG-11: checked only when the company's postcode is given.
- 11.017/CCH-11: only the rule (required); the message's "not to be given otherwise" is not
  checked.
- 12.001/CCH-12: the value 01 is refused when 05.011 is absent as well (the text: "n'est
  autorisée que si … est renseignée avec la valeur 01").
- 13.004/CCH-12: a block with 13.004 must carry 13.001 or 13.002 (the text's second
  sentence).
- 15.001/CCH-13, -14: an adhesion is "referred to" by a block 70 whose 70.013 equals its
  15.005, anywhere in the declaration.
- "Période de rattachement inférieure au mois principal" (20.013, 22.006, 23.007, 55.005,
  82.006, all CCH-11) is read as in the pay blocks: both dates before the first day of the
  main month; the CRM identifier is refused when either date is on or after it.
- 20.005/CCH-12: checked when the versement has at least one block 55 (without one,
  20.001/CCH-12 speaks).
- 55.004/CCH-11: the period that follows the last period of the same kind (month, quarter,
  semester, year) completed on the last day of the main month is the latest allowed; the
  type E (versement exceptionnel) has no length and is not checked.
- 82.002/CCH-14 is cut in its list of codes: only the codes it shows (021, 022) are used;
  CT2024 also had 023, 025 … 035, 041 … 045, 047 … 050. "Valeur comprise entre 01 et 37"
  is read as two digits from 01 to 37 (the CIBTP fund codes).
- 82.002/CCH-22 is cut after "et, inversement"; the converse (066 needs 065) is taken from
  CT2024, whose text is the same up to the cut.

Not decidable here (see each entry): external tables (délégataires de gestion, Urssaf and
Agirc-Arrco SIRETs), the monthly datation of §4.4.12 (policy), and the CT2026 entries that
the extract cuts at about 100 characters and that CT2024 does not have: their opening and
id repeat a control of a neighbouring rubrique (e.g. 20.011/CCH-11 opens like
20.012/CCH-11); they are not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from stdnum import luhn

from forms.controls.common import amount as _dec
from forms.controls.common import cases as _cases
from forms.controls.common import coded as _v
from forms.controls.common import coded_list as _values_of
from forms.controls.common import line_of as _at
from forms.controls.common import month_end as _month_end
from forms.controls.common import quote as _q
from forms.controls.dsl import (
    EXTERNAL_TABLE,
    TEXT_INCOMPLETE,
    Aggregate,
    And,
    Check,
    CmpCond,
    Compare,
    Cond,
    Const,
    Eq,
    Example,
    Forbidden,
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
ENVOI, EMITTER, DECL = "S10.G00.00", "S10.G00.01", "S20.G00.05"
B06, B11, B12, B13, B15 = "S21.G00.06", "S21.G00.11", "S21.G00.12", "S21.G00.13", "S21.G00.15"
B20, B22, B23, B30, B40 = "S21.G00.20", "S21.G00.22", "S21.G00.23", "S21.G00.30", "S21.G00.40"
B44, B55, B70, B82, B85 = "S21.G00.44", "S21.G00.55", "S21.G00.70", "S21.G00.82", "S21.G00.85"
B86, B91 = "S21.G00.86", "S89.G00.91"

EDITOR, DEPOSIT, SEND_TYPE = "S10.G00.00.002", "S10.G00.00.007", "S10.G00.00.008"
E_SIREN, E_NIC, E_POSTCODE, E_CITY = "S10.G00.01.001", "S10.G00.01.002", "S10.G00.01.005", "S10.G00.01.006"
E_COUNTRY, E_FOREIGN = "S10.G00.01.007", "S10.G00.01.008"

NATURE, DECL_TYPE, FRACTION = "S20.G00.05.001", "S20.G00.05.002", "S20.G00.05.003"
ORDER, MAIN_MONTH, REPLACED = "S20.G00.05.004", "S20.G00.05.005", "S20.G00.05.006"
FILE_DATE, FIELD, BUSINESS_ID = "S20.G00.05.007", "S20.G00.05.008", "S20.G00.05.009"
CURRENCY, EVENT, LAST_SIRET = "S20.G00.05.010", "S20.G00.05.011", "S20.G00.05.012"

SIREN, C_POSTCODE, C_CITY = "S21.G00.06.001", "S21.G00.06.005", "S21.G00.06.006"
C_COUNTRY, C_FOREIGN, C_ABROAD = "S21.G00.06.010", "S21.G00.06.011", "S21.G00.06.012"

NIC, APET, S_POSTCODE, S_CITY = "S21.G00.11.001", "S21.G00.11.002", "S21.G00.11.004", "S21.G00.11.005"
S_COUNTRY, S_FOREIGN, LEGAL_NATURE = "S21.G00.11.015", "S21.G00.11.016", "S21.G00.11.017"
TESE_DATE, EXIT_REQUEST = "S21.G00.11.019", "S21.G00.11.024"

BANK_USE, BANK_BIC, BANK_IBAN = "S21.G00.12.001", "S21.G00.12.002", "S21.G00.12.003"

OETH_AGREEMENT, BOETH_TYPE, BOETH_COUNT, OETH_YEAR = (
    "S21.G00.13.001", "S21.G00.13.002", "S21.G00.13.003", "S21.G00.13.004"
)

ADH_CONTRACT, ADH_ORG, ADH_DELEGATE, ADH_COVERED, ADH_ID = (
    "S21.G00.15.001", "S21.G00.15.002", "S21.G00.15.003", "S21.G00.15.004", "S21.G00.15.005"
)

OPS, OPS_ENTITY, PAY_BIC, PAY_IBAN, PAY_AMOUNT = (
    "S21.G00.20.001", "S21.G00.20.002", "S21.G00.20.003", "S21.G00.20.004", "S21.G00.20.005"
)
PAY_START, PAY_END, PAY_DELEGATE, PAY_MODE = "S21.G00.20.006", "S21.G00.20.007", "S21.G00.20.008", "S21.G00.20.010"
PAYER, PAY_CRM, PAY_ID = "S21.G00.20.012", "S21.G00.20.013", "S21.G00.20.014"

BRD_OPS, BRD_ENTITY, BRD_START, BRD_END, BRD_AMOUNT, BRD_CRM = (
    "S21.G00.22.001", "S21.G00.22.002", "S21.G00.22.003", "S21.G00.22.004", "S21.G00.22.005", "S21.G00.22.006"
)
AGG_CODE, AGG_INSEE, AGG_CRM = "S21.G00.23.001", "S21.G00.23.006", "S21.G00.23.007"

TAX_CODE, TAX_AMOUNT, TAX_YEAR, TAX_REASON = "S21.G00.44.001", "S21.G00.44.002", "S21.G00.44.003", "S21.G00.44.004"

COMP_AMOUNT, COMP_AFFECT, COMP_PERIOD, COMP_CRM = "S21.G00.55.001", "S21.G00.55.003", "S21.G00.55.004", "S21.G00.55.005"

EST_VALUE, EST_CODE, EST_START, EST_END, EST_REF, EST_CRM = (
    "S21.G00.82.001", "S21.G00.82.002", "S21.G00.82.003", "S21.G00.82.004", "S21.G00.82.005", "S21.G00.82.006"
)

NIR = "S21.G00.30.001"
UNEMPLOYMENT_MGMT, OLD_AGE_REGIME = "S21.G00.40.029", "S21.G00.40.020"
AFF_ADHESION = "S21.G00.70.013"

LA_POSTE_SIREN = "356000000"
TEMP_AGENCIES = "7820Z"
CNIEG_ENTITIES = ("CNIEG_COT_RS", "CNIEG_COT_POOL", "CNIEG_COT_RDC")

MONTH = "01012026"  # main month used by the cases
VALID_SIREN, VALID_NIC = "732829320", "00074"  # a SIRET whose Luhn key holds

Found = tuple[str, int] | None


# ----------------------------------------------------------------------------- helpers
class _ValueNotIn(ValueNotIn):
    """`ValueNotIn` with extra cases, for a code list whose only value is the refused one
    (the generated examples then have no passing case)."""

    def __init__(self, target: str, values: Sequence[str], when: Cond, cases: Sequence[tuple[Example, bool]]) -> None:
        super().__init__(target, values, when=when)
        self.extra = tuple(cases)

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        return [*super().examples(norm), *self.extra]


class _Forbidden(Forbidden):
    """`Forbidden` with extra cases, for a rubrique whose syntax the generated examples
    cannot meet."""

    def __init__(self, target: str, when: Cond, cases: Sequence[tuple[Example, bool]]) -> None:
        super().__init__(target, when=when)
        self.extra = tuple(cases)

    def examples(self, norm: Norm) -> list[tuple[Example, bool]]:
        return [*super().examples(norm), *self.extra]


_PREVOYANCE = re.compile(r"P[A-Z0-9]{4}|A[A-Z0-9]{5}|[0-9]{9}|(?=[A-Z0-9]*[A-Z])[A-Z0-9]{9}")


def _is_prevoyance(code: str | None) -> bool:
    """The code of an organisme complémentaire, in one of the shapes the CT gives."""
    return code is not None and _PREVOYANCE.fullmatch(code) is not None


def _establishment_siret(occ: Occurrence) -> str | None:
    siren, nic = occ.get(SIREN), occ.get(NIC)
    return siren + nic if siren is not None and nic is not None else None


def _siret_key_ok(siren: str | None, nic: str | None) -> bool | None:
    """The SIRET key of SIREN + NIC (None: not 9 + 5 digits). La Poste: see the docstring."""
    if siren is None or nic is None or len(siren) != 9 or len(nic) != 5 or not (siren + nic).isdigit():
        return None
    if siren == LA_POSTE_SIREN:
        return True
    return luhn.is_valid(siren + nic)


def _establishments(decl: Occurrence) -> list[Occurrence]:
    return [e for company in decl.child_blocks(B06) for e in company.child_blocks(B11)]


def _individuals(decl: Occurrence) -> int:
    return sum(e.counts.get(B30, 0) for e in _establishments(decl))


def _adhesions(occ: Occurrence) -> list[Occurrence]:
    """The blocks 15 of the établissement that holds `occ`."""
    est = occ.find_up(B11)
    return est.child_blocks(B15) if est is not None else []


def _cibtp(value: str | None) -> bool:
    """A CIBTP fund code: two digits from 01 to 37."""
    return value is not None and len(value) == 2 and value.isdigit() and 1 <= int(value) <= 37


# ----------------------------------------------------------------------------- conditions
class _OtherPayer(Cond):
    """S21.G00.20.012 is given and differs from the établissement's SIRET (06.001 + 11.001)."""

    def test(self, occ: Occurrence) -> bool:
        payer = occ.get(PAYER)
        if payer is None:
            return False
        own = _establishment_siret(occ)
        return own is not None and payer != own

    def describe(self, norm: Norm) -> str:
        return _("{rubrique} is not the SIRET of the establishment ({siren} + {nic})").format(
            rubrique=_q(norm, PAYER), siren=SIREN, nic=NIC
        )

    def reads(self) -> frozenset[str]:
        return frozenset({PAYER, SIREN, NIC})

    def triggers(self, scope: str) -> frozenset[str] | None:
        return frozenset({PAYER}) if scope == B20 else None

    def example(self, norm: Norm, truth: bool) -> Example | None:
        return {SIREN: VALID_SIREN, NIC: VALID_NIC, PAYER: VALID_SIREN + ("00082" if truth else VALID_NIC)}


class _Prevoyance(Cond):
    """The organisation code `code` is given and is (`kind` True) or is not (False) that of an
    organisme de prévoyance (see the module docstring)."""

    def __init__(self, code: str, kind: bool = True) -> None:
        self.code = code
        self.kind = kind

    def test(self, occ: Occurrence) -> bool:
        value = occ.get(self.code)
        return value is not None and _is_prevoyance(value) == self.kind

    def describe(self, norm: Norm) -> str:
        if self.kind:
            return _("{rubrique} is the code of a prévoyance organisation").format(rubrique=_q(norm, self.code))
        return _("{rubrique} is not the code of a prévoyance organisation").format(rubrique=_q(norm, self.code))

    def reads(self) -> frozenset[str]:
        return frozenset({self.code})

    def triggers(self, scope: str) -> frozenset[str] | None:
        return frozenset({self.code}) if self.code[:10] == scope else None

    def example(self, norm: Norm, truth: bool) -> Example | None:
        return {self.code: "P0001" if truth == self.kind else "DGFIP"}


OTHER_PAYER = _OtherPayer()


def _before_main_month(start: str, end: str) -> Cond:
    """The period start–end is not entirely before the main month (either date on or after
    its first day)."""
    return Or(CmpCond(start, ">=", MAIN_MONTH), CmpCond(end, ">=", MAIN_MONTH))


# ----------------------------------------------------------------------------- shared shapes
def _required_in(target: str, values: Sequence[str], when: Cond, cases: list[tuple[Example, bool]]) -> Check:
    """When the condition holds, target must be given with one of values."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        value = occ.values.get(target)
        if value in values or not when.test(occ):
            return None
        return _("{rubrique}: expected {expected} when {condition}; found {value}.").format(
            rubrique=_q(ctx.norm, target),
            expected=_values_of(ctx.norm, target, values),
            condition=when.describe(ctx.norm),
            value=_v(ctx.norm, target, value),
        ), _at(occ, target)

    return Check(target, find, reads=[*when.reads()], cases=cases)


def _address(postcode: str, country: str, foreign: str) -> Check:
    """A postcode excludes the country code and the foreign distribution code."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        values = occ.values
        code = values.get(postcode)
        if code is None:
            return None
        for other in (country, foreign):
            if other in values:
                return _("{rubrique} must not be given together with {other}; found {value} and {other_value}.").format(
                    rubrique=_q(ctx.norm, postcode), other=_q(ctx.norm, other),
                    value=f"« {code} »", other_value=f"« {values[other]} »",
                ), _at(occ, other)
        return None

    return Check(
        postcode, find, reads=[country, foreign], triggers=[postcode],
        cases=_cases(
            [{postcode: "75001"}, {country: "DE", foreign: "10115 BERLIN"}],
            [{postcode: "75001", country: "DE"}, {postcode: "75001", foreign: "10115 BERLIN"}],
        ),
    )


def _date_limit(target: str, kind: str, cases: list[tuple[Example, bool]], codes: Sequence[str] = (), code: str = "") -> Check:
    """A date against the main month: "end" (≤ its last day), "next" (≤ the last day of the
    month after). With `codes`, only when `code` is one of them."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        day = parse_date(occ.values.get(target))
        if day is None or (codes and occ.values.get(code) not in codes):
            return None
        main = parse_date(occ.get(MAIN_MONTH))
        if main is None:
            return None
        first = main.replace(day=1)
        if kind == "end":
            limit = _month_end(first)
            if day <= limit:
                return None
            text = _("{rubrique} must be on or before the last day of the main month, {limit}; found {value}.")
        else:
            limit = _month_end(first, 1)
            if day <= limit:
                return None
            text = _("{rubrique} must be on or before the last day of the month after the main month, {limit}; found {value}.")
        return text.format(
            rubrique=_q(ctx.norm, target), limit=f"« {format_date(limit)} »", value=f"« {occ.values[target]} »"
        ), occ.lines[target]

    return Check(target, find, reads=[MAIN_MONTH, *([code] if code else [])], cases=cases, triggers=[target])


def _year_at_most_main(target: str) -> Check:
    """A year (AAAA) not after the year of the main month."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        value = occ.values.get(target)
        if value is None or not value.isdigit():
            return None
        main = parse_date(occ.get(MAIN_MONTH))
        if main is None or int(value) <= main.year:
            return None
        return _("{rubrique} must be at most the year of the main month, {limit}; found {value}.").format(
            rubrique=_q(ctx.norm, target), limit=f"« {main.year} »", value=f"« {value} »"
        ), occ.lines[target]

    return Check(
        target, find, reads=[MAIN_MONTH], triggers=[target],
        cases=_cases([{target: "2026", MAIN_MONTH: MONTH}, {target: "2025", MAIN_MONTH: MONTH}],
                     [{target: "2027", MAIN_MONTH: MONTH}]),
    )


def _cut(twin: str) -> NotDecidable:
    return NotDecidable(
        TEXT_INCOMPLETE,
        f"CT2026 extract cuts this text at about 100 characters and CT2024 does not have it; its opening and id repeat those of {twin}, which has its own entry.",
    )


def _delegates(kind: str) -> NotDecidable:
    return NotDecidable(EXTERNAL_TABLE, f"table of the délégataires de gestion of the {kind} (net-entreprises.fr)")


MONTHLY_DATATION = NotDecidable(
    TEXT_INCOMPLETE,
    "refers to §4.4.12 of the CT introduction (datation in a monthly DSN), which is not in the material.",
)
URSSAF_TABLE = NotDecidable(
    EXTERNAL_TABLE, "needs the SIRETs of the Urssaf caisses (table on net-entreprises.fr) to know that the organisation is an Urssaf"
)
AGIRC_ARRCO_TABLE = NotDecidable(
    EXTERNAL_TABLE, "needs the SIRETs of the Agirc-Arrco institutions to know that the organisation is one"
)


# ----------------------------------------------------------------------------- S10
def _10_00_007_11(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(DEPOSIT) != "02":
        return None
    for decl in occ.child_blocks(DECL):
        if decl.values.get(NATURE) == "10":
            return _("{rubrique}: the value {value} is not allowed when {condition}.").format(
                rubrique=_q(ctx.norm, DEPOSIT), value=_v(ctx.norm, DEPOSIT, "02"),
                condition=Nature("10").describe(ctx.norm),
            ), occ.lines[DEPOSIT]
    return None


def _10_00_008_11(occ: Occurrence, ctx: RuleContext) -> Found:
    value = occ.values.get(SEND_TYPE)
    decls = occ.child_blocks(DECL)
    if value is None or not decls:
        return None
    empty = all(d.values.get(NATURE) == "01" and d.values.get(DECL_TYPE) in ("02", "05") for d in decls)
    if empty == (value == "02"):
        return None
    if empty:
        text = _("{rubrique}: expected {expected} because every declaration of the envoi is a monthly DSN without individuals (type 02 or 05); found {value}.")
    else:
        text = _("{rubrique}: {value} is allowed only when every declaration of the envoi is a monthly DSN without individuals (type 02 or 05).")
    return text.format(
        rubrique=_q(ctx.norm, SEND_TYPE), expected=_v(ctx.norm, SEND_TYPE, "02"), value=_v(ctx.norm, SEND_TYPE, value)
    ), occ.lines[SEND_TYPE]


def _10_01_002_11(occ: Occurrence, ctx: RuleContext) -> Found:
    siren, nic = occ.values.get(E_SIREN), occ.values.get(E_NIC)
    if _siret_key_ok(siren, nic) is not False:
        return None
    return _("{rubrique}: the SIRET {value} made of the SIREN and this NIC does not satisfy the SIRET check key.").format(
        rubrique=_q(ctx.norm, E_NIC), value=f"« {siren}{nic} »"
    ), occ.lines[E_NIC]


# ----------------------------------------------------------------------------- S20.G00.05
def _05_001_11(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(NATURE) != "08":
        return None
    people, others = _individuals(occ), occ.counts.get(B91, 0)
    if people == 1 or others == 1:
        return None
    return _("A declaration of nature {nature} must hold exactly one block {block} or exactly one block {other}; found {n} and {m}.").format(
        nature=_v(ctx.norm, NATURE, "08"), block=_q(ctx.norm, B30), other=_q(ctx.norm, B91), n=people, m=others
    ), occ.lines[NATURE]


def _collect_flag(occ: Occurrence, acc: dict) -> None:
    acc["found"] = True


def _05_001_12(occ: Occurrence, acc: dict, ctx: RuleContext) -> Found:
    if occ.values.get(NATURE) != "08" or acc.get("found"):
        return None
    if not any(e.counts.get(B15) for e in _establishments(occ)):
        return None
    return _("At least one block {block} is required in a declaration of nature {nature} that holds a block {other}; there is none.").format(
        block=_q(ctx.norm, B86), nature=_v(ctx.norm, NATURE, "08"), other=_q(ctx.norm, B15)
    ), occ.lines[NATURE]


def _collect_adhesion_refs(occ: Occurrence, acc: dict) -> None:
    ref = occ.values.get(AFF_ADHESION)
    if ref is not None:
        acc.setdefault("refs", set()).add(ref)


def _05_001_13(occ: Occurrence, acc: dict, ctx: RuleContext) -> Found:
    if occ.values.get(NATURE) != "08":
        return None
    refs = acc.get("refs", set())
    for est in _establishments(occ):
        for adhesion in est.child_blocks(B15):
            ident = adhesion.values.get(ADH_ID)
            if ident is not None and ident not in refs:
                return _("No block {block} refers to the adhesion {value} ({other}); at least one is required in a declaration of nature {nature}.").format(
                    block=_q(ctx.norm, B70), value=f"« {ident} »", other=_q(ctx.norm, ADH_ID), nature=_v(ctx.norm, NATURE, "08")
                ), _at(adhesion, ADH_ID)
    return None


def _declaration_key(decl: Occurrence) -> tuple[str, str]:
    ident = (decl.values.get(FILE_DATE) or "") + (decl.values.get(ORDER) or "")
    sirets = [(e.get(SIREN) or "") + (e.values.get(NIC) or "") for e in _establishments(decl)]
    return ident, sirets[0] if sirets else ""


def _05_002_11(occ: Occurrence, ctx: RuleContext) -> Found:
    decls = occ.child_blocks(DECL)
    if len(decls) < 2 or not any(REPLACED in d.values for d in decls):
        return None
    keys = {id(d): _declaration_key(d) for d in decls}
    for decl in decls:
        ref = decl.values.get(REPLACED)
        if ref is None:
            continue
        siret = keys[id(decl)][1]
        for other in decls:
            if other is not decl and keys[id(other)] == (ref, siret):
                return _("{rubrique} {value} identifies another declaration of the same envoi: a declaration and its cancellation may not be sent together.").format(
                    rubrique=_q(ctx.norm, REPLACED), value=f"« {ref} »"
                ), decl.lines[REPLACED]
    return None


def _05_002_16(occ: Occurrence, ctx: RuleContext) -> Found:
    kind = occ.values.get(DECL_TYPE)
    if kind not in ("01", "03") or occ.counts.get(B91) or _individuals(occ):
        return None
    return _("A declaration of type {value} must hold at least one block {block} or {other}; there is none.").format(
        value=_v(ctx.norm, DECL_TYPE, kind), block=_q(ctx.norm, B30), other=_q(ctx.norm, B91)
    ), occ.lines[DECL_TYPE]


def _collect_nir_as_id(occ: Occurrence, acc: dict) -> None:
    ident = occ.get(BUSINESS_ID)
    if ident is not None and ident == occ.values.get(NIR):
        acc["found"] = True


def _05_009_11(occ: Occurrence, acc: dict, ctx: RuleContext) -> Found:
    if not acc.get("found"):
        return None
    return _("{rubrique} must differ from {other} of the individuals; found {value}.").format(
        rubrique=_q(ctx.norm, BUSINESS_ID), other=_q(ctx.norm, NIR), value=f"« {occ.values.get(BUSINESS_ID)} »"
    ), _at(occ, BUSINESS_ID)


def _05_010_sig_11(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(CURRENCY) != "02":
        return None
    for company in occ.child_blocks(B06):
        code = company.values.get(C_POSTCODE)
        if code is not None and code[:3] not in ("986", "987", "988"):
            return _("{rubrique} is {value}: {other} must start with 986, 987 or 988; found {other_value}.").format(
                rubrique=_q(ctx.norm, CURRENCY), value=_v(ctx.norm, CURRENCY, "02"),
                other=_q(ctx.norm, C_POSTCODE), other_value=f"« {code} »",
            ), occ.lines[CURRENCY]
    return None


def _05_011_11(occ: Occurrence, ctx: RuleContext) -> Found:
    event = occ.values.get(EVENT)
    if event is None:
        return None
    others = occ.counts.get(B91, 0)
    if event == "06" and not others:
        text = _("a block {block} is required when {condition}; there is none.")
        condition = Eq(EVENT, "06")
    elif event != "06" and others:
        text = _("a block {block} must not be given when {condition}.")
        condition = Not(Eq(EVENT, "06"))
    else:
        return None
    return text.format(block=_q(ctx.norm, B91), condition=condition.describe(ctx.norm)), occ.lines[EVENT]


def _05_011_13(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(EVENT) not in ("06", "07"):
        return None
    for block in (B15, B85):
        count = occ.counts.get(B85, 0) if block == B85 else sum(e.counts.get(B15, 0) for e in _establishments(occ))
        if count:
            return _("a block {block} must not be given when {condition}.").format(
                block=_q(ctx.norm, block), condition=Eq(EVENT, "06", "07").describe(ctx.norm)
            ), occ.lines[EVENT]
    return None


def _collect_contract_blocks(occ: Occurrence, acc: dict) -> None:
    for block in (B40, B86):
        if occ.counts.get(block):
            acc[block] = True


def _05_011_14(occ: Occurrence, acc: dict, ctx: RuleContext) -> Found:
    if not acc or occ.values.get(EVENT) != "07":
        return None
    block = B40 if acc.get(B40) else B86
    return _("a block {block} must not be given when {condition}.").format(
        block=_q(ctx.norm, block), condition=Eq(EVENT, "07").describe(ctx.norm)
    ), occ.lines[EVENT]


# ----------------------------------------------------------------------------- S21.G00.11 … 15
def _collect_unemployment(occ: Occurrence, acc: dict) -> None:
    if occ.values.get(UNEMPLOYMENT_MGMT) in ("03", "04"):
        acc["found"] = True


def _11_017_11(occ: Occurrence, acc: dict, ctx: RuleContext) -> Found:
    if not acc.get("found") or LEGAL_NATURE in occ.values:
        return None
    condition = _("at least one contract has {condition}").format(
        condition=Eq(UNEMPLOYMENT_MGMT, "03", "04").describe(ctx.norm)
    )
    return _("{rubrique} is required when {condition}; it is missing.").format(
        rubrique=_q(ctx.norm, LEGAL_NATURE), condition=condition
    ), occ.line


def _12_001_13(occ: Occurrence, ctx: RuleContext) -> Found:
    seen: dict[str, tuple[str | None, str | None]] = {}
    for bank in occ.child_blocks(B12):
        use = bank.values.get(BANK_USE)
        if use is None:
            continue
        pair = (bank.values.get(BANK_BIC), bank.values.get(BANK_IBAN))
        if use in seen and seen[use] != pair:
            return _("Only one pair {bic} / {iban} may be given for {rubrique} {value}; found two different ones.").format(
                bic=_q(ctx.norm, BANK_BIC), iban=_q(ctx.norm, BANK_IBAN), rubrique=_q(ctx.norm, BANK_USE),
                value=_v(ctx.norm, BANK_USE, use),
            ), _at(bank, BANK_USE)
        seen[use] = pair
    return None


def _13_004_12(occ: Occurrence, ctx: RuleContext) -> Found:
    values = occ.values
    if OETH_YEAR not in values or OETH_AGREEMENT in values or BOETH_TYPE in values:
        return None
    return _("{rubrique} is given: {first} or {second} is required as well; both are missing.").format(
        rubrique=_q(ctx.norm, OETH_YEAR), first=_q(ctx.norm, OETH_AGREEMENT), second=_q(ctx.norm, BOETH_TYPE)
    ), occ.lines[OETH_YEAR]


def _15_001_11(occ: Occurrence, ctx: RuleContext) -> Found:
    seen: set[tuple[str | None, str | None]] = set()
    for adhesion in occ.child_blocks(B15):
        key = (adhesion.values.get(ADH_CONTRACT), adhesion.values.get(ADH_ORG))
        if key in seen:
            return _("Two blocks {block} have the same {first} and {second}: {value}.").format(
                block=_q(ctx.norm, B15), first=_q(ctx.norm, ADH_CONTRACT), second=_q(ctx.norm, ADH_ORG),
                value=f"« {key[0]} » / « {key[1]} »",
            ), _at(adhesion, ADH_CONTRACT)
        seen.add(key)
    return None


def _15_005_11(occ: Occurrence, ctx: RuleContext) -> Found:
    seen: set[str] = set()
    for adhesion in occ.child_blocks(B15):
        ident = adhesion.values.get(ADH_ID)
        if ident is None:
            continue
        if ident in seen:
            return _("{rubrique} must be unique in the declaration; {value} is given twice.").format(
                rubrique=_q(ctx.norm, ADH_ID), value=f"« {ident} »"
            ), adhesion.lines[ADH_ID]
        seen.add(ident)
    return None


def _covered_staff(covered: str) -> Callable[[Occurrence, dict, RuleContext], Found]:
    """15.001/CCH-13 (covered "01": referred to by a block 70) and CCH-14 (covered "02":
    referred to by none)."""

    def judge(occ: Occurrence, acc: dict, ctx: RuleContext) -> Found:
        if occ.values.get(APET) == TEMP_AGENCIES:
            return None
        refs = acc.get("refs", set())
        for adhesion in occ.child_blocks(B15):
            if adhesion.values.get(ADH_COVERED) != covered:
                continue
            ident = adhesion.values.get(ADH_ID)
            if ident is None or (ident in refs) == (covered == "01"):
                continue
            if covered == "01":
                text = _("An adhesion that covers staff must be referred to by at least one block {block} ({other} = {value}); none refers to it.")
            else:
                text = _("An adhesion that covers no staff must not be referred to by any block {block} ({other} = {value}); found at least one.")
            return text.format(
                block=_q(ctx.norm, B70), other=_q(ctx.norm, AFF_ADHESION), value=f"« {ident} »"
            ), _at(adhesion, ADH_COVERED)
        return None

    return judge


# ----------------------------------------------------------------------------- S21.G00.20, 55
def _20_001_12(occ: Occurrence, ctx: RuleContext) -> Found:
    ops = occ.values.get(OPS)
    if not _is_prevoyance(ops) or occ.counts.get(B55):
        return None
    amount = _dec(occ.values.get(PAY_AMOUNT))
    payer = occ.values.get(PAYER)
    if not ((amount is not None and amount != 0) or payer is None or payer == _establishment_siret(occ)):
        return None
    return _("A payment to the prévoyance organisation {value} needs at least one block {block} when its amount is not zero or {payer} is absent or that of the establishment; there is none.").format(
        value=f"« {ops} »", block=_q(ctx.norm, B55), payer=_q(ctx.norm, PAYER)
    ), occ.lines[OPS]


def _20_001_13(occ: Occurrence, ctx: RuleContext) -> Found:
    ops = occ.values.get(OPS)
    if not _is_prevoyance(ops) or occ.counts.get(B55):
        return None
    delegate = occ.values.get(PAY_DELEGATE)
    for adhesion in _adhesions(occ):
        if adhesion.values.get(ADH_ORG) == ops and adhesion.values.get(ADH_DELEGATE) == delegate:
            return None
    return _("The pair {first} / {second} {value} must be found in a block {block} ({other_first} / {other_second}); it is in none.").format(
        first=_q(ctx.norm, OPS), second=_q(ctx.norm, PAY_DELEGATE), value=f"« {ops} » / « {delegate or ''} »",
        block=_q(ctx.norm, B15), other_first=ADH_ORG, other_second=ADH_DELEGATE,
    ), occ.lines[OPS]


def _20_004_13(occ: Occurrence, ctx: RuleContext) -> Found:
    iban = occ.values.get(PAY_IBAN)
    if iban is None or iban[:2] == "FR":
        return None
    ops = occ.values.get(OPS)
    if ops is None or ops == "DGFIP" or _is_prevoyance(ops) or (len(ops) == 14 and ops.isdigit()):
        return None
    return _("{rubrique} must be an account domiciled in France (FR) for the organisation {other_value}; found {value}.").format(
        rubrique=_q(ctx.norm, PAY_IBAN), other_value=f"« {ops} »", value=f"« {iban} »"
    ), occ.lines[PAY_IBAN]


def _20_005_12(occ: Occurrence, ctx: RuleContext) -> Found:
    if not _is_prevoyance(occ.values.get(OPS)) or not occ.counts.get(B55):
        return None
    amount = _dec(occ.values.get(PAY_AMOUNT))
    if amount is None:
        return None
    total = Decimal(0)
    for comp in occ.child_blocks(B55):
        value = _dec(comp.values.get(COMP_AMOUNT))
        if value is not None:
            total += value
    expected = max(total, Decimal(0))
    if amount == expected:
        return None
    return _("{rubrique} must equal the sum of {other} of its components, {expected} (zero when that sum is negative); found {value}.").format(
        rubrique=_q(ctx.norm, PAY_AMOUNT), other=_q(ctx.norm, COMP_AMOUNT),
        expected=f"« {expected:.2f} »", value=f"« {occ.values[PAY_AMOUNT]} »",
    ), occ.lines[PAY_AMOUNT]


def _20_012_11(occ: Occurrence, ctx: RuleContext) -> Found:
    payer = occ.values.get(PAYER)
    if payer is None:
        return None
    ops = occ.values.get(OPS)
    if ops != "DGFIP" and not _is_prevoyance(ops):
        return None
    amount = _dec(occ.values.get(PAY_AMOUNT))
    if amount is None or amount == 0 or not OTHER_PAYER.test(occ):
        return None
    return _("{rubrique}: a paying SIRET other than the establishment's is allowed for the organisation {ops} only with a zero {other}; found {value} and {other_value}.").format(
        rubrique=_q(ctx.norm, PAYER), ops=f"« {ops} »", other=_q(ctx.norm, PAY_AMOUNT),
        value=f"« {payer} »", other_value=f"« {occ.values[PAY_AMOUNT]} »",
    ), occ.lines[PAYER]


def _20_012_12(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(PAY_MODE) != "06":
        return None
    payer = occ.values.get(PAYER)
    condition = Eq(PAY_MODE, "06").describe(ctx.norm)
    if payer is None:
        return _("{rubrique} is required when {condition}; it is missing.").format(
            rubrique=_q(ctx.norm, PAYER), condition=condition
        ), occ.lines[PAY_MODE]
    if payer != _establishment_siret(occ):
        return None
    return _("{rubrique} must differ from the SIRET of the establishment when {condition}; found {value}.").format(
        rubrique=_q(ctx.norm, PAYER), condition=condition, value=f"« {payer} »"
    ), occ.lines[PAYER]


def _20_012_14(occ: Occurrence, ctx: RuleContext) -> Found:
    payer = occ.values.get(PAYER)
    if payer is None or occ.values.get(OPS) != "DGFIP":
        return None
    siren = occ.get(SIREN)
    if siren is None or payer[:9] == siren:
        return None
    return _("{rubrique} must have the same SIREN as the establishment, {expected}, when {condition}; found {value}.").format(
        rubrique=_q(ctx.norm, PAYER), expected=f"« {siren} »", condition=Eq(OPS, "DGFIP").describe(ctx.norm),
        value=f"« {payer} »",
    ), occ.lines[PAYER]


def _55_003_11(occ: Occurrence, ctx: RuleContext) -> Found:
    affect = occ.values.get(COMP_AFFECT)
    if affect is None:
        return None
    ops, delegate = occ.get(OPS), occ.get(PAY_DELEGATE)
    for adhesion in _adhesions(occ):
        values = adhesion.values
        if values.get(ADH_ORG) == ops and values.get(ADH_DELEGATE) == delegate and values.get(ADH_CONTRACT) == affect:
            return None
    return _("The triple {first} / {second} / {third} {value} must be found in a block {block} ({others}); it is in none.").format(
        first=OPS, second=PAY_DELEGATE, third=_q(ctx.norm, COMP_AFFECT),
        value=f"« {ops or ''} » / « {delegate or ''} » / « {affect} »",
        block=_q(ctx.norm, B15), others=f"{ADH_ORG} / {ADH_DELEGATE} / {ADH_CONTRACT}",
    ), occ.lines[COMP_AFFECT]


_PERIOD = re.compile(r"(\d{4})([MTSAE])(\d{2})")
_PER_YEAR = {"M": 12, "T": 4, "S": 2, "A": 1}


def _55_004_11(occ: Occurrence, ctx: RuleContext) -> Found:
    value = occ.values.get(COMP_PERIOD)
    match = _PERIOD.fullmatch(value) if value else None
    if match is None or match.group(2) == "E":
        return None
    main = parse_date(occ.get(MAIN_MONTH))
    if main is None:
        return None
    kind = match.group(2)
    per_year = _PER_YEAR[kind]
    length = 12 // per_year
    # Index of the period after the last one completed on the last day of the main month.
    allowed = main.year * per_year + main.month // length
    number = int(match.group(3))
    index = int(match.group(1)) * per_year + (number - 1 if per_year > 1 else 0)
    if index <= allowed:
        return None
    year, rank = divmod(allowed, per_year)
    limit = f"{year}{kind}{(rank + 1 if per_year > 1 else 0):02d}"
    return _("{rubrique} must not be later than {limit}, the period that follows the last one completed at the end of the main month; found {value}.").format(
        rubrique=_q(ctx.norm, COMP_PERIOD), limit=f"« {limit} »", value=f"« {value} »"
    ), occ.lines[COMP_PERIOD]


# ----------------------------------------------------------------------------- 20 / 22 CNIEG
def _collect_cnieg(occ: Occurrence, acc: dict) -> None:
    if occ.values.get(OLD_AGE_REGIME) == "147":
        acc["found"] = True


def _cnieg(block: str, entity: str) -> Callable[[Occurrence, dict, RuleContext], Found]:
    def judge(occ: Occurrence, acc: dict, ctx: RuleContext) -> Found:
        if acc.get("found"):
            return None
        for child in occ.child_blocks(block):
            value = child.values.get(entity)
            if value in CNIEG_ENTITIES:
                return _("{rubrique}: the value {value} is allowed only when at least one contract has {condition}.").format(
                    rubrique=_q(ctx.norm, entity), value=f"« {value} »",
                    condition=Eq(OLD_AGE_REGIME, "147").describe(ctx.norm),
                ), child.lines[entity]
        return None

    return judge


# ----------------------------------------------------------------------------- S21.G00.82
def _82_002_14(occ: Occurrence, ctx: RuleContext) -> Found:
    code = occ.values.get(EST_CODE)
    if code not in ("021", "022"):
        return None
    ref = occ.values.get(EST_REF)
    if ref is None:
        return None
    if not _cibtp(ref) and all(a.values.get(ADH_ID) != ref for a in _adhesions(occ)):
        return None
    return _("{rubrique}: the value {value} is not allowed when {other} {other_value} is a CIBTP fund code (01 to 37) or the identifier of an adhesion (S21.G00.15.005).").format(
        rubrique=_q(ctx.norm, EST_CODE), value=_v(ctx.norm, EST_CODE, code),
        other=_q(ctx.norm, EST_REF), other_value=f"« {ref} »",
    ), occ.lines[EST_CODE]


_OETH_YEARLY = ("060", "061", "062", "063", "064", "065", "066", "067", "068", "071", "072", "073")


def _82_002_21(occ: Occurrence, ctx: RuleContext) -> Found:
    if occ.values.get(EST_CODE) not in _OETH_YEARLY:
        return None
    start, end = parse_date(occ.values.get(EST_START)), parse_date(occ.values.get(EST_END))
    if start is None or end is None or start.year == end.year:
        return None
    return _("{rubrique} must fall in the same calendar year as {other}; found {value} and {other_value}.").format(
        rubrique=_q(ctx.norm, EST_END), other=_q(ctx.norm, EST_START),
        value=f"« {occ.values[EST_END]} »", other_value=f"« {occ.values[EST_START]} »",
    ), occ.lines[EST_CODE]


def _paired(first: str, second: str) -> Callable[[Occurrence, RuleContext], Found]:
    """A block 82 of code `first` needs another of code `second` with the same period, and
    conversely (scope: the établissement)."""

    def find(occ: Occurrence, ctx: RuleContext) -> Found:
        blocks: dict[str, list[Occurrence]] = {first: [], second: []}
        for block in occ.child_blocks(B82):
            code = block.values.get(EST_CODE)
            if code in blocks:
                blocks[code].append(block)
        if not blocks[first] and not blocks[second]:
            return None
        for have, need in ((first, second), (second, first)):
            periods = {(b.values.get(EST_START), b.values.get(EST_END)) for b in blocks[need]}
            for block in blocks[have]:
                period = (block.values.get(EST_START), block.values.get(EST_END))
                if period not in periods:
                    return _("A block {block} with {rubrique} {value} needs another one with {expected} for the same period ({start} to {end}); there is none.").format(
                        block=_q(ctx.norm, B82), rubrique=_q(ctx.norm, EST_CODE),
                        value=_v(ctx.norm, EST_CODE, have), expected=_v(ctx.norm, EST_CODE, need),
                        start=f"« {period[0] or ''} »", end=f"« {period[1] or ''} »",
                    ), _at(block, EST_CODE)
        return None

    return find


def _82_005_12(occ: Occurrence, ctx: RuleContext) -> Found:
    code = occ.values.get(EST_CODE)
    if code not in ("024", "054"):
        return None
    ref = occ.values.get(EST_REF)
    if _cibtp(ref):
        return None
    return _("{rubrique} must be a CIBTP fund code from 01 to 37 when {condition}; found {value}.").format(
        rubrique=_q(ctx.norm, EST_REF), condition=Eq(EST_CODE, "024", "054").describe(ctx.norm),
        value=_v(ctx.norm, EST_REF, ref),
    ), _at(occ, EST_REF)


def _adhesion_coded(code: str | None) -> bool:
    if code is None or not code.isdigit():
        return False
    n = int(code)
    return 1 <= n <= 20 or 36 <= n <= 40 or n in (46, 90)


def _82_005_14(occ: Occurrence, ctx: RuleContext) -> Found:
    code = occ.values.get(EST_CODE)
    if not _adhesion_coded(code):
        return None
    ref = occ.values.get(EST_REF)
    if ref is not None and any(a.values.get(ADH_ID) == ref for a in _adhesions(occ)):
        return None
    return _("{rubrique} must be the identifier of an adhesion of the declaration ({other}) when {condition}; found {value}.").format(
        rubrique=_q(ctx.norm, EST_REF), other=ADH_ID,
        condition=_("{rubrique} is {value}").format(rubrique=_q(ctx.norm, EST_CODE), value=_v(ctx.norm, EST_CODE, code)),
        value=_v(ctx.norm, EST_REF, ref),
    ), _at(occ, EST_REF)


_CODES_NEXT_MONTH = (
    "001", "002", "003", "004", "005", "006", "007", "009", "010", "011", "012", "017", "018", "019",
    "020", "036", "037", "038", "039", "040", "046", "090",
)
_CODES_MAIN_MONTH = (
    "021", "022", "023", "024", "025", "026", "027", "028", "029", "030", "031", "032", "033", "034",
    "035", "041", "042", "043", "044", "045", "047", "048", "049", "050", "054",
)


# ----------------------------------------------------------------------------- the registry
_DECL_08 = {NATURE: "08"}

RULES: dict[str, Any] = {
    # S10.G00.00 Envoi
    "S10.G00.00.007/CCH-11": Check(
        DEPOSIT, _10_00_007_11, reads=[NATURE], scope=ENVOI, triggers=[DEPOSIT],
        cases=_cases([{DEPOSIT: "01", NATURE: "10"}, {DEPOSIT: "02", NATURE: "01"}], [{DEPOSIT: "02", NATURE: "10"}]),
    ),
    "S10.G00.00.008/CCH-11": Check(
        SEND_TYPE, _10_00_008_11, reads=[NATURE, DECL_TYPE], scope=ENVOI, triggers=[SEND_TYPE],
        cases=_cases(
            [{SEND_TYPE: "02", NATURE: "01", DECL_TYPE: "02"}, {SEND_TYPE: "01", NATURE: "01", DECL_TYPE: "01"}],
            [{SEND_TYPE: "01", NATURE: "01", DECL_TYPE: "05"}, {SEND_TYPE: "02", NATURE: "04", DECL_TYPE: "01"}],
        ),
    ),
    # S10.G00.01 Emetteur
    "S10.G00.01.002/CCH-11": Check(
        E_NIC, _10_01_002_11, reads=[E_SIREN], triggers=[E_NIC],
        cases=_cases(
            [{E_SIREN: VALID_SIREN, E_NIC: VALID_NIC}, {E_SIREN: LA_POSTE_SIREN, E_NIC: "12345"}],
            [{E_SIREN: VALID_SIREN, E_NIC: "00075"}],
        ),
    ),
    "S10.G00.01.005/CCH-12": _address(E_POSTCODE, E_COUNTRY, E_FOREIGN),
    "S10.G00.01.006/CCH-11": Required(E_CITY, when=Present(E_POSTCODE)),
    # S20.G00.05 Déclaration
    "S20.G00.05.001/CCH-11": Check(
        NATURE, _05_001_11, reads=[], scope=DECL, triggers=[NATURE],
        cases=_cases([{**_DECL_08, "block:S21.G00.30": "1"}, {**_DECL_08, "block:S89.G00.91": "1"}, {NATURE: "01"}],
                     [_DECL_08]),
    ),
    "S20.G00.05.001/CCH-12": Aggregate(
        NATURE, B86, DECL, _collect_flag, _05_001_12, reads=[],
        cases=_cases([{**_DECL_08, "block:S21.G00.15": "1", "block:S21.G00.86": "1"}, {**_DECL_08}],
                     [{**_DECL_08, "block:S21.G00.15": "1"}]),
    ),
    "S20.G00.05.001/CCH-13": Aggregate(
        NATURE, B70, DECL, _collect_adhesion_refs, _05_001_13, reads=[ADH_ID, AFF_ADHESION],
        cases=_cases([{**_DECL_08, ADH_ID: "1", AFF_ADHESION: "1"}, {NATURE: "01", ADH_ID: "1", AFF_ADHESION: "2"}],
                     [{**_DECL_08, ADH_ID: "1", AFF_ADHESION: "2"}, {**_DECL_08, ADH_ID: "1"}]),
    ),
    "S20.G00.05.002/CCH-13": ValueNotIn(DECL_TYPE, ["04"], when=Not(Nature("07", "08", "09"))),
    "S20.G00.05.002/CCH-14": ValueNotIn(DECL_TYPE, ["02", "05"], when=Not(Nature("01"))),
    "S20.G00.05.002/CCH-15": ValueNotIn(DECL_TYPE, ["03"], when=Nature("08")),
    "S20.G00.05.002/CCH-16": Check(
        DECL_TYPE, _05_002_16, reads=[], scope=DECL, triggers=[DECL_TYPE],
        cases=_cases([{DECL_TYPE: "01", "block:S21.G00.30": "1"}, {DECL_TYPE: "03", "block:S89.G00.91": "1"}, {DECL_TYPE: "02"}],
                     [{DECL_TYPE: "01"}, {DECL_TYPE: "03"}]),
    ),
    "S20.G00.05.003/CCH-11": ValueIn(FRACTION, ["11"], when=Nature("04", "05", "07", "08", "10")),
    "S20.G00.05.006/CCH-12": _Forbidden(
        REPLACED, NotEq(DECL_TYPE, "03", "04"),
        cases=_cases([{DECL_TYPE: "03", REPLACED: "010120261"}], [{DECL_TYPE: "01", REPLACED: "010120261"}]),
    ),
    "S20.G00.05.007/CCH-12": _cut("S20.G00.05.006/CCH-12"),
    "S20.G00.05.008/CCH-11": ValueNotIn(FIELD, ["02"], when=Eq(DEPOSIT, "01")),
    "S20.G00.05.008/CCH-12": ValueNotIn(FIELD, ["03"], when=Eq(DEPOSIT, "02")),
    "S20.G00.05.009/CCH-11": Aggregate(
        BUSINESS_ID, B30, DECL, _collect_nir_as_id, _05_009_11, reads=[NIR],
        cases=_cases([{BUSINESS_ID: "ID1", NIR: "1850578006084"}], [{BUSINESS_ID: "1850578006084", NIR: "1850578006084"}]),
    ),
    "S20.G00.05.010/SIG-11": Check(
        CURRENCY, _05_010_sig_11, reads=[C_POSTCODE], scope=DECL, triggers=[CURRENCY],
        cases=_cases([{CURRENCY: "02", C_POSTCODE: "98714"}, {CURRENCY: "01", C_POSTCODE: "75001"}, {CURRENCY: "02"}],
                     [{CURRENCY: "02", C_POSTCODE: "75001"}]),
    ),
    "S20.G00.05.011/CCH-11": Check(
        EVENT, _05_011_11, reads=[], scope=DECL, triggers=[EVENT],
        cases=_cases([{EVENT: "06", "block:S89.G00.91": "1"}, {EVENT: "01"}],
                     [{EVENT: "06"}, {EVENT: "01", "block:S89.G00.91": "1"}]),
    ),
    "S20.G00.05.011/CCH-12": RequiredChild(B15, when=Eq(EVENT, "03", "04", "05"), within=B11),
    "S20.G00.05.011/CCH-13": Check(
        EVENT, _05_011_13, reads=[], scope=DECL, triggers=[EVENT],
        cases=_cases([{EVENT: "06"}, {EVENT: "01", "block:S21.G00.15": "1"}],
                     [{EVENT: "06", "block:S21.G00.15": "1"}, {EVENT: "07", "block:S21.G00.85": "1"}]),
    ),
    "S20.G00.05.011/CCH-14": Aggregate(
        EVENT, B30, DECL, _collect_contract_blocks, _05_011_14, reads=[],
        cases=_cases([{EVENT: "07", "block:S21.G00.30": "1"}, {EVENT: "01", "block:S21.G00.40": "1"}],
                     [{EVENT: "07", "block:S21.G00.40": "1"}, {EVENT: "07", "block:S21.G00.86": "1"}]),
    ),
    "S20.G00.05.012/CCH-11": Required(LAST_SIRET, when=Eq(EVENT, "02", "07")),
    # S21.G00.06 Entreprise
    "S21.G00.06.005/CCH-11": _address(C_POSTCODE, C_COUNTRY, C_FOREIGN),
    "S21.G00.06.006/CCH-11": Required(C_CITY, when=Present(C_POSTCODE)),
    "S21.G00.06.012/SIG-11": Required(C_ABROAD, when=Present(C_COUNTRY)),
    # S21.G00.11 Etablissement
    "S21.G00.11.004/CCH-11": _address(S_POSTCODE, S_COUNTRY, S_FOREIGN),
    "S21.G00.11.005/CCH-11": Required(S_CITY, when=Present(S_POSTCODE)),
    "S21.G00.11.017/CCH-11": Aggregate(
        LEGAL_NATURE, B40, B11, _collect_unemployment, _11_017_11, reads=[UNEMPLOYMENT_MGMT],
        cases=_cases([{UNEMPLOYMENT_MGMT: "03", LEGAL_NATURE: "01"}, {UNEMPLOYMENT_MGMT: "01"}],
                     [{UNEMPLOYMENT_MGMT: "04"}]),
    ),
    "S21.G00.11.019/SIG-11": Required(TESE_DATE, when=And(Eq(EDITOR, "TESE", "CEA"), Nature("01"))),
    "S21.G00.11.024/CCH-11": Forbidden(EXIT_REQUEST, when=NotEq(DECL_TYPE, "02", "05")),
    # S21.G00.12 Coordonnées bancaires spécifiques
    "S21.G00.12.001/CCH-11": _ValueNotIn(BANK_USE, ["01"], when=Not(Nature("08")), cases=[({BANK_USE: "01", NATURE: "08"}, True)]),
    "S21.G00.12.001/CCH-12": _ValueNotIn(BANK_USE, ["01"], when=Not(Eq(EVENT, "01")), cases=[({BANK_USE: "01", EVENT: "01"}, True)]),
    # S21.G00.13 Complément OETH
    "S21.G00.13.003/CCH-11": RequiredIff(BOETH_COUNT, Present(BOETH_TYPE)),
    "S21.G00.13.004/CCH-11": _year_at_most_main(OETH_YEAR),
    "S21.G00.13.004/CCH-12": Check(
        OETH_YEAR, _13_004_12, reads=[OETH_AGREEMENT, BOETH_TYPE], triggers=[OETH_YEAR],
        cases=_cases([{OETH_YEAR: "2025", BOETH_TYPE: "01"}, {OETH_YEAR: "2025", OETH_AGREEMENT: "AAAAAAAAAAAA"}],
                     [{OETH_YEAR: "2025"}, {OETH_YEAR: "2025", BOETH_COUNT: "1.00"}]),
    ),
    # S21.G00.15 Adhésion Prévoyance, S21.G00.16
    "S21.G00.15.001/CCH-13": Aggregate(
        ADH_CONTRACT, B70, B11, _collect_adhesion_refs, _covered_staff("01"), reads=[ADH_COVERED, ADH_ID, APET, AFF_ADHESION],
        cases=_cases(
            [{ADH_COVERED: "01", ADH_ID: "1", AFF_ADHESION: "1"}, {ADH_COVERED: "02", ADH_ID: "1"},
             {ADH_COVERED: "01", ADH_ID: "1", APET: TEMP_AGENCIES}],
            [{ADH_COVERED: "01", ADH_ID: "1"}, {ADH_COVERED: "01", ADH_ID: "1", AFF_ADHESION: "2"}],
        ),
    ),
    "S21.G00.15.001/CCH-14": Aggregate(
        ADH_CONTRACT, B70, B11, _collect_adhesion_refs, _covered_staff("02"), reads=[ADH_COVERED, ADH_ID, APET, AFF_ADHESION],
        cases=_cases(
            [{ADH_COVERED: "02", ADH_ID: "1"}, {ADH_COVERED: "02", ADH_ID: "1", AFF_ADHESION: "2"},
             {ADH_COVERED: "02", ADH_ID: "1", AFF_ADHESION: "1", APET: TEMP_AGENCIES}],
            [{ADH_COVERED: "02", ADH_ID: "1", AFF_ADHESION: "1"}],
        ),
    ),
    "S21.G00.15.002/CCH-13": _cut("S21.G00.15.001/CCH-13"),
    "S21.G00.15.003/CCH-11": _delegates("sociétés d'assurance"),
    "S21.G00.15.003/CCH-12": _delegates("institutions de prévoyance"),
    "S21.G00.15.003/CCH-13": _delegates("mutuelles"),
    "S21.G00.15.003/CCH-14": _delegates("organismes complémentaires non fédérés (CTIP, FFA, FNMF)"),
    "S21.G00.15.004/CCH-14": _cut("S21.G00.15.001/CCH-14"),
    "S21.G00.16.001/SIG-11": MONTHLY_DATATION,
    # S21.G00.20 Versement organisme de protection sociale
    "S21.G00.20.001/CCH-12": Check(
        OPS, _20_001_12, reads=[PAY_AMOUNT, PAYER, SIREN, NIC], triggers=[OPS],
        cases=_cases(
            [{OPS: "P0001", PAY_AMOUNT: "10.00", "block:S21.G00.55": "1"},
             {OPS: "P0001", PAY_AMOUNT: "0.00", PAYER: VALID_SIREN + "00082", SIREN: VALID_SIREN, NIC: VALID_NIC},
             {OPS: "DGFIP", PAY_AMOUNT: "10.00"}],
            [{OPS: "P0001", PAY_AMOUNT: "10.00"}, {OPS: "123456789", PAY_AMOUNT: "0.00"},
             {OPS: "A00001", PAY_AMOUNT: "0.00", PAYER: VALID_SIREN + VALID_NIC, SIREN: VALID_SIREN, NIC: VALID_NIC}],
        ),
    ),
    "S21.G00.20.001/CCH-13": Check(
        OPS, _20_001_13, reads=[PAY_DELEGATE, ADH_ORG, ADH_DELEGATE], triggers=[OPS],
        cases=_cases(
            [{OPS: "P0001", ADH_ORG: "P0001"}, {OPS: "P0001", PAY_DELEGATE: "D00001", ADH_ORG: "P0001", ADH_DELEGATE: "D00001"},
             {OPS: "P0001", "block:S21.G00.55": "1"}, {OPS: "DGFIP"}],
            [{OPS: "P0001", ADH_ORG: "P0002"}, {OPS: "P0001", PAY_DELEGATE: "D00001", ADH_ORG: "P0001"}, {OPS: "P0001"}],
        ),
    ),
    "S21.G00.20.002/CCH-11": _required_in(
        OPS_ENTITY, ["DGFIP_PAS", "DGFIP_SATD"], Eq(OPS, "DGFIP"),
        _cases([{OPS: "DGFIP", OPS_ENTITY: "DGFIP_PAS"}, {OPS: "P0001"}], [{OPS: "DGFIP"}, {OPS: "DGFIP", OPS_ENTITY: "DGFIP"}]),
    ),
    "S21.G00.20.002/CCH-12": Aggregate(
        OPS_ENTITY, B40, B11, _collect_cnieg, _cnieg(B20, OPS_ENTITY), reads=[OLD_AGE_REGIME],
        cases=_cases([{OPS_ENTITY: "CNIEG_COT_RS", OLD_AGE_REGIME: "147"}, {OPS_ENTITY: "DGFIP_PAS"}],
                     [{OPS_ENTITY: "CNIEG_COT_POOL"}, {OPS_ENTITY: "CNIEG_COT_RDC", OLD_AGE_REGIME: "200"}]),
    ),
    "S21.G00.20.003/CCH-12": Forbidden(PAY_BIC, when=OTHER_PAYER),
    "S21.G00.20.004/CCH-12": Forbidden(PAY_IBAN, when=OTHER_PAYER),
    "S21.G00.20.004/CCH-13": Check(
        PAY_IBAN, _20_004_13, reads=[OPS], triggers=[PAY_IBAN],
        cases=_cases(
            [{OPS: "24", PAY_IBAN: "FR7630006000011234567890189"}, {OPS: "P0001", PAY_IBAN: "DE89370400440532013000"},
             {OPS: "78861779300013", PAY_IBAN: "DE89370400440532013000"}],
            [{OPS: "24", PAY_IBAN: "DE89370400440532013000"}],
        ),
    ),
    "S21.G00.20.005/CCH-12": Check(
        PAY_AMOUNT, _20_005_12, reads=[OPS, COMP_AMOUNT], triggers=[PAY_AMOUNT],
        cases=_cases(
            [{OPS: "P0001", PAY_AMOUNT: "12.50", COMP_AMOUNT: "12.50"}, {OPS: "P0001", PAY_AMOUNT: "0.00", COMP_AMOUNT: "-3.00"},
             {OPS: "DGFIP", PAY_AMOUNT: "10.00", COMP_AMOUNT: "12.50"}],
            [{OPS: "P0001", PAY_AMOUNT: "10.00", COMP_AMOUNT: "12.50"}, {OPS: "P0001", PAY_AMOUNT: "3.00", COMP_AMOUNT: "-3.00"}],
        ),
    ),
    "S21.G00.20.005/CCH-13": Compare(PAY_AMOUNT, "<=", Const("999999999.00"), when=Eq(OPS, "DGFIP")),
    "S21.G00.20.006/CCH-11": URSSAF_TABLE,
    "S21.G00.20.006/CCH-12": AGIRC_ARRCO_TABLE,
    "S21.G00.20.007/CCH-11": Compare(PAY_END, ">=", PAY_START),
    "S21.G00.20.007/CCH-12": AGIRC_ARRCO_TABLE,
    "S21.G00.20.007/CCH-13": _date_limit(
        PAY_END, "end", _cases([{PAY_END: "31012026", MAIN_MONTH: MONTH}], [{PAY_END: "01022026", MAIN_MONTH: MONTH}])
    ),
    "S21.G00.20.007/CCH-14": _cut("S21.G00.20.008/CCH-14"),
    "S21.G00.20.007/CCH-15": _cut("S21.G00.20.008/CCH-15"),
    "S21.G00.20.008/CCH-11": _delegates("institutions de prévoyance"),
    "S21.G00.20.008/CCH-12": _delegates("sociétés d'assurance"),
    "S21.G00.20.008/CCH-13": _delegates("mutuelles"),
    "S21.G00.20.008/CCH-14": _delegates("organismes complémentaires non fédérés (CTIP, FFA, FNMF)"),
    "S21.G00.20.008/CCH-15": Forbidden(PAY_DELEGATE, when=_Prevoyance(OPS, kind=False)),
    "S21.G00.20.010/CCH-12": Required(PAY_IBAN, when=Eq(PAY_MODE, "05")),
    "S21.G00.20.010/CCH-14": _required_in(
        PAY_MODE, ["05", "06"], Eq(OPS, "DGFIP"),
        _cases([{OPS: "DGFIP", PAY_MODE: "05"}, {OPS: "DGFIP", PAY_MODE: "06"}, {OPS: "P0001", PAY_MODE: "01"}],
               [{OPS: "DGFIP", PAY_MODE: "01"}, {OPS: "DGFIP"}]),
    ),
    "S21.G00.20.010/SIG-13": Required(PAY_BIC, when=Eq(PAY_MODE, "05")),
    "S21.G00.20.010/SIG-14": ValueIn(PAY_MODE, ["06"], when=OTHER_PAYER),
    "S21.G00.20.011/CCH-11": _cut("S21.G00.20.012/CCH-11"),
    "S21.G00.20.011/CCH-12": _cut("S21.G00.20.012/CCH-12"),
    "S21.G00.20.011/CCH-13": _cut("S21.G00.20.012/CCH-13"),
    "S21.G00.20.011/CCH-14": _cut("S21.G00.20.012/CCH-14"),
    "S21.G00.20.012/CCH-11": Check(
        PAYER, _20_012_11, reads=[OPS, PAY_AMOUNT, SIREN, NIC], triggers=[PAYER],
        cases=_cases(
            [{OPS: "DGFIP", PAYER: VALID_SIREN + "00082", SIREN: VALID_SIREN, NIC: VALID_NIC, PAY_AMOUNT: "0.00"},
             {OPS: "P0001", PAYER: VALID_SIREN + VALID_NIC, SIREN: VALID_SIREN, NIC: VALID_NIC, PAY_AMOUNT: "10.00"},
             {OPS: "78861779300013", PAYER: VALID_SIREN + "00082", SIREN: VALID_SIREN, NIC: VALID_NIC, PAY_AMOUNT: "10.00"}],
            [{OPS: "DGFIP", PAYER: VALID_SIREN + "00082", SIREN: VALID_SIREN, NIC: VALID_NIC, PAY_AMOUNT: "10.00"},
             {OPS: "P0001", PAYER: VALID_SIREN + "00082", SIREN: VALID_SIREN, NIC: VALID_NIC, PAY_AMOUNT: "10.00"}],
        ),
    ),
    "S21.G00.20.012/CCH-12": Check(
        PAYER, _20_012_12, reads=[PAY_MODE, SIREN, NIC], triggers=[PAY_MODE],
        cases=_cases(
            [{PAY_MODE: "06", PAYER: VALID_SIREN + "00082", SIREN: VALID_SIREN, NIC: VALID_NIC}, {PAY_MODE: "05"}],
            [{PAY_MODE: "06"}, {PAY_MODE: "06", PAYER: VALID_SIREN + VALID_NIC, SIREN: VALID_SIREN, NIC: VALID_NIC}],
        ),
    ),
    "S21.G00.20.012/CCH-13": Forbidden(PAYER, when=And(Eq(OPS, "DGFIP"), Eq(PAY_MODE, "05"))),
    "S21.G00.20.012/CCH-14": Check(
        PAYER, _20_012_14, reads=[OPS, SIREN], triggers=[PAYER],
        cases=_cases(
            [{OPS: "DGFIP", PAYER: VALID_SIREN + "00082", SIREN: VALID_SIREN}, {OPS: "P0001", PAYER: "12345678900011", SIREN: VALID_SIREN}],
            [{OPS: "DGFIP", PAYER: "12345678900011", SIREN: VALID_SIREN}],
        ),
    ),
    "S21.G00.20.013/CCH-11": Forbidden(PAY_CRM, when=_before_main_month(PAY_START, PAY_END)),
    "S21.G00.20.014/CCH-11": Required(PAY_ID, when=Eq(OPS_ENTITY, "DGFIP_SATD")),
    # S21.G00.22 Bordereau de cotisation due, S21.G00.23 Cotisation agrégée
    "S21.G00.22.002/CCH-13": Aggregate(
        BRD_ENTITY, B40, B11, _collect_cnieg, _cnieg(B22, BRD_ENTITY), reads=[OLD_AGE_REGIME],
        cases=_cases([{BRD_ENTITY: "CNIEG_COT_RS", OLD_AGE_REGIME: "147"}, {BRD_ENTITY: "ABC"}],
                     [{BRD_ENTITY: "CNIEG_COT_RDC"}]),
    ),
    "S21.G00.22.003/CCH-11": URSSAF_TABLE,
    "S21.G00.22.004/CCH-11": Compare(BRD_END, ">=", BRD_START),
    "S21.G00.22.004/CCH-12": _date_limit(
        BRD_END, "end", _cases([{BRD_END: "31012026", MAIN_MONTH: MONTH}], [{BRD_END: "01022026", MAIN_MONTH: MONTH}])
    ),
    "S21.G00.22.005/CCH-11": URSSAF_TABLE,
    "S21.G00.22.006/CCH-11": Forbidden(BRD_CRM, when=_before_main_month(BRD_START, BRD_END)),
    "S21.G00.23.006/CCH-11": Required(AGG_INSEE, when=Eq(AGG_CODE, "900", "901", "911", "917", "921", "927")),
    "S21.G00.23.007/CCH-11": Forbidden(AGG_CRM, when=_before_main_month(BRD_START, BRD_END)),
    # S21.G00.44 Assujettissement fiscal
    "S21.G00.44.001/CCH-11": Required(TAX_AMOUNT, when=Eq(TAX_CODE, "005", "009", "015", "016")),
    "S21.G00.44.001/CCH-12": Forbidden(TAX_AMOUNT, when=Eq(TAX_CODE, "002", "004", "006", "008", "010", "014")),
    "S21.G00.44.002/CCH-11": _cut("S21.G00.44.001/CCH-11"),
    "S21.G00.44.002/CCH-12": _cut("S21.G00.44.001/CCH-12"),
    "S21.G00.44.003/CCH-11": _year_at_most_main(TAX_YEAR),
    "S21.G00.44.004/CCH-11": RequiredIff(TAX_REASON, Eq(TAX_CODE, "002")),
    # S21.G00.55 Composant de versement
    "S21.G00.55.003/CCH-11": Check(
        COMP_AFFECT, _55_003_11, reads=[OPS, PAY_DELEGATE, ADH_ORG, ADH_DELEGATE, ADH_CONTRACT], triggers=[COMP_AFFECT],
        cases=_cases(
            [{COMP_AFFECT: "C1", OPS: "P0001", ADH_ORG: "P0001", ADH_CONTRACT: "C1"},
             {COMP_AFFECT: "C1", OPS: "P0001", PAY_DELEGATE: "D00001", ADH_ORG: "P0001", ADH_DELEGATE: "D00001", ADH_CONTRACT: "C1"},
             {OPS: "P0001"}],
            [{COMP_AFFECT: "C1", OPS: "P0001", ADH_ORG: "P0001", ADH_CONTRACT: "C2"},
             {COMP_AFFECT: "C1", OPS: "P0001", PAY_DELEGATE: "D00001", ADH_ORG: "P0001", ADH_CONTRACT: "C1"}],
        ),
    ),
    "S21.G00.55.004/CCH-11": Check(
        COMP_PERIOD, _55_004_11, reads=[MAIN_MONTH], triggers=[COMP_PERIOD],
        cases=_cases(
            [{COMP_PERIOD: "2026M02", MAIN_MONTH: MONTH}, {COMP_PERIOD: "2026T01", MAIN_MONTH: MONTH},
             {COMP_PERIOD: "2026S01", MAIN_MONTH: MONTH}, {COMP_PERIOD: "2026A00", MAIN_MONTH: MONTH},
             {COMP_PERIOD: "2027M01", MAIN_MONTH: "01122026"}, {COMP_PERIOD: "2027A00", MAIN_MONTH: "01122026"},
             {COMP_PERIOD: "2027E00", MAIN_MONTH: MONTH}],
            [{COMP_PERIOD: "2026M03", MAIN_MONTH: MONTH}, {COMP_PERIOD: "2026T02", MAIN_MONTH: MONTH},
             {COMP_PERIOD: "2026S02", MAIN_MONTH: MONTH}, {COMP_PERIOD: "2027A00", MAIN_MONTH: MONTH},
             {COMP_PERIOD: "2026T03", MAIN_MONTH: "01032026"}],
        ),
    ),
    "S21.G00.55.005/CCH-11": Forbidden(COMP_CRM, when=_before_main_month(PAY_START, PAY_END)),
    # S21.G00.82 Cotisation établissement
    "S21.G00.82.002/CCH-14": Check(
        EST_CODE, _82_002_14, reads=[EST_REF, ADH_ID], triggers=[EST_CODE],
        cases=_cases([{EST_CODE: "021", EST_REF: "99"}, {EST_CODE: "021", EST_REF: "3", ADH_ID: "4"}, {EST_CODE: "024", EST_REF: "12"}],
                     [{EST_CODE: "021", EST_REF: "12"}, {EST_CODE: "022", EST_REF: "3", ADH_ID: "3"}]),
    ),
    "S21.G00.82.002/CCH-21": Check(
        EST_CODE, _82_002_21, reads=[EST_START, EST_END], triggers=[EST_CODE],
        cases=_cases([{EST_CODE: "065", EST_START: "01012025", EST_END: "31122025"}, {EST_CODE: "001", EST_START: "01122025", EST_END: "31012026"}],
                     [{EST_CODE: "068", EST_START: "01122025", EST_END: "31012026"}]),
    ),
    "S21.G00.82.002/CCH-22": Check(
        EST_CODE, _paired("065", "066"), reads=[EST_START, EST_END], scope=B11,
        cases=_cases([{EST_CODE: "001"}, {}], [{EST_CODE: "065", EST_START: "01012025", EST_END: "31122025"}, {EST_CODE: "066"}]),
    ),
    "S21.G00.82.002/CCH-24": Check(
        EST_CODE, _paired("068", "065"), reads=[EST_START, EST_END], scope=B11,
        cases=_cases([{EST_CODE: "066"}, {}], [{EST_CODE: "068", EST_START: "01012025", EST_END: "31122025"}, {EST_CODE: "065"}]),
    ),
    "S21.G00.82.003/CCH-11": _date_limit(
        EST_START, "next", codes=_CODES_NEXT_MONTH, code=EST_CODE,
        cases=_cases([{EST_CODE: "001", EST_START: "28022026", MAIN_MONTH: MONTH}, {EST_CODE: "021", EST_START: "01032026", MAIN_MONTH: MONTH}],
                     [{EST_CODE: "090", EST_START: "01032026", MAIN_MONTH: MONTH}]),
    ),
    "S21.G00.82.003/CCH-12": _date_limit(
        EST_START, "end", codes=_CODES_MAIN_MONTH, code=EST_CODE,
        cases=_cases([{EST_CODE: "021", EST_START: "31012026", MAIN_MONTH: MONTH}, {EST_CODE: "001", EST_START: "01022026", MAIN_MONTH: MONTH}],
                     [{EST_CODE: "054", EST_START: "01022026", MAIN_MONTH: MONTH}]),
    ),
    "S21.G00.82.004/CCH-11": _cut("S21.G00.82.003/CCH-11"),
    "S21.G00.82.004/CCH-12": _cut("S21.G00.82.003/CCH-12"),
    "S21.G00.82.004/CCH-12#2": _cut("S21.G00.82.005/CCH-12"),
    "S21.G00.82.004/CCH-14": _cut("S21.G00.82.005/CCH-14"),
    "S21.G00.82.004/CCH-22": _cut("S21.G00.82.002/CCH-22"),
    "S21.G00.82.004/CCH-24": _cut("S21.G00.82.002/CCH-24"),
    "S21.G00.82.005/CCH-12": Check(
        EST_REF, _82_005_12, reads=[EST_CODE], triggers=[EST_CODE],
        cases=_cases([{EST_CODE: "024", EST_REF: "01"}, {EST_CODE: "054", EST_REF: "37"}, {EST_CODE: "001", EST_REF: "99"}],
                     [{EST_CODE: "024", EST_REF: "38"}, {EST_CODE: "054"}, {EST_CODE: "024", EST_REF: "1"}]),
    ),
    "S21.G00.82.005/CCH-14": Check(
        EST_REF, _82_005_14, reads=[EST_CODE, ADH_ID], triggers=[EST_CODE],
        cases=_cases([{EST_CODE: "001", EST_REF: "2", ADH_ID: "2"}, {EST_CODE: "090", EST_REF: "5", ADH_ID: "5"}, {EST_CODE: "021", EST_REF: "9"}],
                     [{EST_CODE: "046", EST_REF: "2", ADH_ID: "3"}, {EST_CODE: "020"}]),
    ),
    "S21.G00.82.005/CCH-21": _cut("S21.G00.82.002/CCH-21"),
    "S21.G00.82.006/CCH-11": Forbidden(EST_CRM, when=_before_main_month(EST_START, EST_END)),
}

def _decl_lines(order: str, replaced: str | None = None) -> list[tuple[str, str]]:
    """A declaration of the envoi as lines (for cases with two declarations)."""
    lines = [(NATURE, "01"), (ORDER, order)]
    if replaced:
        lines.append((REPLACED, replaced))
    return lines + [(FILE_DATE, "05022026"), (SIREN, "732829320"), (NIC, "00074")]


_IBAN = "FR7630006000011234567890189"
RULES.update({
    "S20.G00.05.002/CCH-11": Check(
        REPLACED, _05_002_11, reads=[FILE_DATE, ORDER, SIREN, NIC], scope=ENVOI,
        cases=_cases(
            [{"lines": [("S10.G00.00.001", "X"), *_decl_lines("1"), *_decl_lines("2", "010120261")]}],
            # The second declaration cancels the first one of the same envoi.
            [{"lines": [("S10.G00.00.001", "X"), *_decl_lines("1"), *_decl_lines("2", "050220261")]}],
        ),
    ),
    "S21.G00.12.001/CCH-13": Check(
        BANK_USE, _12_001_13, reads=[BANK_BIC, BANK_IBAN], scope=B11,
        cases=_cases(
            [{"lines": [(NIC, "00074"), (BANK_USE, "01"), (BANK_IBAN, _IBAN), (BANK_USE, "01"), (BANK_IBAN, _IBAN)]}],
            [{"lines": [(NIC, "00074"), (BANK_USE, "01"), (BANK_IBAN, _IBAN), (BANK_USE, "01"), (BANK_IBAN, "FR7630006000019876543210987")]}],
        ),
    ),
    "S21.G00.15.001/CCH-11": Check(
        ADH_CONTRACT, _15_001_11, reads=[ADH_ORG], scope=B11,
        cases=_cases(
            [{"lines": [(NIC, "00074"), (ADH_CONTRACT, "C1"), (ADH_ORG, "P0001"), (ADH_CONTRACT, "C2"), (ADH_ORG, "P0001")]}],
            [{"lines": [(NIC, "00074"), (ADH_CONTRACT, "C1"), (ADH_ORG, "P0001"), (ADH_CONTRACT, "C1"), (ADH_ORG, "P0001")]}],
        ),
    ),
    "S21.G00.15.005/CCH-11": Check(
        ADH_ID, _15_005_11, scope=B11,
        cases=_cases(
            [{"lines": [(NIC, "00074"), (ADH_CONTRACT, "C1"), (ADH_ID, "1"), (ADH_CONTRACT, "C2"), (ADH_ID, "2")]}],
            [{"lines": [(NIC, "00074"), (ADH_CONTRACT, "C1"), (ADH_ID, "1"), (ADH_CONTRACT, "C2"), (ADH_ID, "1")]}],
        ),
    ),
})

