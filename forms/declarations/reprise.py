"""Reprise suite à arrêt de travail (DSN nature 05): the early end of a stoppage already signalled.

A 05 is sent only for a return earlier than the planned end that the 04 did not carry. It
names the stoppage as the 04 declared it (motif, last day worked, planned end) and gives the
return date and how work resumes. No subrogation data (forbidden in a 05), no pay block. A
correction is a type 03 repeating the replaced declaration's dates (S20.G00.05.006 names it).
"""

from __future__ import annotations

from forms.declarations import BuildContext, Built, Declaration
from forms.declarations.arret import ACCIDENT_MOTIFS, REFUSED_MOTIFS, answer_date, open_stop_signal
from forms.declarations.sections import CONTRAT_COURT, ETABLISSEMENT, INDIVIDU_COURT, declaration_step
from forms.dsn.writer import close_envoi, write
from forms.i18n import N_, _
from forms.model import Individu
from forms.questions import Form, Kind, Question, Scope, Step

# Motif de reprise: 02 (therapeutic part time) only in 01 and 07 (S21.G00.60.011/CCH-12).
REPRISE_MOTIFS = ("01", "03")


def _accident(scope: Scope) -> bool:
    return scope.get("arret.motif") in ACCIDENT_MOTIFS


def _planned_end_after_last_day(value: str, scope: Scope) -> str | None:
    last = scope.get("arret.dernier_jour")
    if last and value < last:  # ISO dates compare as text
        return _("The planned end ({value}) must not be before the last day worked ({other}).").format(
            value=value, other=last)
    return None


def _stop_dates(scope: Scope) -> list[tuple[str, str]]:
    start, last = scope.get("contrat.debut"), scope.get("arret.dernier_jour")
    if start and last and last < start:
        return [("arret.dernier_jour", _("The last day worked must not be before the start of the contract."))]
    return []


def _return_dates(scope: Scope) -> list[tuple[str, str]]:
    """S21.G00.60.010/CCH-11 (≥ contract start and last day worked); early return only."""
    back = scope.get("reprise.date")
    if not back:
        return []
    start, last, end = scope.get("contrat.debut"), scope.get("arret.dernier_jour"), scope.get("arret.fin_previsionnelle")
    if last and back < last:
        return [("reprise.date", _("The return date ({value}) must not be before the last day worked ({other}).").format(
            value=back, other=last))]
    if start and back < start:
        return [("reprise.date", _("The return date ({value}) must not be before the start of the contract ({other}).").format(
            value=back, other=start))]
    if end and back > end:
        return [("reprise.date", _(
            "A return signal is only for a return earlier than planned: the return date ({value}) must be on or before "
            "the planned end of the leave ({other}). If the employee came back at the planned date or later, send no "
            "return signal: declare the return in the next monthly DSN."
        ).format(value=back, other=end))]
    return []


ARRET = Step("arret", N_("The leave that ends early"), (
    Question("arret.motif", N_("Reason for the leave"), Kind.CODE, codes="S21.G00.60.001",
             only=tuple(c for c in (f"{i:02d}" for i in range(1, 25)) if c not in REFUSED_MOTIFS),
             help=N_("As declared in the sick leave signal (maladie, maternité, accident…)."),
             rubriques=("S21.G00.60.001",)),
    Question("arret.dernier_jour", N_("Last day worked"), Kind.DATE,
             help=N_("As declared in the sick leave signal: it identifies the leave."),
             rubriques=("S21.G00.60.002",)),
    Question("arret.fin_previsionnelle", N_("Planned end of the leave"), Kind.DATE,
             help=N_("As declared in the sick leave signal."),
             check=_planned_end_after_last_day, rubriques=("S21.G00.60.003",)),
    Question("arret.date_accident", N_("Date of the accident or first medical observation"), Kind.DATE,
             when=_accident, rubriques=("S21.G00.60.012",)),
), rules=(_stop_dates,))

REPRISE = Step("reprise", N_("Return to work"), (
    Question("reprise.date", N_("Date of the return to work"), Kind.DATE,
             help=N_("The first day worked and paid after the leave, earlier than the planned end. "
                     "Send this signal once the employee is back, not before."),
             rubriques=("S21.G00.60.010",)),
    Question("reprise.motif", N_("How the employee resumes work"), Kind.CODE, codes="S21.G00.60.011",
             only=REPRISE_MOTIFS, default="01",
             help=N_("01 for a normal return; a therapeutic part-time return is declared in the monthly DSN."),
             rubriques=("S21.G00.60.011",)),
), rules=(_return_dates,), help=N_("Only for a return earlier than the planned end of the leave."))

FORM = Form("reprise", N_("Early return to work (DSN event 05)"),
            (declaration_step(("01", "03")), *ETABLISSEMENT, INDIVIDU_COURT, CONTRAT_COURT, ARRET, REPRISE))


def build_reprise(answers: dict[str, str], ctx: BuildContext) -> Built:
    b, occ = open_stop_signal(answers, ctx, "05")
    etab, person = b.etab, Individu.from_answers(answers, "individu.")
    kind = answers.get("declaration.type", "01")

    def d(key: str) -> str:
        return answer_date(answers, key)

    b.add("S21.G00.60", {
        "S21.G00.60.001": answers["arret.motif"],
        "S21.G00.60.002": d("arret.dernier_jour"),
        "S21.G00.60.003": d("arret.fin_previsionnelle"),
        "S21.G00.60.010": d("reprise.date"),
        "S21.G00.60.011": answers.get("reprise.motif", "01"),
        "S21.G00.60.012": d("arret.date_accident") if answers.get("arret.motif") in ACCIDENT_MOTIFS else "",
    }, occ)
    close_envoi(b.doc)
    back = answers.get("reprise.date", ctx.today.isoformat())
    return Built(
        data=write(b.doc), filename=f"reprise-{etab.siret}-{person.nom}-{back}.dsn".replace(" ", "_"),
        nature="05", type=kind, period=back[:7], people=[(person.nir, person.display_name)],
    )


DECLARATION = Declaration("reprise", FORM, build_reprise)
