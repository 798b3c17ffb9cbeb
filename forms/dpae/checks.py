"""Our own rules for the DPAE: every value the XML message carries, checked on the records.

No official XSD nor guide of the DPAE XML message was retrievable (see `docs/dpae.md` and
`../shared/spec/dpae/SOURCES.md`). The rules below are what the evidence of working
implementations (A, B, D in `dpae-xml-elements.csv`) and the Code du travail (R1221-1)
support, read conservatively: a value that an implementation would have truncated or
filtered is refused here, never changed silently. Where a value can be made acceptable
mechanically (upper case, accents removed, cut at 32 characters) the error carries that
value as `proposal`, for the form to offer; the user decides.

Each check returns a list of `FieldError(field, message)`: `field` is the record field
("individu.nom", "contrat.fin_previsionnelle", "etablissement.siret"); `hire` is the
0-based rank of the hire in the message when there are several; messages are in the
user's language (built at call time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from forms.i18n import _
from forms.identifiers import nir_dsn, siret
from forms.model import Contrat, Etablissement, Individu
from forms.values import strip_accents
from forms.values import transliterate as _transliterate

# ----------------------------------------------------------------------------- limits
MAX_HIRES = 100  # evidence G: « jusqu'à 100 déclarations … dans un même fichier »
MAX_TEXT = 32  # B and D cut names, towns, designation and street at 32 characters
TRIAL_DAYS_MAX = 365  # our own bound, see check_trial_period

# Allowed characters (regex class bodies).
# Names (surname, first names): upper-case A-Z, space, ' . & - (B and D, csv).
NAME_CHARS = r"A-Z '.&\-"
# Town of birth: upper-case A-Z, digits, space, . ' - (B and D, csv).
TOWN_CHARS = r"A-Z0-9 .'\-"
# Designation, street and town of the employer: the set B filters on (csv). Note: only
# lower-case accented letters are in it.
TEXT_CHARS = r"a-zA-Z0-9éèêëâàäöôûüîïç°²!#$%&'()*+ ./:;<=>?@\-"

# DSN S21.G00.40.007 codes the XML message can carry, and their XML code (B rejects any
# other XML code than CDI, CDD, CTT).
NATURE_CODES = {
    "01": "CDI",  # Contrat de travail à durée indéterminée de droit privé
    "02": "CDD",  # Contrat de travail à durée déterminée de droit privé
    "03": "CTT",  # Contrat de mission (contrat de travail temporaire)
}
FIXED_TERM = ("02", "03", "10")  # 10: CDD de droit public (DSN signal only)
SEX_CODES = {"01": "1", "02": "2"}  # DSN S21.G00.30.005 -> XML Sex.Code

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
_APE = re.compile(r"[0-9]{4}[A-Z]")
_URSSAF = re.compile(r"[0-9A-Z]{3}")
_POSTCODE = re.compile(r"[0-9]{5}")
_PHONE = re.compile(r"\+?[0-9]{8,15}")
_SST = re.compile(r"[0-9A-Z]{1,14}")
_DEPARTMENT = re.compile(r"0[1-9]|[1-9][0-9]|2A|2B")
_DAYS = re.compile(r"[0-9]{1,3}")
_TYPOGRAPHIC = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2013": "-", "\u2014": "-",
        # letters that Unicode does not decompose into a base letter and an accent
        "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ı": "i",
        "þ": "th", "Þ": "TH",
    }
)


@dataclass(frozen=True)
class FieldError:
    """One rule that a record value breaks."""

    field: str
    message: str
    hire: int | None = None  # rank of the hire (0-based) when the error is about one
    proposal: str = ""  # a value that would pass, when one can be derived mechanically

    def __str__(self) -> str:
        where = f"[{self.hire + 1}] " if self.hire is not None else ""
        return f"{where}{self.field}: {self.message}"


class DpaeError(ValueError):
    """The message cannot be built: `errors` says which values break which rule."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


# ----------------------------------------------------------------------------- text helpers
def transliterate(text: str) -> str:
    """A name as the DPAE accepts it: upper case, accents removed, typographic apostrophes
    and dashes made plain, other characters outside A-Z ' . & - and space turned to spaces,
    spaces collapsed. `transliterate("Müller-Lefèvre d’Arc")` → `"MULLER-LEFEVRE D'ARC"`."""
    return _transliterate(text.translate(_TYPOGRAPHIC), allowed=NAME_CHARS)


def _town_form(text: str) -> str:
    return _transliterate(text.translate(_TYPOGRAPHIC), allowed=TOWN_CHARS)


_TEXT_RE = re.compile(f"[{TEXT_CHARS}]")


def _text_form(text: str) -> str:
    """Employer texts: keep what B's set allows, strip the accents of the rest, else a space."""
    out = []
    for ch in text.translate(_TYPOGRAPHIC):
        if _TEXT_RE.fullmatch(ch):
            out.append(ch)
            continue
        plain = strip_accents(ch)
        out.append(plain if plain and all(_TEXT_RE.fullmatch(c) for c in plain) else " ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _cut(text: str) -> str:
    return text[:MAX_TEXT].rstrip()


def _check_text(
    field: str, value: str, *, chars: str, form: object, required: bool = True
) -> list[FieldError]:
    """Required, at most MAX_TEXT characters, only `chars`; the proposal is `form(value)` cut."""
    if not value:
        return [FieldError(field, _("This value is required."))] if required else []
    errors: list[FieldError] = []
    fixed = form(value)  # type: ignore[operator]
    if not re.fullmatch(f"[{chars}]+", value) or value != value.strip() or "  " in value:
        proposal = _cut(fixed)
        errors.append(
            FieldError(
                field,
                _("« {value} » holds characters the DPAE does not accept; write « {proposal} » instead.").format(
                    value=value, proposal=proposal
                ),
                proposal=proposal,
            )
            if proposal
            else FieldError(
                field, _("« {value} » holds no character the DPAE accepts.").format(value=value)
            )
        )
    if len(value) > MAX_TEXT:
        proposal = _cut(fixed)
        errors.append(
            FieldError(
                field,
                _(
                    "At most {n} characters are sent in the DPAE; « {value} » has {length}. Shorten it, for example to « {proposal} »."
                ).format(n=MAX_TEXT, value=value, length=len(value), proposal=proposal),
                proposal=proposal,
            )
        )
    return errors


def _iso_date(value: str) -> date | None:
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _check_date(field: str, value: str, required: bool = True) -> tuple[date | None, list[FieldError]]:
    if not value:
        return None, ([FieldError(field, _("This date is required."))] if required else [])
    parsed = _iso_date(value)
    if parsed is None:
        return None, [FieldError(field, _("Expected a date written YYYY-MM-DD; found « {value} ».").format(value=value))]
    return parsed, []


# ----------------------------------------------------------------------------- employer
def check_etablissement(etab: Etablissement) -> list[FieldError]:
    """SIRET (key), designation, APE, Urssaf code, address, phone, health service."""
    errors: list[FieldError] = []
    if not etab.siret:
        errors.append(FieldError("etablissement.siret", _("This value is required.")))
    else:
        problem = siret.problem(etab.siret)
        if problem:
            errors.append(FieldError("etablissement.siret", problem))
    errors += _check_text("etablissement.raison_sociale", etab.raison_sociale, chars=TEXT_CHARS, form=_text_form)
    if not _APE.fullmatch(etab.ape):
        errors.append(
            FieldError(
                "etablissement.ape",
                _("Expected an APE code of 4 digits and a capital letter, such as 6201Z; found « {value} ».").format(
                    value=etab.ape
                ),
            )
        )
    # The Urssaf code: 3 characters. D documents 3 digits; we accept capital letters too
    # until the official list says otherwise.
    if not _URSSAF.fullmatch(etab.urssaf_code):
        errors.append(
            FieldError(
                "etablissement.urssaf_code",
                _("Expected the code of the Urssaf, 3 characters (digits or capital letters); found « {value} ».").format(
                    value=etab.urssaf_code
                ),
            )
        )
    errors += _check_text("etablissement.voie", etab.voie, chars=TEXT_CHARS, form=_text_form)
    errors += _check_text("etablissement.localite", etab.localite, chars=TEXT_CHARS, form=_text_form)
    if not _POSTCODE.fullmatch(etab.code_postal):
        errors.append(
            FieldError(
                "etablissement.code_postal",
                _("Expected a postcode of 5 digits; found « {value} ».").format(value=etab.code_postal),
            )
        )
    if not _PHONE.fullmatch(phone_digits(etab.contact_telephone)):
        errors.append(
            FieldError(
                "etablissement.contact_telephone",
                _(
                    "Expected a phone number of 8 to 15 digits, optionally starting with +; found « {value} »."
                ).format(value=etab.contact_telephone),
            )
        )
    # The health service code: A hard-codes '01', D defaults to '01'; the official list
    # (Urssaf, data.gouv.fr) is not available offline. We only ask for a short code.
    if not _SST.fullmatch(etab.sst):
        errors.append(
            FieldError(
                "etablissement.sst",
                _(
                    "Expected the code of the occupational health service: 1 to 14 digits or capital letters; found « {value} »."
                ).format(value=etab.sst),
            )
        )
    return errors


def phone_digits(value: str) -> str:
    """The phone number as written in the message: spaces, dots and dashes removed."""
    return re.sub(r"[\s.\-()]", "", value)


# ----------------------------------------------------------------------------- employee
def check_individu(ind: Individu) -> list[FieldError]:
    """Names, sex, NIR (structure, agreement with sex and birth date), birth date and place."""
    errors: list[FieldError] = []
    errors += _check_text("individu.nom", ind.nom, chars=NAME_CHARS, form=transliterate)
    errors += _check_text("individu.prenoms", ind.prenoms, chars=NAME_CHARS, form=transliterate)
    born, date_errors = _check_date("individu.naissance_date", ind.naissance_date)
    errors += date_errors
    sex = ind.sexe or _sex_from_nir(ind.nir)
    if sex not in SEX_CODES:
        errors.append(
            FieldError(
                "individu.sexe",
                _("Expected the sex, 01 (male) or 02 (female); found « {value} ».").format(value=ind.sexe),
            )
        )
    if ind.nir:
        if nir_dsn.is_placeholder(ind.nir):
            errors.append(
                FieldError(
                    "individu.nir",
                    _("« {value} » is not a real NIR: leave the NIR empty when the employee has none yet.").format(
                        value=ind.nir
                    ),
                )
            )
        elif ind.nir != ind.nir.strip().upper() or " " in ind.nir:
            errors.append(
                FieldError(
                    "individu.nir",
                    _("Expected the 13 characters of the NIR without spaces; found « {value} ».").format(value=ind.nir),
                )
            )
        else:
            problem = nir_dsn.problem(
                ind.nir,
                sex=ind.sexe if ind.sexe in SEX_CODES else None,
                birth_date=born.strftime("%d%m%Y") if born else None,
            )
            if problem:
                errors.append(FieldError("individu.nir", problem))
    errors += _check_text("individu.naissance_lieu", ind.naissance_lieu, chars=TOWN_CHARS, form=_town_form)
    dept = ind.naissance_departement
    if not _DEPARTMENT.fullmatch(dept):
        errors.append(
            FieldError(
                "individu.naissance_departement",
                _(
                    "Expected the department of birth: 2 characters, 01 to 98, 2A or 2B, or 99 for a birth abroad; found « {value} »."
                ).format(value=dept),
            )
        )
    elif born is not None:
        # The same rule as the DSN (S21.G00.30.014/CCH-11).
        if (dept in ("2A", "2B") and born.year < 1976) or (dept == "20" and born.year >= 1976) or (
            dept == "96" and born.year >= 1968
        ):
            errors.append(
                FieldError(
                    "individu.naissance_departement",
                    _(
                        "The department {dept} did not exist in {year}: 2A and 2B are for births from 1976 on, 20 before 1976, 96 before 1968."
                    ).format(dept=dept, year=born.year),
                )
            )
    return errors


def _sex_from_nir(nir: str) -> str:
    return {"1": "01", "2": "02"}.get(nir[:1], "")


def sex_code(ind: Individu) -> str:
    """The XML Sex.Code: 1 or 2, from the record's sex (01/02), else from the NIR."""
    return SEX_CODES[ind.sexe or _sex_from_nir(ind.nir)]


# ----------------------------------------------------------------------------- contract
def check_contrat(contrat: Contrat, natures: dict[str, str] = NATURE_CODES) -> list[FieldError]:
    """Hire date and time, nature, planned end, trial period."""
    errors: list[FieldError] = []
    start, date_errors = _check_date("contrat.debut", contrat.debut)
    errors += date_errors
    if not contrat.heure_embauche:
        errors.append(FieldError("contrat.heure_embauche", _("The time of hire is required.")))
    elif not _TIME.fullmatch(contrat.heure_embauche):
        errors.append(
            FieldError(
                "contrat.heure_embauche",
                _("Expected a time written HH:MM, such as 09:00; found « {value} ».").format(
                    value=contrat.heure_embauche
                ),
            )
        )
    if contrat.nature not in natures:
        errors.append(
            FieldError(
                "contrat.nature",
                _(
                    "The DPAE declares only these contract natures: {allowed}; found « {value} ». Other contracts are declared by other means."
                ).format(allowed=", ".join(f"{k} ({v})" for k, v in natures.items()), value=contrat.nature),
            )
        )
    if contrat.nature in FIXED_TERM:
        end, end_errors = _check_date("contrat.fin_previsionnelle", contrat.fin_previsionnelle, required=False)
        errors += end_errors
        if not contrat.fin_previsionnelle:
            errors.append(
                FieldError(
                    "contrat.fin_previsionnelle",
                    _("A fixed-term contract needs its planned end date."),
                )
            )
        elif end is not None and start is not None and end < start:
            errors.append(
                FieldError(
                    "contrat.fin_previsionnelle",
                    _("The planned end date {end} is before the hire date {start}.").format(
                        end=contrat.fin_previsionnelle, start=contrat.debut
                    ),
                )
            )
    elif contrat.fin_previsionnelle and contrat.nature in natures:
        errors.append(
            FieldError(
                "contrat.fin_previsionnelle",
                _("A contract of indefinite duration has no planned end date; leave it empty."),
            )
        )
    errors += check_trial_period(contrat)
    return errors


def check_trial_period(contrat: Contrat) -> list[FieldError]:
    """The trial period, in days: optional; when given, a whole number from 1 to 365.

    Doubt: the XML element (`TrialTime`) is seen only in one unattributed prototype (F) whose
    UI speaks of months; it is not written. R1221-1 lists the trial period among the items of
    the DPAE (CDI and CDD over 6 months), and the DSN signal (S21.G00.40.082, CCH-11/12)
    counts it in days. We keep the answer optional here and only bound it: 365 days is far
    above any legal initial trial period, so no real answer is refused. Whether 0 (no trial
    period) should be accepted is open; it is refused for now.
    """
    value = contrat.periode_essai_jours
    if not value:
        return []
    if not _DAYS.fullmatch(value) or not 1 <= int(value) <= TRIAL_DAYS_MAX:
        return [
            FieldError(
                "contrat.periode_essai_jours",
                _("Expected the trial period as a whole number of days from 1 to {high}; found « {value} ».").format(
                    high=TRIAL_DAYS_MAX, value=value
                ),
            )
        ]
    return []


def check_hire(ind: Individu, contrat: Contrat, natures: dict[str, str] = NATURE_CODES) -> list[FieldError]:
    """One hire: the employee, the contract and what ties them (born before hired)."""
    errors = check_individu(ind) + check_contrat(contrat, natures)
    born, hired = _iso_date(ind.naissance_date), _iso_date(contrat.debut)
    if born is not None and hired is not None and born >= hired:
        errors.append(
            FieldError(
                "individu.naissance_date",
                _("The birth date {born} is not before the hire date {start}.").format(
                    born=ind.naissance_date, start=contrat.debut
                ),
            )
        )
    return errors


# ----------------------------------------------------------------------------- message
def check_dpae(etab: Etablissement, hires: list[tuple[Individu, Contrat]]) -> list[FieldError]:
    """Every rule for a whole message: 1 to MAX_HIRES hires, the employer, each hire."""
    errors = check_etablissement(etab)
    if not hires:
        errors.append(FieldError("hires", _("A DPAE needs at least one hire.")))
    elif len(hires) > MAX_HIRES:
        errors.append(
            FieldError(
                "hires",
                _("A DPAE file holds at most {max} hires; found {n}. Split them into several files.").format(
                    max=MAX_HIRES, n=len(hires)
                ),
            )
        )
        return errors
    seen: dict[tuple[str, str], int] = {}
    for rank, (ind, contrat) in enumerate(hires):
        errors += [
            FieldError(e.field, e.message, rank, e.proposal) for e in check_hire(ind, contrat)
        ]
        if ind.nir:
            key = (ind.nir, contrat.debut)
            if key in seen:
                errors.append(
                    FieldError(
                        "individu.nir",
                        _("The same person with the same hire date is already hire number {n} of this file.").format(
                            n=seen[key] + 1
                        ),
                        rank,
                    )
                )
            else:
                seen[key] = rank
    return errors
