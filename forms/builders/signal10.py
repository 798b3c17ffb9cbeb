"""The DPAE by DSN: a signal of nature 10 (« Signalement Déclaration préalable à l'embauche »).

CT2026 (norm P26V01) brings the nature 10; the Urssaf plans to open the service in January
2027 (`SIGNAL10_OPENS`). Until then the XML DPAE (`forms.dpae`) is the one to send: show
`signal10_notice()` wherever this signal is offered.

What the file carries follows the usage of nature 10 in the norm data
(`load_norm("P26V01").usage(code, "10")`, from `../shared/spec/usages/`) and the CT controls:

- every rubrique and block marked O is written: S10.G00.00.001, S10.G00.02.005, S20.G00.05
  001/003/004/007, S21.G00.11.002, S21.G00.30.002/.004/.005/.006/.007/.030, S21.G00.40.001
  and .083, the S90 totals;
- nothing marked I: no S20.G00.05.005/.010/.011/.013, no S21.G00.06.003/.004, no
  S21.G00.11.022/.024;
- C: S21.G00.30.001 (NIR, else the NTT S21.G00.30.020: CCH-12 of 30.020);
  S21.G00.40.010 for the fixed-term natures (CCH-12); S21.G00.40.082 for a CDI (CCH-11) or a
  CDD of more than 6 months (CCH-12), else when known; S21.G00.40.008 only for a real
  dispositif (66/92/93/99 are forbidden, CCH-17); S21.G00.30.025 (diploma prepared by an
  apprentice, dispositifs 64/65/81) is not in our records, so those dispositifs are refused;
- `?` rubriques are written only where they carry an item of R1221-1 or identify a record and
  the one nature-10 generator that read the official table writes them too (DOC-MRC/E):
  S10.G00.00.002/.003/.005–.008, S10.G00.01, S10.G00.02.002/.004, S20.G00.05.002 = 01,
  S21.G00.06.001/.002, S21.G00.11.001/.003–.005, S21.G00.30.014/.015 (place of birth),
  S21.G00.40.006/.007/.009. Left out: S20.G00.07 (no contact type fits a DPAE),
  S21.G00.06.005/.006 (the same generator marks the company street forbidden), the
  employee's address.

The built file is run through `forms.validator`: a blocking finding raises `Signal10Error`.
"""

from __future__ import annotations

from datetime import date

from forms.dpae.checks import DpaeError, FieldError, check_contrat, check_individu
from forms.dsn.document import Document
from forms.dsn.writer import WriteError, close_envoi, write
from forms.i18n import N_, _
from forms.model import Contrat, Etablissement, Individu
from forms.norm import load_norm
from forms.validator import validate_bytes

VERSION = "P26V01"
NATURE = "10"
SOFTWARE = "COMPTOIR"
SOFTWARE_VERSION = "0.1"

SIGNAL10_OPENS = date(2027, 1, 1)
SIGNAL10_NOTICE = N_(
    "The DPAE by DSN (signal of nature 10) is planned to open in January 2027. Until then, send the "
    "DPAE as the XML message to the Urssaf."
)

# S21.G00.40.007 values a nature 10 allows (S21.G00.40.007/CCH-11: CDI and CDD of private or
# public law).
NATURES_10 = {"01": "CDI", "02": "CDD", "09": "CDI", "10": "CDD"}
INDEFINITE = ("01", "09")
FIXED_TERM = ("02", "10")
FORBIDDEN_DISPOSITIFS = ("66", "92", "93")  # CCH-17; 99 « non concerné » is simply not written
APPRENTICE_DISPOSITIFS = ("64", "65", "81")  # need S21.G00.30.025, which our records lack

# Which record field each rubrique comes from, to name it in an error.
FIELDS = {
    "S10.G00.01.001": "etablissement.siret",
    "S10.G00.01.002": "etablissement.siret",
    "S10.G00.01.003": "etablissement.raison_sociale",
    "S10.G00.01.004": "etablissement.voie",
    "S10.G00.01.005": "etablissement.code_postal",
    "S10.G00.01.006": "etablissement.localite",
    "S10.G00.02.002": "etablissement.contact_nom",
    "S10.G00.02.004": "etablissement.contact_email",
    "S10.G00.02.005": "etablissement.contact_telephone",
    "S21.G00.06.001": "etablissement.siret",
    "S21.G00.06.002": "etablissement.nic_siege",
    "S21.G00.11.001": "etablissement.siret",
    "S21.G00.11.002": "etablissement.ape",
    "S21.G00.11.003": "etablissement.voie",
    "S21.G00.11.004": "etablissement.code_postal",
    "S21.G00.11.005": "etablissement.localite",
    "S21.G00.30.001": "individu.nir",
    "S21.G00.30.002": "individu.nom",
    "S21.G00.30.004": "individu.prenoms",
    "S21.G00.30.005": "individu.sexe",
    "S21.G00.30.006": "individu.naissance_date",
    "S21.G00.30.007": "individu.naissance_lieu",
    "S21.G00.30.014": "individu.naissance_departement",
    "S21.G00.30.015": "individu.naissance_pays",
    "S21.G00.30.020": "individu.ntt",
    "S21.G00.30.030": "etablissement.sst",
    "S21.G00.40.001": "contrat.debut",
    "S21.G00.40.006": "contrat.emploi",
    "S21.G00.40.007": "contrat.nature",
    "S21.G00.40.008": "contrat.dispositif",
    "S21.G00.40.009": "contrat.numero",
    "S21.G00.40.010": "contrat.fin_previsionnelle",
    "S21.G00.40.082": "contrat.periode_essai_jours",
    "S21.G00.40.083": "contrat.heure_embauche",
}


class Signal10Error(DpaeError):
    """The signal cannot be built, or the built file has blocking findings."""


def signal10_notice() -> str:
    """The notice to show beside the signal, in the user's language."""
    return _(SIGNAL10_NOTICE)


def signal10_open(today: date) -> bool:
    """Whether the service is planned to be open on `today`."""
    return today >= SIGNAL10_OPENS


def _dsn_date(canonical: str) -> str:
    d = date.fromisoformat(canonical)
    return f"{d.day:02d}{d.month:02d}{d.year:04d}"


def _add_months(d: date, months: int) -> date:
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    for day in range(d.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, min(d.day, 28))


def trial_period_required(contrat: Contrat) -> bool:
    """S21.G00.40.082/CCH-11: a CDI; CCH-12: a CDD whose planned end is more than 6 months
    after the planned hire date."""
    if contrat.nature in INDEFINITE:
        return True
    if contrat.nature in FIXED_TERM and contrat.debut and contrat.fin_previsionnelle:
        try:
            start, end = date.fromisoformat(contrat.debut), date.fromisoformat(contrat.fin_previsionnelle)
        except ValueError:
            return False
        return end > _add_months(start, 6)
    return False


def check_signal10(etab: Etablissement, individu: Individu, contrat: Contrat) -> list[FieldError]:
    """The record values the signal needs, before the norm's own syntax (the writer) and
    controls (the validator) look at the file."""
    errors: list[FieldError] = []
    required = {
        "etablissement.siret": etab.siret,
        "etablissement.raison_sociale": etab.raison_sociale,
        "etablissement.ape": etab.ape,
        "etablissement.contact_nom": etab.contact_nom,
        "etablissement.contact_email": etab.contact_email,
        "etablissement.contact_telephone": etab.contact_telephone,
        "etablissement.sst": etab.sst,
    }
    for name, value in required.items():
        if not value:
            errors.append(FieldError(name, _("This value is required.")))
    if len(etab.siret) != 14:
        errors.append(FieldError("etablissement.siret", _("Expected a SIRET of 14 digits; found « {value} ».").format(value=etab.siret)))
    # The person: the DPAE rules, except that a DSN has its own character rules (the writer
    # checks them) and accepts an NTT instead of the NIR.
    for error in check_individu(individu):
        if error.field in ("individu.nom", "individu.prenoms", "individu.naissance_lieu") and error.proposal:
            continue  # characters and lengths: the DSN's own syntax decides (writer)
        errors.append(error)
    if not individu.nir and not individu.ntt:
        errors.append(FieldError("individu.nir", _("Give the NIR, or the temporary number (NTT) when there is none.")))
    errors += check_contrat(contrat, NATURES_10)  # the XML's rules, with the natures of a 10
    if contrat.periode_essai_jours == "" and trial_period_required(contrat):
        errors.append(
            FieldError(
                "contrat.periode_essai_jours",
                _("The DPAE by DSN needs the trial period in days for a CDI and for a CDD of more than 6 months."),
            )
        )
    if contrat.dispositif in FORBIDDEN_DISPOSITIFS:
        errors.append(
            FieldError(
                "contrat.dispositif",
                _("The dispositif {value} cannot be declared in a DPAE (S21.G00.40.008/CCH-17).").format(
                    value=contrat.dispositif
                ),
            )
        )
    if contrat.dispositif in APPRENTICE_DISPOSITIFS:
        errors.append(
            FieldError(
                "contrat.dispositif",
                _(
                    "An apprenticeship (dispositif {value}) needs the level of the diploma prepared (S21.G00.30.025), which Comptoir does not record yet: declare this hire with the XML DPAE."
                ).format(value=contrat.dispositif),
            )
        )
    return errors


def _document(
    etab: Etablissement, individu: Individu, contrat: Contrat, numero_ordre: int, today: date, test: bool
) -> Document:
    doc = Document.new(VERSION)

    def add(block: str, values: dict[str, str], parent=None):  # type: ignore[no-untyped-def]
        return doc.add(block, {c: v for c, v in values.items() if v}, parent)

    envoi = add(
        "S10.G00.00",
        {
            "S10.G00.00.001": SOFTWARE,
            "S10.G00.00.002": SOFTWARE,
            "S10.G00.00.003": SOFTWARE_VERSION,
            "S10.G00.00.005": "01" if test else "02",  # 01 fichier d'essai, 02 fichier réel
            "S10.G00.00.006": VERSION,
            "S10.G00.00.007": "01",  # Net-entreprises: MSA is forbidden for a 10 (CCH-11)
            "S10.G00.00.008": "01",  # envoi normal
        },
    )
    add(
        "S10.G00.01",
        {
            "S10.G00.01.001": etab.siren,
            "S10.G00.01.002": etab.nic,
            "S10.G00.01.003": etab.raison_sociale,
            "S10.G00.01.004": etab.voie,
            "S10.G00.01.005": etab.code_postal,
            "S10.G00.01.006": etab.localite,
        },
        envoi,
    )
    add(
        "S10.G00.02",
        {
            "S10.G00.02.002": etab.contact_nom,
            "S10.G00.02.004": etab.contact_email,
            "S10.G00.02.005": etab.contact_telephone,
        },
        envoi,
    )
    declaration = add(
        "S20.G00.05",
        {
            "S20.G00.05.001": NATURE,
            # 01 normale: a 03 would be read by the Urssaf as a new DPAE (CT desc. of 05.002).
            "S20.G00.05.002": "01",
            "S20.G00.05.003": "11",  # CCH-11: no fraction for a signal
            "S20.G00.05.004": str(numero_ordre),  # never reset for a signal (CT desc.)
            "S20.G00.05.007": _dsn_date(today.isoformat()),
        },
        envoi,
    )
    entreprise = add("S21.G00.06", {"S21.G00.06.001": etab.siren, "S21.G00.06.002": etab.nic_siege}, declaration)
    etablissement = add(
        "S21.G00.11",
        {
            "S21.G00.11.001": etab.nic,
            "S21.G00.11.002": etab.ape,
            "S21.G00.11.003": etab.voie,
            "S21.G00.11.004": etab.code_postal,
            "S21.G00.11.005": etab.localite,
        },
        entreprise,
    )
    sex = individu.sexe or {"1": "01", "2": "02"}.get(individu.nir[:1], "")
    person = add(
        "S21.G00.30",
        {
            "S21.G00.30.001": individu.nir,
            "S21.G00.30.002": individu.nom,
            "S21.G00.30.004": individu.prenoms,
            # O for a 10 (DOC-MRC/E), although in other natures it is given only when it
            # differs from the NIR's: written always, from the NIR when not entered.
            "S21.G00.30.005": sex,
            "S21.G00.30.006": _dsn_date(individu.naissance_date),
            "S21.G00.30.007": individu.naissance_lieu,
            "S21.G00.30.014": individu.naissance_departement,
            "S21.G00.30.015": individu.naissance_pays,
            "S21.G00.30.020": "" if individu.nir else individu.ntt,
            "S21.G00.30.030": etab.sst,
        },
        etablissement,
    )
    fixed_term = contrat.nature in FIXED_TERM
    add(
        "S21.G00.40",
        {
            "S21.G00.40.001": _dsn_date(contrat.debut),  # the planned hire date (CT desc.)
            "S21.G00.40.006": contrat.emploi,
            "S21.G00.40.007": contrat.nature,
            "S21.G00.40.008": "" if contrat.dispositif == "99" else contrat.dispositif,
            "S21.G00.40.009": contrat.numero,
            "S21.G00.40.010": _dsn_date(contrat.fin_previsionnelle) if fixed_term else "",
            "S21.G00.40.082": contrat.periode_essai_jours,
            "S21.G00.40.083": contrat.heure_embauche.replace(":", ""),  # HHMM
        },
        person,
    )
    close_envoi(doc)
    return doc


def build_signal10(
    etab: Etablissement, individu: Individu, contrat: Contrat, *, numero_ordre: int, today: date, test: bool
) -> bytes:
    """The nature-10 DSN (P26V01, fraction 11) for one hire, as file bytes.

    `numero_ordre` is the establishment's signal number (never reset); `today` is the file's
    date (S20.G00.05.007); `test` writes S10.G00.00.005 = 01 (test file), else 02 (real).
    Raises `Signal10Error` when a record value is missing or wrong, when the writer refuses a
    value, or when the validator finds anything blocking in the built file.
    """
    errors = check_signal10(etab, individu, contrat)
    if numero_ordre < 1:
        errors.append(FieldError("numero_ordre", _("The order number of a signal starts at 1.")))
    if errors:
        raise Signal10Error(errors)
    doc = _document(etab, individu, contrat, numero_ordre, today, test)
    try:
        data = write(doc)
    except WriteError as exc:
        raise Signal10Error([FieldError(FIELDS.get(exc.rubrique, exc.rubrique), exc.message)]) from None
    report = validate_bytes(data)
    blocking = [f for f in report.findings if f.blocking]
    if blocking:
        raise Signal10Error(
            [FieldError(FIELDS.get(f.rubrique or "", f.rubrique or ""), f"{f.control}: {f.message}") for f in blocking]
        )
    return data


def required_rubriques(version: str = VERSION) -> list[str]:
    """The rubriques the norm data marks mandatory (O) for nature 10."""
    norm = load_norm(version)
    return sorted(c for c, u in norm.usages(NATURE).items() if u.letter == "O" and c in norm.rubriques)


def forbidden_codes(version: str = VERSION) -> list[str]:
    """The blocks and rubriques the norm data marks forbidden (I) for nature 10."""
    return sorted(c for c, u in load_norm(version).usages(NATURE).items() if u.letter == "I")
