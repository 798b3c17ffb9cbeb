"""Fin du contrat de travail unique (DSN nature 07, FCTU): the end of a contract and its last pays.

A FCTU is self-contained for month M (the monthly DSN that carries the last pay,
S21.G00.62.020) and M-1: the full individual and contract, the end (S21.G00.62) with the
dates its motif requires, the notice (S21.G00.63), the complementary pension (S21.G00.71),
one versement per month (S21.G00.50.020 `01` = M, `02` = M-1) with its rémunérations,
indemnities, bases and contributions, the seniority (S21.G00.86) and the work place
(S21.G00.85). A correction is a type 03 (a full FCTU naming the replaced one in
S20.G00.05.006). A type 04 cancels a FCTU sent by mistake: it repeats the cancelled FCTU and
names it in S20.G00.05.006. S20.G00.05.002/CCH-16 asks an individual only of types 01 and 03,
but the FCTU structure (France Travail's schema, DSN-Val's usage for nature 07) requires the
individual, the contract, its end and the pay whatever the type, so nothing is left out.
"""

from __future__ import annotations

from datetime import date

from forms import codelists
from forms.builders.dsn_common import DsnBuilder, Header
from forms.builders.fctu import month_start, seniority_days, write_versement
from forms.declarations import BuildContext, Built, Declaration
from forms.declarations.sections import CONTRAT, ETABLISSEMENT, INDIVIDU, declaration_step, not_before
from forms.dsn.writer import close_envoi, write
from forms.history.known import contract_declared_before
from forms.i18n import N_, _
from forms.model import Contrat, Etablissement, Individu
from forms.questions import Form, Kind, Question, Repeat, Scope, Step
from forms.values import as_date, dsn_date

# ----------------------------------------------------------------------------- the norm's lists
# Dates the motif de rupture requires (S21.G00.62.003/CCH-12, 62.004/CCH-11, 62.005/CCH-12).
NOTIFICATION_MOTIFS = ("011", "012", "014", "015", "020", "025", "034", "035", "036", "037", "058", "059", "082",
                       "083", "087", "088", "089", "095", "096", "097", "111", "112", "113", "115", "117")
CONVENTION_MOTIFS = ("043", "110", "111")
PROCEDURE_MOTIFS = ("011", "012", "014", "015", "020", "026", "086", "087", "088", "089", "091", "092", "093",
                    "111", "112", "113", "114", "115", "117")
# Motifs not offered: 099/100/116/998/999 are forbidden in a 07 (62.002/CCH-12, CCH-13); 026 (CSP) and
# 114 (PAP) need rubriques this form does not ask (62.011, 62.013, 62.018); 070/071 are public-sector
# revocations, 085 ends a mandate and 118/119 are not employment contracts.
NOT_OFFERED = ("026", "070", "071", "085", "099", "100", "114", "116", "118", "119", "998", "999")
MOTIFS = tuple(c for c, _label in codelists.norm_choices("S21.G00.62.002") if c not in NOT_OFFERED)
# Motif ↔ contract nature for the two natures small employers use (62.002/CCH-11); the engine checks the rest.
CDI_ONLY = ("011", "012", "014", "015", "020", "025", "038", "039", "043", "058", "059", "082", "086", "087",
            "088", "089", "091", "092", "093", "110", "111", "112", "113", "115", "117")
CDD_ONLY = ("031", "033", "036", "037", "084", "095", "096", "097")
# Notice: types with a period (S21.G00.63.002/CCH-11, 63.003/CCH-14); those not worked, which must
# start after the last day worked (S21.G00.62.006/CCH-12).
NOTICE_WITH_DATES = ("01", "02", "03", "10", "50", "51", "60", "61")
NOTICE_NOT_WORKED = ("02", "03", "10", "50", "51", "61")
NOTICE_TYPES = ("01", "02", "03", "50", "51", "60", "90")   # 10 (CSP) and 61 (PAP) belong to motifs not offered
TRIAL_MOTIFS = ("034", "035")                                # notice 60 or 90 only (63.001/CCH-11)
AGREED_MOTIFS = ("043", "110")                               # notice 90 only (63.001/CCH-12)
# Indemnity types tied to motifs (S21.G00.52.001/CCH-21 to CCH-31).
INDEMNITY_MOTIFS = {
    "001": ("043", "110"),
    "003": ("038",), "004": ("038",),
    "005": ("039", "059"), "006": ("039", "059"),
    "007": ("011", "012", "014", "015", "020", "025", "026", "082", "086", "087", "089", "091", "092", "093",
            "098", "111", "112", "113", "114", "115", "117"),
    "016": ("081", "084", "097"),
    "032": ("033", "091", "092"),
    "033": ("011", "012", "014", "015", "020", "025", "026", "065", "082", "086", "087", "088", "089", "091",
            "092", "093", "098", "113", "114", "115", "117"),
}
for _code in ("008", "009", "010"):
    INDEMNITY_MOTIFS[_code] = INDEMNITY_MOTIFS["007"]
# Indemnities offered: no public-sector type, no placeholder, none needing a period (026, 027, 029,
# 902: 52.003/.004), not 039 (forbidden for private contracts, 52.001/CCH-32).
INDEMNITIES = tuple(
    c for c, label in codelists.norm_choices("S21.G00.52.001")
    if not label.startswith(("[FP]", "Potentiel")) and c not in ("026", "027", "029", "039", "902")
)
# Bases of a private employer; 31 is forbidden in a 07 (78.001/CCH-14), and so are the CIBTP bases.
BASES = ("02", "03", "04", "05", "07", "11", "13", "14", "22", "23", "24", "43", "44", "45", "54", "57")
# 018 and 106 need a S21.G00.79 (81.001/CCH-17), a block forbidden in a 07.
COTISATIONS = tuple(c for c, _label in codelists.norm_choices("S21.G00.81.001") if c not in ("018", "106"))


# ----------------------------------------------------------------------------- conditions
def _motif(*codes: str):  # type: ignore[no-untyped-def]
    return lambda scope: scope.get("fin.motif") in codes


def _fixed_term(scope: Scope) -> bool:
    return scope.get("contrat.nature") in ("02", "03")


def _notice_dated(scope: Scope) -> bool:
    return scope.get("preavis.type") in NOTICE_WITH_DATES


def _elsewhere(scope: Scope) -> bool:
    """The employee works at another place than the declaring establishment (S21.G00.40.019)."""
    place = scope.get("contrat.lieu_travail")
    return bool(place) and place != scope.get("etablissement.siret")


def _end(scope: Scope) -> date | None:
    return scope.date("fin.date")


def _month_before_expected(scope: Scope) -> bool:
    """The contract existed in the month before the month of its end: the FCTU carries both."""
    end, start = _end(scope), scope.date("contrat.debut")
    return bool(end and start and start < month_start(end))


def _rank(scope: Scope) -> int:
    """0 for the first versement item (month M), 1 for the second (M-1)."""
    parts = scope.prefix.rstrip(".").split(".")
    try:
        return int(parts[parts.index("versements") + 1])
    except (ValueError, IndexError):
        return 0


def _pay_month(scope: Scope) -> str:
    end = _end(scope)
    if end is None:
        return ""
    first = month_start(end, _rank(scope))
    return f"{first.month:02d}/{first.year}"


# ----------------------------------------------------------------------------- checks
def _motif_fits(value: str, scope: Scope) -> str | None:
    nature = scope.get("contrat.nature")
    if nature == "01" and value in CDD_ONLY:
        return _("The reason {value} ends a fixed-term contract; this contract is a CDI (nature 01).").format(value=value)
    if nature == "02" and value in CDI_ONLY:
        return _("The reason {value} does not apply to a fixed-term contract (CDD, nature 02).").format(value=value)
    return None


def _end_dates(scope: Scope) -> list[tuple[str, str]]:
    """62.003/CCH-11, 62.001/CCH-11, 62.005/CCH-11, 62.006/CCH-15: each date within the contract."""
    out: list[tuple[str, str]] = []
    start, end = scope.get("contrat.debut"), scope.get("fin.date")
    if not end:
        return out
    for qid in ("fin.notification", "fin.dernier_jour", "fin.engagement", "fin.signature"):
        value = scope.get(qid)
        if not value:
            continue
        if start and value < start and qid in ("fin.notification", "fin.dernier_jour"):
            out.append((qid, _("This date ({value}) must not be before the start of the contract ({other}).").format(
                value=value, other=start)))
        elif value > end:
            out.append((qid, _("This date ({value}) must not be after the end of the contract ({other}).").format(
                value=value, other=end)))
        elif qid == "fin.signature" and value == end:
            out.append((qid, _("The contract must end after the day the agreement is signed ({value}).").format(value=value)))
    return out


def _notice(scope: Scope) -> list[tuple[str, str]]:
    """63.001/CCH-11, CCH-12; 63.002/CCH-13, CCH-14, CCH-16; 63.003/CCH-13; 62.006/CCH-12."""
    kind, motif = scope.get("preavis.type"), scope.get("fin.motif")
    if motif in TRIAL_MOTIFS and kind not in ("60", "90"):
        return [("preavis.type", _("The end of a trial period has no notice: answer 60 (délai de prévenance) or 90."))]
    if motif in AGREED_MOTIFS and kind != "90":
        return [("preavis.type", _("A rupture conventionnelle has no notice: answer 90."))]
    begin, end = scope.get("preavis.debut"), scope.get("preavis.fin")
    if kind not in NOTICE_WITH_DATES or not begin:
        return []
    checks = (
        ("contrat.debut", N_("The notice cannot start ({value}) before the contract ({other}).")),
        ("fin.notification", N_("The notice cannot start ({value}) before the break-up is notified ({other}).")),
    )
    for other, message in checks:
        if scope.get(other) and begin < scope.get(other):
            return [("preavis.debut", _(message).format(value=begin, other=scope.get(other)))]
    engaged = scope.get("fin.engagement")
    if engaged and begin <= engaged:
        return [("preavis.debut", _("The notice must start ({value}) after the dismissal procedure is engaged ({other}).").format(
            value=begin, other=engaged))]
    if end and end < begin:
        return [("preavis.fin", _("The end of the notice ({value}) must not be before its start ({other}).").format(
            value=end, other=begin))]
    last = scope.get("fin.dernier_jour")
    if kind in NOTICE_NOT_WORKED and last and last >= begin:
        return [("preavis.debut", _(
            "A notice not worked starts after the last day worked ({other}); found {value}."
        ).format(value=begin, other=last))]
    return []


def _versements_count(value: str, scope: Scope) -> str | None:
    """M and M-1 when the contract existed in the month before its end, M alone otherwise."""
    if not _end(scope) or not scope.date("contrat.debut"):
        return None
    if _month_before_expected(scope) and value != "2":
        return _("The FCTU carries the pay of the month of the end and of the month before: answer 2.")
    if not _month_before_expected(scope) and value != "1":
        return _("The contract started in the month it ends: there is no pay of the month before; answer 1.")
    return None


def _joined_before_end(value: str, scope: Scope) -> str | None:
    end = scope.get("fin.date")
    if end and value > end:
        return _("This date ({value}) must not be after the end of the contract ({other}).").format(value=value, other=end)
    return None


def _versement_rules(scope: Scope) -> list[tuple[str, str]]:
    problem = _versements_count(scope.get("versements.nombre"), scope)
    return [("versement.date", problem)] if problem else []


def _indemnity_fits(value: str, scope: Scope) -> str | None:
    allowed = INDEMNITY_MOTIFS.get(value)
    motif = scope.get("fin.motif")
    if allowed is not None and motif and motif not in allowed:
        return _("This indemnity ({value}) does not go with the reason for the end of the contract ({motif}).").format(
            value=value, motif=motif)
    return None


def _indemnity_once(scope: Scope) -> list[tuple[str, str]]:
    """S21.G00.52.001/CCH-11: each type once per contract and versement."""
    mine = scope.get("indemnite.type")
    parent = Scope(scope.answers, scope.prefix.rsplit("indemnites.", 1)[0])
    same = [s for s in parent.items("indemnites", "indemnites.nombre") if s.get("indemnite.type") == mine]
    if mine and len(same) > 1 and same[0].prefix != scope.prefix:
        return [("indemnite.type", _("This indemnity type is already given for this pay: add the amounts together."))]
    return []


# ----------------------------------------------------------------------------- steps
LIEU = Step("lieu", N_("Place of work"), (
    Question("lieu.code_commune", N_("INSEE code of the town where the employee works"), Kind.CODE, external="COMMUNE",
             pattern=r"\d{5}|2[AB]\d{3}", pattern_hint=N_("5 characters such as 75103 (not the postcode)"),
             help=N_("The town's official INSEE code (code commune), not its postcode: 75103 for Paris 3e."),
             rubriques=("S21.G00.85.011",)),
    Question("lieu.ape", N_("APE code of the place of work"), Kind.CODE, external="APE", when=_elsewhere,
             pattern=r"\d{4}[A-Z]", pattern_hint=N_("4 digits and a letter, such as 9499Z"), rubriques=("S21.G00.85.002",)),
    Question("lieu.voie", N_("Number and street of the place of work"), Kind.UPPER, max_length=50, when=_elsewhere,
             rubriques=("S21.G00.85.003",)),
    Question("lieu.code_postal", N_("Postcode of the place of work"), Kind.POSTCODE, when=_elsewhere,
             rubriques=("S21.G00.85.004",)),
    Question("lieu.localite", N_("Town of the place of work"), Kind.UPPER, max_length=50, when=_elsewhere,
             rubriques=("S21.G00.85.005",)),
))

FIN = Step("fin", N_("End of the contract"), (
    Question("fin.date", N_("Last day of the contract"), Kind.DATE,
             help=N_("The last day the employee belongs to the company, notice included."),
             check=not_before("contrat.debut", N_("The end ({value}) must not be before the start of the contract ({other}).")),
             rubriques=("S21.G00.62.001",)),
    Question("fin.motif", N_("Reason for the end of the contract"), Kind.CODE, codes="S21.G00.62.002", only=MOTIFS,
             help=N_("Type fin, démission, licenciement, conventionnelle, retraite, essai… to filter."),
             check=_motif_fits, rubriques=("S21.G00.62.002",)),
))

FIN_DATES = Step("fin.dates", N_("Dates of the end"), (
    Question("fin.notification", N_("Date the break-up was notified"), Kind.DATE, when=_motif(*NOTIFICATION_MOTIFS),
             help=N_("Date the dismissal letter was sent, the resignation letter handed over or sent, or the end of "
                     "the trial period notified."),
             rubriques=("S21.G00.62.003",)),
    Question("fin.signature", N_("Date the break-up agreement was signed"), Kind.DATE, when=_motif(*CONVENTION_MOTIFS),
             rubriques=("S21.G00.62.004",)),
    Question("fin.engagement", N_("Date the dismissal procedure was engaged"), Kind.DATE, when=_motif(*PROCEDURE_MOTIFS),
             help=N_("Usually the date of the preliminary interview (entretien préalable)."),
             rubriques=("S21.G00.62.005",)),
    Question("fin.dernier_jour", N_("Last day worked and paid at the usual salary"), Kind.DATE,
             default=lambda s: s.get("fin.date"), rubriques=("S21.G00.62.006",)),
), rules=(_end_dates,))

FIN_AUTRES = Step("fin.autres", N_("Settling the end"), (
    Question("fin.transaction", N_("Is a settlement (transaction) under way?"), Kind.YESNO, default="non",
             rubriques=("S21.G00.62.008",)),
    Question("fin.refus_cdi", N_("Did the employee refuse an offer of a CDI at the end of this contract?"), Kind.YESNO,
             when=_fixed_term, default="non", rubriques=("S21.G00.62.021",)),
    Question("fin.mois_paie", N_("Month of the monthly DSN that carries the last pay"), Kind.MONTH,
             help=N_("Usually the month the contract ends; the next month when you pay a month late."),
             default=lambda s: s.get("fin.date")[:7]),  # S21.G00.62.020, written 01MMAAAA by the builder
    Question("fin.entree", N_("Date the employee joined the company"), Kind.DATE,
             help=N_("Counts the seniority; the start of this contract unless earlier contracts followed without a break."),
             default=lambda s: s.get("contrat.debut"),
             check=_joined_before_end),  # S21.G00.86.003 counts the days from it
))

PREAVIS = Step("preavis", N_("Notice"), (
    Question("preavis.type", N_("How the notice was carried out and paid"), Kind.CODE, codes="S21.G00.63.001", only=NOTICE_TYPES,
             default=lambda s: "90" if s.get("fin.motif") in ("031", *AGREED_MOTIFS) else "",
             help=N_("90 when no notice applies (end of a CDD, rupture conventionnelle); 60 for the end of a trial period."),
             rubriques=("S21.G00.63.001",)),
    Question("preavis.debut", N_("Start of the notice"), Kind.DATE, when=_notice_dated,
             help=N_("For a dismissal, the day the registered letter is presented; for a resignation, the day you "
                     "learn of it."),
             rubriques=("S21.G00.63.002",)),
    Question("preavis.fin", N_("End of the notice"), Kind.DATE, when=_notice_dated,
             default=lambda s: s.get("fin.date"), rubriques=("S21.G00.63.003",)),
), rules=(_notice,))

INDEMNITES = Repeat(
    "indemnites",
    Question("indemnites.nombre", N_("How many end-of-contract indemnities in this pay?"), Kind.COUNT, high=20,
             default="0", help=N_("Indemnité de licenciement, de fin de CDD, compensatrice de congés payés… 0 if none.")),
    (Step("indemnite", N_("Indemnity"), (
        Question("indemnite.type", N_("Kind of indemnity"), Kind.CODE, codes="S21.G00.52.001", only=INDEMNITIES,
                 help=N_("Type licenciement, congés, fin de CDD… to filter."), check=_indemnity_fits,
                 rubriques=("S21.G00.52.001",)),
        Question("indemnite.montant", N_("Amount (€)"), Kind.AMOUNT, rubriques=("S21.G00.52.002",)),
    ), rules=(_indemnity_once,)),),
    N_("Indemnity {n}"),
)

COTISATIONS_REPEAT = Repeat(
    "cotisations",
    Question("cotisations.nombre", N_("How many contributions on this base?"), Kind.COUNT, high=40),
    (Step("cotisation", N_("Contribution"), (
        Question("cotisation.code", N_("Contribution"), Kind.CODE, codes="S21.G00.81.001", only=COTISATIONS,
                 help=N_("Type maladie, vieillesse, chômage, CSG… to filter."), rubriques=("S21.G00.81.001",)),
        Question("cotisation.assiette", N_("Amount it is computed on (€)"), Kind.AMOUNT,
                 default=lambda s: s.get("base.montant"), rubriques=("S21.G00.81.003",)),
        Question("cotisation.taux", N_("Rate (%)"), Kind.DECIMAL, required=False, rubriques=("S21.G00.81.007",)),
        Question("cotisation.montant", N_("Amount of the contribution (€)"), Kind.AMOUNT, negative=True,
                 help=N_("Negative for a reduction."), rubriques=("S21.G00.81.004",)),
    )),),
    N_("Contribution {n}"),
)

BASES_REPEAT = Repeat(
    "bases",
    Question("bases.nombre", N_("How many contribution bases in this pay?"), Kind.COUNT, low=1, high=20,
             help=N_("Usually 4: plafonnée (02), déplafonnée (03), CSG (04), assurance chômage (07).")),
    (Step("base", N_("Contribution base"), (
        Question("base.code", N_("Base"), Kind.CODE, codes="S21.G00.78.001", only=BASES,
                 help=N_("02 plafonnée, 03 déplafonnée, 04 CSG, 07 assurance chômage."), rubriques=("S21.G00.78.001",)),
        Question("base.montant", N_("Amount of the base (€)"), Kind.AMOUNT, rubriques=("S21.G00.78.004",)),
    )), COTISATIONS_REPEAT),
    N_("Base {n} — {name}"),
    name=lambda s: s.get("base.code"),
)

VERSEMENT = Step("versement", N_("Date and gross pay"), (
    Question("versement.date", N_("Date the pay was paid"), Kind.DATE, rubriques=("S21.G00.50.001",)),
    Question("versement.salaire_base", N_("Base salary of the month (€)"), Kind.AMOUNT, rubriques=("S21.G00.51.013",),
             help=N_("The salary set by the contract for the month (salaire de base).")),
    Question("versement.brut", N_("Gross pay (€)"), Kind.AMOUNT, rubriques=("S21.G00.51.013",),
             help=N_("All the gross pay subject to contributions, indemnities subject to contributions included.")),
    Question("versement.brut_chomage", N_("Gross pay for unemployment insurance (€)"), Kind.AMOUNT,
             default=lambda s: s.get("versement.salaire_base"), rubriques=("S21.G00.51.013",),
             help=N_("The gross pay without the indemnities due to the end of the contract.")),
    Question("versement.activite", N_("Hours (or days) paid in the month"), Kind.DECIMAL,
             default=lambda s: s.get("contrat.quotite"), rubriques=("S21.G00.53.002",),
             help=N_("In the unit of the contract's working time: hours for most contracts.")),
    Question("versement.salaire_retabli", N_("Salary had there been no absence (€)"), Kind.AMOUNT, required=False,
             default=lambda s: s.get("versement.salaire_base"), rubriques=("S21.G00.51.013",),
             help=N_("Salaire rétabli: what the employee would have earned without unpaid absence.")),
), rules=(_versement_rules,))

VERSEMENTS = Repeat(
    "versements",
    Question("versements.nombre", N_("How many months of pay does the FCTU carry?"), Kind.COUNT, low=1, high=2,
             default=lambda s: "2" if _month_before_expected(s) else "1", check=_versements_count,
             help=N_("2: the month the contract ends and the month before; 1 when the contract started in the month it ends.")),
    (VERSEMENT, INDEMNITES, BASES_REPEAT),
    N_("Pay {n} — {name}"),
    name=_pay_month,
)

FORM = Form("fctu", N_("End of contract (DSN event 07, FCTU)"), (
    declaration_step(("01", "03", "04")),
    *ETABLISSEMENT,
    *INDIVIDU,
    *CONTRAT,
    LIEU, FIN, FIN_DATES, FIN_AUTRES, PREAVIS,
    VERSEMENTS,
))


# ----------------------------------------------------------------------------- builder
def build_fctu(answers: dict[str, str], ctx: BuildContext) -> Built:
    etab = Etablissement.from_answers(answers, "etablissement.")
    kind = answers.get("declaration.type", "01")
    b = DsnBuilder(etab, Header("07", kind, ctx.numero_ordre, ctx.today, test=ctx.test,
                                replaces=answers.get("declaration.remplace", "")))
    b.contact("02")  # contact for the end of contracts (S20.G00.07.004)
    person = Individu.from_answers(answers, "individu.")
    contract = Contrat.from_answers(answers, "contrat.")
    scope = Scope(answers)
    end = scope.date("fin.date")
    assert end is not None  # required by the form

    def d(key: str) -> str:
        return dsn_date(answers[key]) if answers.get(key) else ""

    b.company()
    ind = b.individual(person)
    occ = b.contract(contract, ind)
    declared = contract_declared_before(answers, etab.siret, contract.numero)
    if declared:  # declared last under another SIRET or number (S21.G00.45)
        b.add("S21.G00.45", declared, occ)
    fin = b.add("S21.G00.62", {
        "S21.G00.62.001": d("fin.date"),
        "S21.G00.62.002": answers["fin.motif"],
        "S21.G00.62.003": d("fin.notification"),
        "S21.G00.62.004": d("fin.signature"),
        "S21.G00.62.005": d("fin.engagement"),
        "S21.G00.62.006": d("fin.dernier_jour"),
        "S21.G00.62.008": "01" if answers.get("fin.transaction") == "oui" else "02",
        "S21.G00.62.020": dsn_date(answers["fin.mois_paie"] + "-01"),
        "S21.G00.62.021": "01" if answers.get("fin.refus_cdi") == "oui" else "",
    }, occ)
    b.add("S21.G00.63", {
        "S21.G00.63.001": answers["preavis.type"],
        "S21.G00.63.002": d("preavis.debut"),
        "S21.G00.63.003": d("preavis.fin"),
    }, fin)
    b.pension(contract, occ)
    for rank, item in enumerate(scope.items("versements", "versements.nombre")):
        write_versement(b, ind, item, rank, contract_no=contract.numero, unit=contract.unite_quotite,
                        end=end, start=as_date(contract.debut))
    b.add("S21.G00.86", {
        "S21.G00.86.001": "07", "S21.G00.86.002": "01",
        "S21.G00.86.003": seniority_days(answers.get("fin.entree", contract.debut), end),
        "S21.G00.86.005": contract.numero,
    }, ind)
    _workplace(b, answers, contract)
    close_envoi(b.doc)
    return Built(
        data=write(b.doc), filename=f"fctu-{etab.siret}-{person.nom}-{end.isoformat()}.dsn".replace(" ", "_"),
        nature="07", type=kind, period=answers["fin.mois_paie"], people=[(person.nir, person.display_name)],
    )


def _workplace(b: DsnBuilder, answers: dict[str, str], contract: Contrat) -> None:
    """S21.G00.85 for the place of S21.G00.40.019 (under the declaration, after the individual)."""
    place = contract.lieu_travail or b.etab.siret
    here = place == b.etab.siret
    e = b.etab
    b.add("S21.G00.85", {
        "S21.G00.85.001": place,
        "S21.G00.85.002": e.ape if here else answers.get("lieu.ape", ""),
        "S21.G00.85.003": e.voie if here else answers.get("lieu.voie", ""),
        "S21.G00.85.004": e.code_postal if here else answers.get("lieu.code_postal", ""),
        "S21.G00.85.005": e.localite if here else answers.get("lieu.localite", ""),
        "S21.G00.85.010": "01",
        "S21.G00.85.011": answers.get("lieu.code_commune", ""),
    }, b.declaration)


DECLARATION = Declaration("fctu", FORM, build_fctu)
