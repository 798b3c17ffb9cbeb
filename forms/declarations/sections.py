"""Questions shared by every declaration: the establishment, the person, the contract.

Question ids are `section.field` where `field` is the name in `forms.model`, so a record
fills its section (`Individu.to_answers("salaries.0.individu.")`) and the answers give the
record back. Defaults are the values most small employers declare (régime général, no
public scheme…), proposed and shown, never written without being seen.
"""

from __future__ import annotations

from forms.i18n import N_, _
from forms.identifiers import nir_dsn
from forms.questions import Kind, Question, Scope, Step
from forms.values import as_date, dsn_date

YES_NO = (("oui", N_("yes")), ("non", N_("no")))


def _siret_default(scope: Scope) -> str:
    return scope.get("etablissement.siret")


def _idcc_default(scope: Scope) -> str:
    return scope.get("etablissement.idcc")


# ----------------------------------------------------------------------------- establishment
ETABLISSEMENT = (
    Step("etablissement.identite", N_("Establishment"), (
        Question("etablissement.siret", N_("SIRET of the establishment"), Kind.SIRET,
                 help=N_("14 digits: the SIREN of the company followed by the 5-digit NIC. Spaces are ignored."),
                 rubriques=("S21.G00.06.001", "S21.G00.11.001", "S10.G00.01.001", "S10.G00.01.002")),
        Question("etablissement.raison_sociale", N_("Company name"), Kind.UPPER, max_length=60,
                 help=N_("As registered (raison sociale)."), rubriques=("S10.G00.01.003",)),
        Question("etablissement.ape", N_("APE code of the establishment"), Kind.CODE, external="APE",
                 pattern=r"\d{4}[A-Z]", pattern_hint=N_("4 digits and a letter, such as 9499Z"),
                 help=N_("The NAF code INSEE gave the establishment (4 digits and a letter)."),
                 rubriques=("S21.G00.11.002",)),
        Question("etablissement.ape_entreprise", N_("APE code of the company"), Kind.CODE, external="APE",
                 pattern=r"\d{4}[A-Z]", pattern_hint=N_("4 digits and a letter, such as 9499Z"),
                 default=lambda s: s.get("etablissement.ape"), rubriques=("S21.G00.06.003",)),
        Question("etablissement.idcc", N_("Main collective agreement (IDCC)"), Kind.CODE, external="IDCC",
                 pattern=r"\d{4}|9999", pattern_hint=N_("4 digits; 9999 when there is none"),
                 help=N_("The 4-digit IDCC code of the agreement that applies; 9999 when none applies."),
                 default="9999", rubriques=("S21.G00.11.022",)),
    )),
    Step("etablissement.adresse", N_("Address of the establishment"), (
        Question("etablissement.voie", N_("Number and street"), Kind.UPPER, max_length=50,
                 rubriques=("S21.G00.11.003", "S10.G00.01.004")),
        Question("etablissement.code_postal", N_("Postcode"), Kind.POSTCODE, rubriques=("S21.G00.11.004",)),
        Question("etablissement.localite", N_("Town"), Kind.UPPER, max_length=50,
                 rubriques=("S21.G00.11.005",)),
    )),
    Step("etablissement.contact", N_("Contact person"), (
        Question("etablissement.contact_nom", N_("Name of the person to contact"), Kind.UPPER, max_length=80,
                 help=N_("Surname then first name of who answers questions about the declarations."),
                 rubriques=("S10.G00.02.002",)),
        Question("etablissement.contact_email", N_("E-mail of the contact"), Kind.EMAIL, max_length=100,
                 rubriques=("S10.G00.02.004",)),
        Question("etablissement.contact_telephone", N_("Telephone of the contact"), Kind.PHONE,
                 rubriques=("S10.G00.02.005",)),
    )),
)

# The URSSAF payment details, asked by the monthly DSN only.
ETABLISSEMENT_PAIEMENT = Step("etablissement.paiement", N_("Paying the URSSAF"), (
    Question("etablissement.urssaf_siret", N_("SIRET of your URSSAF"), Kind.SIRET,
             help=N_("The SIRET of the URSSAF you pay, as on its notices (14 digits)."),
             rubriques=("S21.G00.20.001", "S21.G00.22.001")),
    Question("etablissement.iban", N_("IBAN of the account debited"), Kind.IBAN, rubriques=("S21.G00.20.004",)),
    Question("etablissement.bic", N_("BIC of the account debited"), Kind.BIC, rubriques=("S21.G00.20.003",)),
    Question("etablissement.effectif", N_("Number of employees of the company"), Kind.INTEGER, high=999999,
             help=N_("Used for the due date: from 50 employees, paid in the month worked, the DSN is due on the 5th."),
             required=False),
))


# ----------------------------------------------------------------------------- person
def _nir_agrees(value: str, scope: Scope) -> str | None:
    """The NIR's sex and birth month/year agree with the answers given, when both are known."""
    sex = scope.get("individu.sexe")
    born = scope.get("individu.naissance_date")
    try:
        nir_dsn.validate(value, sex=sex or None, birth_date=dsn_date(born) if born else None)
    except Exception as exc:  # InvalidIdentifier carries a translated message
        return getattr(exc, "message", str(exc))
    return None


def _born_before(value: str, scope: Scope) -> str | None:
    born = as_date(value)
    if born and born.year < 1900:
        return _("Expected a birth date after 1900; found {found}.").format(found=value)
    return None


def _born_in_france(scope: Scope) -> bool:
    return scope.get("individu.naissance_pays", "FR") == "FR"


INDIVIDU = (
    Step("individu.identite", N_("Employee: identity"), (
        Question("individu.nom", N_("Family name (birth name)"), Kind.UPPER, max_length=80,
                 rubriques=("S21.G00.30.002",)),
        Question("individu.prenoms", N_("First names"), Kind.UPPER, max_length=80,
                 help=N_("All first names as on the identity card, separated by spaces."),
                 rubriques=("S21.G00.30.004",)),
        Question("individu.nom_usage", N_("Usual name, if different"), Kind.UPPER, max_length=80,
                 required=False, rubriques=("S21.G00.30.003",)),
        Question("individu.sexe", N_("Sex"), Kind.CODE, codes="S21.G00.30.005", rubriques=("S21.G00.30.005",)),
        Question("individu.naissance_date", N_("Date of birth"), Kind.DATE, check=_born_before,
                 rubriques=("S21.G00.30.006",)),
        Question("individu.nir", N_("Social security number (NIR)"), Kind.NIR, required=False,
                 help=N_("13 characters, or 15 with the key; leave empty if the person has none yet."),
                 check=_nir_agrees, rubriques=("S21.G00.30.001",)),
    )),
    Step("individu.naissance", N_("Employee: place of birth"), (
        Question("individu.naissance_pays", N_("Country of birth (ISO code)"), Kind.CODE, external="PAYS",
                 pattern=r"[A-Z]{2}", pattern_hint=N_("2 letters, such as FR"), default="FR",
                 rubriques=("S21.G00.30.015",)),
        Question("individu.naissance_lieu", N_("Town of birth"), Kind.UPPER, max_length=30,
                 rubriques=("S21.G00.30.007",)),
        Question("individu.naissance_departement", N_("Department of birth"), Kind.CODE,
                 pattern=r"\d{2}|2A|2B|9[78]\d?", pattern_hint=N_("2 characters such as 75, 2A, or 97 for overseas"),
                 when=_born_in_france, rubriques=("S21.G00.30.014",)),
        Question("individu.codification_ue", N_("Nationality area"), Kind.CODE, codes="S21.G00.30.013",
                 default="01", rubriques=("S21.G00.30.013",)),
    )),
    Step("individu.adresse", N_("Employee: address"), (
        Question("individu.voie", N_("Number and street"), Kind.UPPER, max_length=50, rubriques=("S21.G00.30.008",)),
        Question("individu.code_postal", N_("Postcode"), Kind.POSTCODE, rubriques=("S21.G00.30.009",)),
        Question("individu.localite", N_("Town"), Kind.UPPER, max_length=50, rubriques=("S21.G00.30.010",)),
    )),
)


# ----------------------------------------------------------------------------- contract
def _is_fixed_term(scope: Scope) -> bool:
    return scope.get("contrat.nature") in FIXED_TERM


# Natures that must carry a planned end date (S21.G00.40.010/CCH-12) and those for which a
# reason is asked (S21.G00.40.021/SIG-11: required for 02, 03, 92 outside public schemes).
FIXED_TERM = ("02", "03", "10", "29", "70", "92")
WITH_REASON = ("02", "03", "92")


def _needs_reason(scope: Scope) -> bool:
    return scope.get("contrat.nature") in WITH_REASON


def not_before(other: str, message: str):  # type: ignore[no-untyped-def]
    """A check: this date is not before the answer `other` (`message` gets {value}, {other})."""
    def check(value: str, scope: Scope) -> str | None:
        before = scope.get(other)
        if before and value < before:  # ISO dates compare as text
            return _(message).format(value=value, other=before)
        return None
    return check


def _ends_after_start(value: str, scope: Scope) -> str | None:
    start, end = scope.date("contrat.debut"), as_date(value)
    if start and end and end < start:
        return _("The end date ({end}) must not be before the start date ({start}).").format(
            end=value, start=scope.get("contrat.debut"))
    return None


CONTRAT = (
    Step("contrat.nature", N_("Contract"), (
        Question("contrat.nature", N_("Nature of the contract"), Kind.CODE, codes="S21.G00.40.007",
                 help=N_("Type cdi, cdd or words of the label to filter the list."), rubriques=("S21.G00.40.007",)),
        Question("contrat.debut", N_("Start date of the contract"), Kind.DATE, rubriques=("S21.G00.40.001",)),
        Question("contrat.fin_previsionnelle", N_("Planned end date"), Kind.DATE, when=_is_fixed_term,
                 check=_ends_after_start, rubriques=("S21.G00.40.010",)),
        Question("contrat.motif_recours", N_("Reason for the fixed-term contract"), Kind.CODE,
                 codes="S21.G00.40.021", when=_needs_reason, rubriques=("S21.G00.40.021",)),
        Question("contrat.numero", N_("Contract number"), Kind.TEXT, min_length=5, max_length=20,
                 pattern=r"[A-Za-z0-9\-_/.]+", pattern_hint=N_("5 to 20 letters, digits or - _ / ."),
                 help=N_("Your own reference for this contract, 5 to 20 characters; it must stay the same every month."),
                 rubriques=("S21.G00.40.009",)),
    )),
    Step("contrat.emploi", N_("Job"), (
        Question("contrat.emploi", N_("Job title"), Kind.UPPER, max_length=120, rubriques=("S21.G00.40.006",)),
        Question("contrat.pcs_ese", N_("PCS-ESE code of the job"), Kind.CODE, external="PCS-ESE",
                 pattern=r"\d{3}[a-z]|\d{3}[A-Z]", pattern_hint=N_("3 digits and a letter, such as 542a"),
                 help=N_("INSEE's code of the profession, 3 digits and a letter (for example 542a for an office employee)."),
                 rubriques=("S21.G00.40.004",)),
        Question("contrat.statut_conventionnel", N_("Status under the collective agreement"), Kind.CODE,
                 codes="S21.G00.40.002", rubriques=("S21.G00.40.002",)),
        Question("contrat.statut_categoriel", N_("Complementary pension category"), Kind.CODE,
                 codes="S21.G00.40.003", rubriques=("S21.G00.40.003",)),
        Question("contrat.dispositif", N_("Public scheme (apprenticeship, assisted contract…)"), Kind.CODE,
                 codes="S21.G00.40.008", default="99", rubriques=("S21.G00.40.008",)),
    )),
    Step("contrat.temps", N_("Working time"), (
        Question("contrat.modalite_temps", N_("Working time arrangement"), Kind.CODE, codes="S21.G00.40.014",
                 default="10", rubriques=("S21.G00.40.014",)),
        Question("contrat.unite_quotite", N_("Unit of working time"), Kind.CODE, codes="S21.G00.40.011",
                 default="10", rubriques=("S21.G00.40.011",)),
        Question("contrat.quotite_reference", N_("Company's full-time reference for this category"), Kind.DECIMAL,
                 help=N_("Monthly hours of a full-time employee, usually 151,67."), default="151.67",
                 rubriques=("S21.G00.40.012",)),
        Question("contrat.quotite", N_("Working time of this contract"), Kind.DECIMAL,
                 help=N_("Monthly hours of this contract (151,67 for a full-time contract)."),
                 rubriques=("S21.G00.40.013",)),
    )),
    Step("contrat.regimes", N_("Social security schemes"), (
        Question("contrat.idcc", N_("Collective agreement of the contract (IDCC)"), Kind.CODE, external="IDCC",
                 pattern=r"\d{4}", pattern_hint=N_("4 digits; 9999 when there is none"), default=_idcc_default,
                 rubriques=("S21.G00.40.017",)),
        Question("contrat.lieu_travail", N_("SIRET of the workplace"), Kind.SIRET, default=_siret_default,
                 rubriques=("S21.G00.40.019",)),
        Question("contrat.regime_maladie", N_("Health insurance scheme"), Kind.CODE, codes="S21.G00.40.018",
                 default="200", rubriques=("S21.G00.40.018",)),
        Question("contrat.regime_vieillesse", N_("Old-age pension scheme"), Kind.CODE, codes="S21.G00.40.020",
                 default="200", rubriques=("S21.G00.40.020",)),
        Question("contrat.regime_at", N_("Work accident scheme"), Kind.CODE, codes="S21.G00.40.039",
                 default="200", rubriques=("S21.G00.40.039",)),
        Question("contrat.complement_regime", N_("Alsace-Moselle or CAMIEG complement"), Kind.CODE,
                 codes="S21.G00.40.016", default="99", rubriques=("S21.G00.40.016",)),
        Question("contrat.retraite_complementaire", N_("Complementary pension scheme"), Kind.CODE,
                 codes="S21.G00.71.002", default="RUAA", rubriques=("S21.G00.71.002",)),
    )),
    Step("contrat.situation", N_("Employee's situation"), (
        Question("contrat.travailleur_etranger", N_("Posted, expatriate or cross-border worker"), Kind.CODE,
                 codes="S21.G00.40.024", default="99", rubriques=("S21.G00.40.024",)),
        Question("contrat.statut_emploi", N_("Employment status (public sector)"), Kind.CODE,
                 codes="S21.G00.40.026", default="99", rubriques=("S21.G00.40.026",)),
        Question("contrat.emplois_multiples", N_("Several jobs with you"), Kind.CODE, codes="S21.G00.40.036",
                 default="01", rubriques=("S21.G00.40.036",)),
        Question("contrat.employeurs_multiples", N_("Several employers"), Kind.CODE, codes="S21.G00.40.037",
                 default="01", rubriques=("S21.G00.40.037",)),
        Question("contrat.code_risque_at", N_("Work accident risk code"), Kind.TEXT, min_length=5, max_length=6,
                 pattern=r"[0-9]{3}[A-Z0-9]{2}[A-Z0-9]?", pattern_hint=N_("the code on your AT/MP rate notice, such as 602MDB"),
                 default=lambda s: s.get("etablissement.code_risque_at"), rubriques=("S21.G00.40.040",)),
        Question("contrat.taux_at", N_("Work accident rate (%)"), Kind.DECIMAL,
                 default=lambda s: s.get("etablissement.taux_at"), rubriques=("S21.G00.40.043",)),
    )),
)


def contract_label(scope: Scope) -> str:
    return " ".join(p for p in (scope.get("individu.nom"), scope.get("individu.prenoms")) if p)


# ----------------------------------------------------------------------------- declaration
def _replaces(scope: Scope) -> bool:
    # S20.G00.05.006/CCH-12: only types 03 and 04 name the declaration replaced (not 05).
    return scope.get("declaration.type") in ("03", "04")


def declaration_step(types: tuple[str, ...]) -> Step:
    """Normal, or a correction of a file already sent (S20.G00.05.002 and .006)."""
    return Step("declaration", N_("Declaration"), (
        Question("declaration.type", N_("Kind of declaration"), Kind.CODE, codes="S20.G00.05.002", only=types,
                 default="01",
                 help=N_("01 for a new declaration; 03 to cancel and replace one already sent."),
                 rubriques=("S20.G00.05.002",)),
        Question("declaration.remplace", N_("Identifier of the declaration replaced"), Kind.TEXT,
                 min_length=9, max_length=23, pattern=r"[0-9A-Za-z]+",
                 pattern_hint=N_("the identifier given in the deposit receipt, 9 to 23 letters and digits"),
                 help=N_("Printed on the deposit receipt (bilan d'identification) of the file you replace."),
                 when=_replaces, rubriques=("S20.G00.05.006",)),
    ))


# Short identity for the signals that need only who the person is (arrêt, reprise).
INDIVIDU_COURT = Step("individu.identite", N_("Employee"), (
    Question("individu.nom", N_("Family name (birth name)"), Kind.UPPER, max_length=80, rubriques=("S21.G00.30.002",)),
    Question("individu.prenoms", N_("First names"), Kind.UPPER, max_length=80, rubriques=("S21.G00.30.004",)),
    Question("individu.naissance_date", N_("Date of birth"), Kind.DATE, check=_born_before,
             rubriques=("S21.G00.30.006",)),
    Question("individu.nir", N_("Social security number (NIR)"), Kind.NIR,
             help=N_("13 characters, or 15 with the key."), check=_nir_agrees, rubriques=("S21.G00.30.001",)),
))

CONTRAT_COURT = Step("contrat.reference", N_("Contract"), (
    Question("contrat.numero", N_("Contract number"), Kind.TEXT, min_length=5, max_length=20,
             pattern=r"[A-Za-z0-9\-_/.]+", pattern_hint=N_("5 to 20 letters, digits or - _ / ."),
             help=N_("The number declared for this contract in the monthly DSN."), rubriques=("S21.G00.40.009",)),
    Question("contrat.debut", N_("Start date of the contract"), Kind.DATE, rubriques=("S21.G00.40.001",)),
))
