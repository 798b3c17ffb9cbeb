"""The CSL controls and the CRE controls (checks against external tables) of CT2026.

Every control of the norm whose family is CSL or CRE has an entry here. The generic checks
of a value (characters, length, code list, regex, real dates of rubriques typed D) are done
on every line by `forms/controls/syntax.py`; the rules below judge only values that already
have the rubrique's shape, so a malformed value is reported once, by the syntax check.

Readings (the narrowest certain one where the text leaves room):

- "vérification de la clé" on a SIREN: the Luhn key of the 9 digits (stdnum.fr.siren). On a
  NIC: the Luhn key of the SIRET it forms with the SIREN of the enterprise
  (S21.G00.06.001); judged only when that SIREN is there and has a valid key, since with a
  wrong SIREN nothing can be said of the NIC. On a SIRET: "clé SIREN" is the key of its first
  9 digits, "clé SIRET" (and the bare "clé" of S20.G00.05.012) the key of its 14 digits. La
  Poste's SIRETs (SIREN 356000000) are accepted whatever their NIC (project policy; see
  `forms.identifiers.LA_POSTE_SIREN` for what python-stdnum checks instead).
- "clé IBAN": the ISO 7064 mod 97-10 key of the IBAN, nothing more (the country's length
  and structure are not part of the key). "clé BBAN": the French RIB key, checked on FR
  IBANs of the French structure only; other countries' national keys are not checked (we do
  not know which ones the official tool verifies).
- "respect des contraintes calendaires … aux exceptions près acceptées sur le mois ou le jour
  à 00 ou 99" (birth dates, typed N, so syntax.py does not check the calendar): when neither
  the day nor the month is 00 or 99, the date must be a day of the calendar; with a 00/99
  day or month nothing more is required. The calendar controls of the S89 dates typed D
  (S89.G00.87.005/.006, S89.G00.89.005) repeat syntax.py's FMT-DATE check: see
  `ALSO_CHECKED_BY_SYNTAX`.
- NTT: CSL-11 "doit commencer par 1 ou 2", CSL-12/15 "le caractère espace est interdit"
  (U+0020 only; other white space is refused by the charset check).
- Libellé de l'emploi (S21.G00.40.006): a run of the same character (compared exactly, case
  included) longer than two is refused, except digits (any run) and 'i' or 'I' (runs of up
  to three); spaces and punctuation count as characters. The first character must be a
  letter or a digit (`str.isalnum`). Runs mixing cases ("Aaa") are not judged: the text does
  not say whether they are "the same character".
- ISO 3166-1 alpha-2 country codes: Babel's territory list (the two-letter keys of
  `babel.Locale('fr').territories`) without CLDR's codes that are no country of any ISO
  table (EU, EZ, UN, QO, XA, XB, ZZ); the user-assigned XK (Kosovo) and the exceptionally
  reserved AC, CP, DG, EA, IC, TA are accepted, since we cannot tell whether the official
  table carries them. Codes of the French postal system (FR, GP, BL, MF, MQ, GF, RE, PM, YT,
  WF, PF, NC, MC) are refused where the message says so, and for S89.G00.91.011, whose
  message is empty but whose description says the code must not be given for them.

Not decidable:

- the references to a paragraph of the CT's editorial (identities, addresses, e-mail,
  contract numbers): TEXT_INCOMPLETE, the editorial is not in the material;
- the other CRE tables (hexaposte, NAF, IDCC, PCS-ESE, COG communes, OPS…):
  EXTERNAL_TABLE. `offline_notes(code)` gives, for a rubrique whose table we lack, the
  sentence to show once per rubrique per file as an informational finding.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from forms import identifiers
from forms.controls.dsl import (
    EXTERNAL_TABLE,
    TEXT_INCOMPLETE,
    Check,
    Example,
    Holds,
    NotDecidable,
    Rule,
    RuleContext,
)
from forms.controls.syntax import is_real_date
from forms.dsn.tree import Occurrence
from forms.i18n import N_, _
from forms.norm import Norm


class ValueCheck(Check):
    """A `Check` on the value of its target rubrique: it runs only on occurrences where the
    target is present (the validator indexes rules by their trigger rubriques)."""

    def triggers(self) -> frozenset[str] | None:
        return frozenset({self.target})


def _rub(norm: Norm, code: str) -> str:
    return f"« {norm.label(code)} » ({code})"


def _shaped(norm: Norm, code: str, value: str) -> bool:
    """The value has the rubrique's length and regex (what syntax.py reports otherwise)."""
    r = norm.rubriques.get(code)
    if r is None:
        return False
    if not (r.min_length <= len(value) <= r.max_length):
        return False
    return r.regex is None or r.regex.fullmatch(value) is not None


def _digits(value: str | None, n: int) -> bool:
    return value is not None and len(value) == n and value.isascii() and value.isdigit()


# ----------------------------------------------------------------------------- keys
@lru_cache(maxsize=4096)
def _siren_ok(number: str) -> bool:
    return identifiers.siren.is_valid(number)


def _siren_key(code: str) -> Check:
    """Luhn key of a 9-digit SIREN rubrique."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if not _digits(value, 9) or _siren_ok(value):  # type: ignore[arg-type]
            return None
        assert value is not None
        return _(
            "{rubrique}: expected a SIREN whose key (Luhn) matches; found {value}, whose last digit would have to be {expected}."
        ).format(
            rubrique=_rub(ctx.norm, code),
            value=f"« {value} »",
            expected=identifiers.siren.expected_last_digit(value),
        )

    return ValueCheck(
        code,
        fn,
        cases=[({code: "732829320"}, True), ({code: "356000000"}, True), ({code: "732829321"}, False)],
    )


def _siret_siren_key(code: str) -> Check:
    """Luhn key of the first 9 digits of a 14-digit SIRET rubrique ("clé SIREN")."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if not _digits(value, 14) or _siren_ok(value[:9]):  # type: ignore[index]
            return None
        assert value is not None
        return _(
            "{rubrique}: expected a SIRET whose first 9 digits (the SIREN) pass the SIREN key (Luhn); found {value}, whose SIREN {siren} does not."
        ).format(rubrique=_rub(ctx.norm, code), value=f"« {value} »", siren=f"« {value[:9]} »")

    return ValueCheck(
        code,
        fn,
        cases=[({code: "73282932000074"}, True), ({code: "73282932100074"}, False)],
    )


def _siret_key(code: str) -> Check:
    """Luhn key of a 14-digit SIRET rubrique ("clé SIRET"), La Poste accepted."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if not _digits(value, 14) or identifiers.siret.key_is_valid(value):  # type: ignore[arg-type]
            return None
        assert value is not None
        return _(
            "{rubrique}: expected a SIRET whose key (Luhn over the 14 digits) matches; found {value}, whose last digit would have to be {expected}."
        ).format(
            rubrique=_rub(ctx.norm, code),
            value=f"« {value} »",
            expected=identifiers.siret.expected_last_digit(value),
        )

    return ValueCheck(
        code,
        fn,
        cases=[
            ({code: "73282932000074"}, True),
            ({code: "35600000012345"}, True),  # La Poste
            ({code: "73282932000079"}, False),
        ],
    )


def _nic_key(code: str, siren_code: str = "S21.G00.06.001") -> Check:
    """Luhn key of the SIRET made of the enterprise's SIREN and this NIC."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        nic = occ.values.get(code)
        number = occ.get(siren_code)
        if not _digits(nic, 5) or not _digits(number, 9) or not _siren_ok(number):  # type: ignore[arg-type]
            return None
        siret = f"{number}{nic}"
        if identifiers.siret.key_is_valid(siret):
            return None
        assert nic is not None
        return _(
            "{rubrique}: expected a NIC that forms with the SIREN {siren} a SIRET whose key (Luhn) matches; found {value}, whose last digit would have to be {expected}."
        ).format(
            rubrique=_rub(ctx.norm, code),
            siren=f"« {number} »",
            value=f"« {nic} »",
            expected=identifiers.siret.expected_last_digit(siret),
        )

    return ValueCheck(
        code,
        fn,
        reads=[siren_code],
        cases=[
            ({siren_code: "732829320", code: "00074"}, True),
            ({siren_code: "356000000", code: "12345"}, True),  # La Poste
            ({siren_code: "732829321", code: "00079"}, True),  # wrong SIREN: nothing said of the NIC
            ({siren_code: "732829320", code: "00079"}, False),
        ],
    )


_IBAN_OK = "FR7630006000011234567890189"


def _iban_key(code: str) -> Check:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if value is None or not _shaped(ctx.norm, code, value) or identifiers.iban.key_is_valid(value):
            return None
        return _(
            "{rubrique}: expected an IBAN whose key (characters 3-4, ISO 7064 mod 97-10) matches; found {value}, whose key would have to be {expected}."
        ).format(
            rubrique=_rub(ctx.norm, code),
            value=f"« {value} »",
            expected=f"« {identifiers.iban.expected_key(value)} »",
        )

    return ValueCheck(
        code, fn, cases=[({code: _IBAN_OK}, True), ({code: "FR7730006000011234567890189"}, False)]
    )


def _bban_key(code: str) -> Check:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if (
            value is None
            or not _shaped(ctx.norm, code, value)
            or identifiers.iban.rib_key_is_valid(value) is not False
        ):
            return None
        bban = value[4:]
        return _(
            "{rubrique}: expected a French account whose BBAN key (clé RIB, the last 2 digits) matches; found {value}, whose key would have to be {expected}."
        ).format(
            rubrique=_rub(ctx.norm, code),
            value=f"« {value} »",
            expected=f"« {identifiers.rib_key(bban[:5], bban[5:10], bban[10:21])} »",
        )

    return ValueCheck(
        code,
        fn,
        cases=[
            ({code: _IBAN_OK}, True),
            ({code: "DE89370400440532013000"}, True),  # not French: no national key checked
            ({code: "FR0630006000011234567890188"}, False),  # IBAN key right, RIB key wrong
        ],
    )


# ----------------------------------------------------------------------------- dates
# Rubriques typed D whose calendar CSL control syntax.py already checks (FMT-DATE): the
# same fault is reported twice, under the CT's id and ours, unless the validator drops one.
ALSO_CHECKED_BY_SYNTAX: dict[str, str] = {
    "S89.G00.87.005": "S89.G00.87.005/CSL-12",
    "S89.G00.87.006": "S89.G00.87.006/CSL-12",
    "S89.G00.89.005": "S89.G00.89.005/CSL-11",
}


def _calendar_wrong(unknown_allowed: bool) -> Callable[[str | None], bool]:
    """`wrong(value)`: 8 characters that are no day of the calendar (00/99 for the day or
    the month accepted with `unknown_allowed`); what `_calendar` needs besides the shape."""

    def wrong(value: str | None) -> bool:
        if value is None or len(value) != 8:
            return False
        if unknown_allowed and (value[:2] in ("00", "99") or value[2:4] in ("00", "99")):
            return False
        return not is_real_date(value)

    return wrong


def _calendar(code: str, unknown_allowed: bool) -> Check:
    """A real calendar day; with `unknown_allowed`, a day or month 00/99 is accepted."""

    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if value is None or not _shaped(ctx.norm, code, value) or len(value) != 8:
            return None
        day, month = value[:2], value[2:4]
        if unknown_allowed and (day in ("00", "99") or month in ("00", "99")):
            return None
        if is_real_date(value):
            return None
        if unknown_allowed:
            return _(
                "{rubrique}: expected a day of the calendar JJMMAAAA (or 00 or 99 for an unknown day or month); found {value}, which is no day of the calendar."
            ).format(rubrique=_rub(ctx.norm, code), value=f"« {value} »")
        return _(
            "{rubrique}: expected a day of the calendar JJMMAAAA; found {value}, which is no day of the calendar."
        ).format(rubrique=_rub(ctx.norm, code), value=f"« {value} »")

    if unknown_allowed:
        cases: list[tuple[Example, bool]] = [
            ({code: "15051985"}, True),
            ({code: "00051985"}, True),
            ({code: "31991985"}, True),
            ({code: "29021984"}, True),
            ({code: "31021985"}, False),
            ({code: "29021985"}, False),
        ]
    else:
        cases = [({code: "15012026"}, True), ({code: "29022024"}, True), ({code: "31042026"}, False)]
    # The guard leaves out the real days (the rule is then called only to check the shape).
    return ValueCheck(code, fn, cases=cases, guard=Holds(_calendar_wrong(unknown_allowed), code))


# ----------------------------------------------------------------------------- NTT
def _ntt_first(code: str) -> Check:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if not value or value[0] in "12":
            return None
        return _(
            "{rubrique}: expected a temporary technical number (NTT) starting with 1 or 2; found {value}."
        ).format(rubrique=_rub(ctx.norm, code), value=f"« {value} »")

    return ValueCheck(code, fn, cases=[({code: "2732829320MAT01"}, True), ({code: "3732829320MAT01"}, False)])


def _ntt_space(code: str) -> Check:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if value is None or " " not in value:
            return None
        return _(
            "{rubrique}: expected a temporary technical number (NTT) without any space; found {value}."
        ).format(rubrique=_rub(ctx.norm, code), value=f"« {value} »")

    return ValueCheck(
        code, fn, cases=[({code: "1732829320MAT01"}, True), ({code: "1732829320 MAT01"}, False)]
    )


# ----------------------------------------------------------------------------- job title
@lru_cache(maxsize=8192)
def _job_title_problem(value: str) -> tuple[str, str, int] | None:
    """('start', char, 0) or ('run', char, length) for the first fault, else None."""
    if not value:
        return None
    if not value[0].isalnum():
        return ("start", value[0], 0)
    i, n = 0, len(value)
    while i < n:
        ch = value[i]
        j = i + 1
        while j < n and value[j] == ch:
            j += 1
        run = j - i
        if not ch.isdigit():
            limit = 3 if ch in "iI" else 2
            if run > limit:
                return ("run", ch, run)
        i = j
    return None


def _job_title(code: str) -> Check:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if value is None:
            return None
        fault = _job_title_problem(value)
        if fault is None:
            return None
        kind, ch, run = fault
        if kind == "start":
            return _(
                "{rubrique}: expected a letter or a digit as the first character; found {char} at the start of {value}."
            ).format(rubrique=_rub(ctx.norm, code), char=f"« {ch} »", value=f"« {value} »")
        return _(
            "{rubrique}: expected no character repeated more than twice in a row (digits excepted, and 'i' or 'I' up to three times); found {char} {n} times in a row in {value}."
        ).format(rubrique=_rub(ctx.norm, code), char=f"« {ch} »", n=run, value=f"« {value} »")

    return ValueCheck(
        code,
        fn,
        cases=[
            ({code: "Agent d'entretien"}, True),
            ({code: "Chef de rang XIII niveau 1000"}, True),
            ({code: "Assistant"}, True),
            ({code: "Cooordinateur"}, False),
            ({code: "IIII"}, False),
            ({code: "-Agent"}, False),
        ],
    )


# ----------------------------------------------------------------------------- countries
# CLDR territory codes that are no country code of any ISO 3166-1 table: groupings (EU, EZ,
# UN), an outlying region (QO), pseudo-locales (XA, XB), the unknown region (ZZ).
_NOT_ISO = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
# The French postal system (the CT's list, S89.G00.91.011's description and the messages).
FRENCH_POSTAL = ("FR", "GP", "BL", "MF", "MQ", "GF", "RE", "PM", "YT", "WF", "PF", "NC", "MC")


@cache
def iso_country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes from Babel's territory list (loaded once, on first use)."""
    import babel

    territories = babel.Locale("fr").territories
    return frozenset(k for k in territories if len(k) == 2 and k.isalpha() and k.isupper()) - _NOT_ISO


def prepare() -> None:
    """Load the tables the rules below read (called with the registry)."""
    iso_country_codes()


def _country(code: str, exclude_french: bool) -> Check:
    def fn(occ: Occurrence, ctx: RuleContext) -> str | None:
        value = occ.values.get(code)
        if value is None or len(value) != 2:
            return None  # the length is syntax.py's
        if exclude_french and value in FRENCH_POSTAL:
            return _(
                "{rubrique}: expected the code of a country outside the French postal system (not {codes}); found {value}."
            ).format(rubrique=_rub(ctx.norm, code), codes=", ".join(FRENCH_POSTAL), value=f"« {value} »")
        if value in iso_country_codes():
            return None
        return _(
            "{rubrique}: expected a country code of the ISO 3166-1 alpha-2 table (two capital letters, e.g. DE, BE, ES); found {value}, which is not one."
        ).format(rubrique=_rub(ctx.norm, code), value=f"« {value} »")

    cases: list[tuple[Example, bool]] = [({code: "DE"}, True), ({code: "XY"}, False), ({code: "ZZ"}, False)]
    cases.append(({code: "FR"}, not exclude_french))
    return ValueCheck(code, fn, cases=cases)


# ----------------------------------------------------------------------------- tables we lack
HEXAPOSTE = N_("the hexaposte file of communes and postcodes (La Poste)")
POSTCODES = N_(
    "the table of postcodes the cahier technique refers to (the hexaposte file for the other postcodes)"
)
COG = N_("the INSEE official geographic code of communes (COG)")
NAF = N_("the INSEE NAF rev. 2 nomenclature of activities")
IDCC = N_("the IDCC table of collective agreements (DGT)")
OPCO = N_("the table of codes of the skills operators (OPCO)")
OETH = N_("the table of approved agreements for the employment of disabled workers (OETH)")
PREVOYANCE = N_(
    "the tables of codes of provident institutions, mutual societies, insurers and isolated OC bodies"
)
OPS = N_("the table of identifiers of social protection bodies (OPS)")
ODRT = N_("the ODRT table of social protection bodies (declaration of no affiliation)")
OES = N_("the OES table of issuers of substitution DSNs")
PCS_ESE = N_("the INSEE PCS-ESE nomenclature of occupations")
PCS_COMPLEMENT = N_("the CCP, NEHMED, NEHNMED, ART, NET, NNE, FESAIEG and CMET nomenclatures")
CONGES_PAYES = N_("the table of codes of the professional paid-leave funds (caisses de congés payés)")
AT_MP = N_("the table of work accident and occupational disease risk codes (AT/MP)")
NNE = N_("the NNE nomenclature of State civil service jobs")
TAXE_APPRENTISSAGE = N_("the table of reasons for not being liable to the apprenticeship tax")
FP_POSITION = N_("the table of civil-service statutory positions outside activity")

# CRE control → (table, natures it applies to; None: all).
EXTERNAL: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "S10.G00.01.002/CRE-11": (OES, ("09",)),  # only DSN de substitution, says the text
    "S10.G00.01.005/CRE-11": (HEXAPOSTE, None),
    "S20.G00.08.001/CRE-11": (ODRT, None),
    "S21.G00.06.003/CRE-11": (NAF, None),
    "S21.G00.06.005/CRE-11": (HEXAPOSTE, None),
    "S21.G00.06.015/CRE-11": (IDCC, None),  # "Valeurs autorisées": the IDCC, as 40.017 says
    "S21.G00.11.002/CRE-11": (NAF, None),
    "S21.G00.11.004/CRE-11": (HEXAPOSTE, None),
    "S21.G00.11.022/CRE-11": (IDCC, None),
    "S21.G00.11.023/CRE-11": (OPCO, None),
    "S21.G00.13.001/CRE-11": (OETH, None),
    "S21.G00.15.002/CRE-11": (PREVOYANCE, None),
    "S21.G00.16.002/CRE-11": (PREVOYANCE, None),
    "S21.G00.20.001/CRE-11": (OPS, None),
    "S21.G00.22.001/CRE-11": (OPS, None),
    "S21.G00.23.006/CRE-11": (COG, None),
    "S21.G00.30.009/CRE-11": (HEXAPOSTE, None),
    "S21.G00.40.004/CRE-11": (PCS_ESE, None),
    "S21.G00.40.005/CRE-11": (PCS_COMPLEMENT, None),
    "S21.G00.40.017/CRE-11": (IDCC, None),
    "S21.G00.40.022/CRE-11": (CONGES_PAYES, None),
    "S21.G00.40.040/CRE-11": (AT_MP, None),
    "S21.G00.40.052/CRE-11": (NNE, None),
    "S21.G00.41.011/CRE-11": (IDCC, None),
    "S21.G00.41.019/CRE-11": (PCS_ESE, None),
    "S21.G00.41.020/CRE-11": (PCS_COMPLEMENT, None),
    "S21.G00.41.023/CRE-11": (CONGES_PAYES, None),
    "S21.G00.41.024/CRE-11": (AT_MP, None),
    "S21.G00.41.029/CRE-11": (NNE, None),
    "S21.G00.44.004/CRE-11": (TAXE_APPRENTISSAGE, None),
    "S21.G00.65.004/CRE-11": (FP_POSITION, None),
    "S21.G00.81.002/CRE-11": (OPS, None),
    "S21.G00.81.005/CRE-11": (HEXAPOSTE, None),  # a commune code; the message names hexaposte
    "S21.G00.85.002/CRE-11": (NAF, None),
    "S21.G00.85.004/CRE-11": (HEXAPOSTE, None),
    "S21.G00.85.011/CRE-11": (COG, None),
    "S89.G00.32.009/CRE-11": (COG, None),
    "S89.G00.32.011/CRE-11": (HEXAPOSTE, None),
    "S89.G00.91.009/CRE-11": (POSTCODES, None),  # the text names no table
}

_BY_RUBRIQUE: dict[str, tuple[str, tuple[str, ...] | None]] = {
    cid.split("/")[0]: v for cid, v in EXTERNAL.items()
}


def offline_notes(code: str, nature: str | None = None) -> str | None:
    """For a rubrique whose CRE table is not available offline, the informational sentence
    "not verifiable offline: <table>" (translated now: call it where it is shown); None for
    any other rubrique, or when `nature` is given and the control does not apply to it."""
    entry = _BY_RUBRIQUE.get(code)
    if entry is None:
        return None
    table, natures = entry
    if nature is not None and natures is not None and nature not in natures:
        return None
    return _("not verifiable offline: {table}").format(table=_(table))


# ----------------------------------------------------------------------------- the registry
_EDITORIAL_CONTRACT = "the CT editorial's paragraph on contract numbers (not in the material)"

RULES: dict[str, Rule | NotDecidable] = {
    # SIREN / NIC / SIRET keys
    "S10.G00.01.001/CSL-11": _siren_key("S10.G00.01.001"),
    "S21.G00.06.001/CSL-11": _siren_key("S21.G00.06.001"),
    "S89.G00.32.004/CSL-12": _siren_key("S89.G00.32.004"),
    "S21.G00.06.002/CSL-11": _nic_key("S21.G00.06.002"),
    "S21.G00.11.001/CSL-12": _nic_key("S21.G00.11.001"),
    "S20.G00.05.012/CSL-12": _siret_key("S20.G00.05.012"),
    "S21.G00.41.012/CSL-11": _siret_siren_key("S21.G00.41.012"),
    "S21.G00.41.012/CSL-12": _siret_key("S21.G00.41.012"),
    "S21.G00.45.001/CSL-11": _siret_siren_key("S21.G00.45.001"),
    "S21.G00.45.001/CSL-12": _siret_key("S21.G00.45.001"),
    # IBAN and BBAN keys
    "S21.G00.12.003/CSL-11": _iban_key("S21.G00.12.003"),
    "S21.G00.12.003/CSL-12": _bban_key("S21.G00.12.003"),
    "S21.G00.20.004/CSL-11": _iban_key("S21.G00.20.004"),
    "S21.G00.20.004/CSL-13": _bban_key("S21.G00.20.004"),
    # Calendar
    "S21.G00.30.006/CSL-11": _calendar("S21.G00.30.006", unknown_allowed=True),
    "S21.G00.31.011/CSL-11": _calendar("S21.G00.31.011", unknown_allowed=True),
    "S89.G00.91.006/CSL-11": _calendar("S89.G00.91.006", unknown_allowed=True),
    "S89.G00.87.005/CSL-12": _calendar("S89.G00.87.005", unknown_allowed=False),
    "S89.G00.87.006/CSL-12": _calendar("S89.G00.87.006", unknown_allowed=False),
    "S89.G00.89.005/CSL-11": _calendar("S89.G00.89.005", unknown_allowed=False),
    # NTT
    "S21.G00.30.020/CSL-11": _ntt_first("S21.G00.30.020"),
    "S21.G00.30.020/CSL-12": _ntt_space("S21.G00.30.020"),
    "S89.G00.67.002/CSL-11": _ntt_first("S89.G00.67.002"),
    "S89.G00.67.002/CSL-12": _ntt_space("S89.G00.67.002"),
    "S89.G00.87.008/CSL-11": _ntt_first("S89.G00.87.008"),
    "S89.G00.87.008/CSL-12": _ntt_space("S89.G00.87.008"),
    "S89.G00.88.009/CSL-11": _ntt_first("S89.G00.88.009"),
    "S89.G00.88.009/CSL-12": _ntt_space("S89.G00.88.009"),
    "S89.G00.89.008/CSL-11": _ntt_first("S89.G00.89.008"),
    "S89.G00.89.008/CSL-12": _ntt_space("S89.G00.89.008"),
    "S89.G00.91.021/CSL-11": _ntt_first("S89.G00.91.021"),
    "S89.G00.91.021/CSL-15": _ntt_space("S89.G00.91.021"),
    # Job title
    "S21.G00.40.006/CSL-11": _job_title("S21.G00.40.006"),
    # Editorial paragraphs we do not have
    "S21.G00.30.007/CSL-11": NotDecidable(
        TEXT_INCOMPLETE, "the CT editorial's paragraph on addresses (not in the material)"
    ),
    "S21.G00.30.018/CSL-11": NotDecidable(
        TEXT_INCOMPLETE, "the CT editorial's paragraph on e-mail addresses (not in the material)"
    ),
    "S89.G00.32.002/CSL-11": NotDecidable(
        TEXT_INCOMPLETE, "the CT editorial's paragraph on identities (not in the material)"
    ),
    "S21.G00.34.002/CSL-11": NotDecidable(TEXT_INCOMPLETE, _EDITORIAL_CONTRACT),
    "S21.G00.40.009/CSL-11": NotDecidable(TEXT_INCOMPLETE, _EDITORIAL_CONTRACT),
    "S21.G00.51.010/CSL-11": NotDecidable(TEXT_INCOMPLETE, _EDITORIAL_CONTRACT),
    "S21.G00.52.006/CSL-11": NotDecidable(TEXT_INCOMPLETE, _EDITORIAL_CONTRACT),
    "S21.G00.54.005/CSL-14": NotDecidable(TEXT_INCOMPLETE, _EDITORIAL_CONTRACT),
    "S21.G00.86.005/CSL-11": NotDecidable(TEXT_INCOMPLETE, _EDITORIAL_CONTRACT),
    # CRE: country codes (ISO 3166-1 alpha-2, from Babel)
    "S10.G00.01.007/CRE-11": _country("S10.G00.01.007", exclude_french=True),
    "S21.G00.06.010/CRE-11": _country("S21.G00.06.010", exclude_french=True),
    "S21.G00.11.015/CRE-11": _country("S21.G00.11.015", exclude_french=True),
    "S21.G00.30.011/CRE-11": _country("S21.G00.30.011", exclude_french=True),
    "S21.G00.85.006/CRE-11": _country("S21.G00.85.006", exclude_french=True),
    "S89.G00.32.013/CRE-11": _country("S89.G00.32.013", exclude_french=True),
    "S89.G00.91.011/CRE-11": _country("S89.G00.91.011", exclude_french=True),
    "S21.G00.30.015/CRE-11": _country("S21.G00.30.015", exclude_french=False),
    "S89.G00.91.020/CRE-11": _country("S89.G00.91.020", exclude_french=False),
    # CRE: tables we do not have
    **{cid: NotDecidable(EXTERNAL_TABLE, table) for cid, (table, _natures) in EXTERNAL.items()},
}


def offline_codes() -> frozenset[str]:
    """Rubriques whose CRE table is not available offline (see `offline_notes`)."""
    return frozenset(_BY_RUBRIQUE)


def offline_controls(code: str) -> list[str]:
    """The CRE control ids of a rubrique that are not decidable offline."""
    return [cid for cid, entry in RULES.items() if cid.startswith(code + "/CRE") and isinstance(entry, NotDecidable)]
