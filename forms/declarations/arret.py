"""Arrêt de travail (DSN nature 04): who, which contract, the stop, subrogation.

No pay block: the CPAM rebuilds the reference salaries from the monthly DSNs. A
correction is a type 03 repeating the replaced arrêt's dates (S20.G00.05.006 names it).
"""

from __future__ import annotations

from forms.builders.dsn_common import DsnBuilder, Header
from forms.declarations import BuildContext, Built, Declaration
from forms.declarations.sections import (
    CONTRAT_COURT,
    ETABLISSEMENT,
    INDIVIDU_COURT,
    declaration_step,
    not_before,
)
from forms.dsn.tree import Occurrence
from forms.dsn.writer import close_envoi, write
from forms.i18n import N_, _
from forms.model import Contrat, Etablissement, Individu
from forms.questions import Form, Kind, Question, Scope, Step
from forms.values import dsn_date

# Motifs with an accident or first-observation date (S21.G00.60.012/CCH-11).
ACCIDENT_MOTIFS = ("04", "05", "06")
# Motifs the 04 refuses: 99 (S21.G00.60.001/CCH-12) and therapeutic part time 15-18 (CCH-14).
REFUSED_MOTIFS = ("15", "16", "17", "18", "99")


def _subrogation(scope: Scope) -> bool:
    return scope.yes("arret.subrogation")


def _accident(scope: Scope) -> bool:
    return scope.get("arret.motif") in ACCIDENT_MOTIFS


def _dates(scope: Scope) -> list[tuple[str, str]]:
    out = []
    start, last = scope.get("contrat.debut"), scope.get("arret.dernier_jour")
    if start and last and last < start:
        out.append(("arret.dernier_jour", _("The last day worked must not be before the start of the contract.")))
    return out


ARRET = Step("arret", N_("Sick leave"), (
    Question("arret.motif", N_("Reason for the leave"), Kind.CODE, codes="S21.G00.60.001",
             only=tuple(c for c in (f"{i:02d}" for i in range(1, 25)) if c not in REFUSED_MOTIFS),
             help=N_("Type maladie, maternité, accident… to filter."), rubriques=("S21.G00.60.001",)),
    Question("arret.dernier_jour", N_("Last day worked"), Kind.DATE, rubriques=("S21.G00.60.002",)),
    Question("arret.fin_previsionnelle", N_("Planned end of the leave"), Kind.DATE,
             check=not_before("arret.dernier_jour", N_("The planned end ({value}) must not be before the last day worked ({other}).")),
             rubriques=("S21.G00.60.003",)),
    Question("arret.date_accident", N_("Date of the accident or first medical observation"), Kind.DATE,
             when=_accident, rubriques=("S21.G00.60.012",)),
), rules=(_dates,))

SUBROGATION = Step("subrogation", N_("Subrogation"), (
    Question("arret.subrogation", N_("Do you keep paying the salary and receive the daily allowances (subrogation)?"),
             Kind.YESNO, rubriques=("S21.G00.60.004",)),
    Question("arret.subrogation_debut", N_("Start of subrogation"), Kind.DATE, when=_subrogation,
             rubriques=("S21.G00.60.005",)),
    Question("arret.subrogation_fin", N_("End of subrogation"), Kind.DATE, when=_subrogation,
             check=not_before("arret.subrogation_debut", N_("The end of subrogation ({value}) must not be before its start ({other}).")),
             rubriques=("S21.G00.60.006",)),
    Question("arret.iban", N_("IBAN of the account to receive the allowances"), Kind.IBAN, when=_subrogation,
             default=lambda s: s.get("etablissement.iban"), rubriques=("S21.G00.60.007",)),
    Question("arret.bic", N_("BIC of that account"), Kind.BIC, when=_subrogation,
             default=lambda s: s.get("etablissement.bic"), rubriques=("S21.G00.60.008",)),
))

FORM = Form("arret", N_("Sick leave or accident (DSN event 04)"),
            (declaration_step(("01", "03")), *ETABLISSEMENT, INDIVIDU_COURT, CONTRAT_COURT, ARRET, SUBROGATION))


def open_stop_signal(answers: dict[str, str], ctx: BuildContext, nature: str) -> tuple[DsnBuilder, Occurrence]:
    """The common part of an arrêt (04) and a reprise (05): envoi, declaration, the contact
    for the daily allowances (S20.G00.07.004 = 01), company, person, contract reference."""
    etab = Etablissement.from_answers(answers, "etablissement.")
    b = DsnBuilder(etab, Header(nature, answers.get("declaration.type", "01"), ctx.numero_ordre, ctx.today,
                                test=ctx.test, replaces=answers.get("declaration.remplace", "")))
    b.contact("01")
    b.company()
    ind = b.individual(Individu.from_answers(answers, "individu."))
    return b, b.contract(Contrat.from_answers(answers, "contrat."), ind, full=False)


def answer_date(answers: dict[str, str], key: str) -> str:
    """The DSN form of a date answer, empty when not answered."""
    return dsn_date(answers[key]) if answers.get(key) else ""


def build_arret(answers: dict[str, str], ctx: BuildContext) -> Built:
    b, occ = open_stop_signal(answers, ctx, "04")
    etab, person = b.etab, Individu.from_answers(answers, "individu.")
    kind = answers.get("declaration.type", "01")
    sub = answers.get("arret.subrogation") == "oui"

    def d(key: str) -> str:
        return answer_date(answers, key)

    b.add("S21.G00.60", {
        "S21.G00.60.001": answers["arret.motif"],
        "S21.G00.60.002": d("arret.dernier_jour"),
        "S21.G00.60.003": d("arret.fin_previsionnelle"),
        "S21.G00.60.004": "01" if sub else "02",
        "S21.G00.60.005": d("arret.subrogation_debut") if sub else "",
        "S21.G00.60.006": d("arret.subrogation_fin") if sub else "",
        "S21.G00.60.007": answers.get("arret.iban", "") if sub else "",
        "S21.G00.60.008": answers.get("arret.bic", "") if sub else "",
        "S21.G00.60.012": d("arret.date_accident") if answers.get("arret.motif") in ACCIDENT_MOTIFS else "",
    }, occ)
    close_envoi(b.doc)
    last = answers.get("arret.dernier_jour", ctx.today.isoformat())
    return Built(
        data=write(b.doc), filename=f"arret-{etab.siret}-{person.nom}-{last}.dsn".replace(" ", "_"),
        nature="04", type=kind, period=last[:7], people=[(person.nir, person.display_name)],
    )


DECLARATION = Declaration("arret", FORM, build_arret)
