"""The questions the history adds to each employee of the monthly form.

- "Changes since the last declaration": shown only when the answers differ from what was
  declared last (`salaries.N.avant.…`, see `forms.history.prefill`). Each change is named in
  its question's label ("Date the working time changed") and `describe_changes` gives the
  old → new summary in words; the date of the change and, for a contract's modalité, the
  depth of pay recomputation are asked with the derived defaults.
- "Cancel a declaration made by mistake": an arrêt or an end of contract declared wrongly
  in an earlier month is cancelled in the monthly DSN (motif 99, S21.G00.60.001; motif 099,
  S21.G00.62.002), never by editing the accepted file.
"""

from __future__ import annotations

from forms.history.changes import (
    AVANT,
    CONTRAT_CHANGES,
    IDENTIFYING,
    INDIVIDU_CHANGES,
    Change,
    DatedChange,
    contract_changes,
    default_change_date,
    default_depth,
    depth_problem,
    individual_changes,
    prevoyance_change,
)
from forms.i18n import N_, _
from forms.questions import Kind, Question, Scope, Step
from forms.values import as_date

# One label per field: the date it changed (English msgids).
DATE_LABELS = {
    "nir": N_("Date the social security number changed"),
    "nom": N_("Date the family name changed"),
    "prenoms": N_("Date the first names changed"),
    "naissance_date": N_("Date the date of birth was corrected"),
    "statut_conventionnel": N_("Date the status under the collective agreement changed"),
    "statut_categoriel": N_("Date the complementary pension category changed"),
    "nature": N_("Date the nature of the contract changed"),
    "dispositif": N_("Date the public scheme changed"),
    "unite_quotite": N_("Date the unit of working time changed"),
    "quotite": N_("Date the working time changed"),
    "modalite_temps": N_("Date the working time arrangement changed"),
    "complement_regime": N_("Date the Alsace-Moselle or CAMIEG complement changed"),
    "idcc": N_("Date the collective agreement changed"),
    "siret": N_("Date of the transfer to this establishment"),
    "lieu_travail": N_("Date the workplace changed"),
    "numero": N_("Date the contract number changed"),
    "motif_recours": N_("Date the reason for the fixed-term contract changed"),
    "travailleur_etranger": N_("Date the posted or cross-border worker status changed"),
    "pcs_ese": N_("Date the PCS-ESE code changed"),
    "debut": N_("Date the start of the contract was corrected"),
    "quotite_reference": N_("Date the full-time reference changed"),
    "code_risque_at": N_("Date the work accident risk code changed"),
    "regime_maladie": N_("Date the health insurance scheme changed"),
    "regime_vieillesse": N_("Date the old-age pension scheme changed"),
    "regime_at": N_("Date the work accident scheme changed"),
    "statut_emploi": N_("Date the employment status changed"),
    "emplois_multiples": N_("Date the several-jobs code changed"),
    "employeurs_multiples": N_("Date the several-employers code changed"),
}
DEPTH_LABEL = N_("Pay recomputed from (profondeur de recalcul)")
DEPTH_HELP = N_("The first day of the earliest month whose pay you recomputed for this change (the first day of the "
                "change's month when you did not recompute earlier months), or the start of the contract.")
DATE_HELP = N_("The day the change took effect. Changes on the same day (and, for a contract, recomputed from the "
               "same date) are declared together.")


# ----------------------------------------------------------------------------- reading the scope
def before_individual(scope: Scope) -> dict[str, str]:
    return {f: scope.answers.get(f"{scope.prefix}{AVANT}individu.{f}", "") for f in INDIVIDU_CHANGES}


def now_individual(scope: Scope) -> dict[str, str]:
    return {f: scope.answers.get(f"{scope.prefix}individu.{f}", "") for f in INDIVIDU_CHANGES}


def before_contract(scope: Scope) -> dict[str, str]:
    out = {f: scope.answers.get(f"{scope.prefix}{AVANT}contrat.{f}", "") for f in CONTRAT_CHANGES if f != "siret"}
    out["siret"] = scope.answers.get(f"{scope.prefix}{AVANT}siret", "")
    return out


def now_contract(scope: Scope) -> dict[str, str]:
    out = {f: scope.answers.get(f"{scope.prefix}contrat.{f}", "") for f in CONTRAT_CHANGES if f != "siret"}
    out["siret"] = scope.get("etablissement.siret")
    return out


def changes_of(scope: Scope) -> list[Change]:
    """Every change of this employee since the last declaration (empty without history)."""
    return individual_changes(before_individual(scope), now_individual(scope)) + \
        contract_changes(before_contract(scope), now_contract(scope))


def has_changes(scope: Scope) -> bool:
    return bool(scope.answers.get(f"{scope.prefix}{AVANT}mois") or scope.answers.get(f"{scope.prefix}{AVANT}siret")) \
        and bool(changes_of(scope))


def describe_changes(scope: Scope) -> list[str]:
    """The changes in words, for the step's read-only summary and the review."""
    return [c.describe() for c in changes_of(scope)]


def _changed(field: str, individual: bool):  # type: ignore[no-untyped-def]
    def when(scope: Scope) -> bool:
        if individual:
            return any(c.field == field for c in individual_changes(before_individual(scope), now_individual(scope)))
        return any(c.field == field for c in contract_changes(before_contract(scope), now_contract(scope)))
    return when


def _date_default(scope: Scope) -> str:
    return default_change_date(scope.get("declaration.mois"), scope.get("contrat.debut"))


def _depth_default(field: str):  # type: ignore[no-untyped-def]
    def default(scope: Scope) -> str:
        when = scope.get(f"changement.{field}.date") or _date_default(scope)
        return default_depth(when, scope.get("contrat.debut"))
    return default


def _date_check(value: str, scope: Scope) -> str | None:
    """S21.G00.41.001/CCH-15: not after the last day of the month declared."""
    month = scope.get("declaration.mois")
    when = as_date(value)
    if when and month and when.strftime("%Y-%m") > month:
        return _("A change declared for {month} cannot take effect after that month; found {value}.").format(
            month=month, value=value)
    return None


def _depth_check(field: str):  # type: ignore[no-untyped-def]
    def check(value: str, scope: Scope) -> str | None:
        when = scope.get(f"changement.{field}.date") or _date_default(scope)
        return depth_problem(value, when, scope.get("contrat.debut"))
    return check


def _questions() -> tuple[Question, ...]:
    out: list[Question] = []
    for field in INDIVIDU_CHANGES:
        out.append(Question(f"changement.{field}.date", DATE_LABELS[field], Kind.DATE, help=DATE_HELP,
                            required=False, when=_changed(field, True), default=_date_default, check=_date_check,
                            rubriques=("S21.G00.31.001",)))
    for field in CONTRAT_CHANGES:
        out.append(Question(f"changement.{field}.date", DATE_LABELS[field], Kind.DATE, help=DATE_HELP,
                            required=False, when=_changed(field, False), default=_date_default, check=_date_check,
                            rubriques=("S21.G00.41.001",)))
        if field not in IDENTIFYING:
            out.append(Question(f"changement.{field}.profondeur", DEPTH_LABEL, Kind.DATE, help=DEPTH_HELP,
                                required=False, when=_changed(field, False), default=_depth_default(field),
                                check=_depth_check(field), rubriques=("S21.G00.41.028",)))
    return tuple(out)


CHANGEMENTS = Step("changements", N_("Changes since the last declaration"), _questions(), when=has_changes,
                   help=N_("What you edited differs from what was declared last month. The norm asks for the old "
                           "values with the date of each change (blocks « Changements »): Comptoir writes them; "
                           "check the dates. Changes on one date with one depth share one block."))


# ----------------------------------------------------------------------------- cancellations
def _cancel_arret(scope: Scope) -> bool:
    return scope.yes("annulation.arret")


def _cancel_fin(scope: Scope) -> bool:
    return scope.yes("annulation.fin")


ANNULATIONS = Step("annulations", N_("Cancel a declaration made by mistake"), (
    Question("annulation.arret", N_("Cancel a sick leave or accident declared by mistake?"), Kind.YESNO,
             default="non", required=False,
             help=N_("If an earlier DSN declared a leave that did not happen, it is cancelled here: the monthly DSN "
                     "repeats the leave with the reason « 99 — annulation ». An accepted file is never edited; a "
                     "leave that happened but with wrong dates is declared again with the right dates instead."),
             rubriques=("S21.G00.60.001",)),
    Question("annulation.arret_dernier_jour", N_("Last day worked declared for the leave cancelled"), Kind.DATE,
             when=_cancel_arret, help=N_("As in the declaration being cancelled."), rubriques=("S21.G00.60.002",)),
    Question("annulation.arret_fin", N_("Planned end declared for the leave cancelled"), Kind.DATE,
             when=_cancel_arret, help=N_("As in the declaration being cancelled."), rubriques=("S21.G00.60.003",)),
    Question("annulation.fin", N_("Cancel an end of contract declared by mistake?"), Kind.YESNO,
             default="non", required=False,
             help=N_("If an earlier DSN declared an end of this contract that did not happen, the monthly DSN "
                     "repeats that end with the reason « 099 — annulation » and the contract goes on. It cancels; "
                     "it does not correct an end date: for a wrong date, cancel and declare the right end."),
             rubriques=("S21.G00.62.002",)),
    Question("annulation.fin_date", N_("End date declared by mistake"), Kind.DATE, when=_cancel_fin,
             rubriques=("S21.G00.62.001",)),
), when=lambda s: bool(s.answers.get(f"{s.prefix}{AVANT}mois")) or s.yes("annulation.arret") or s.yes("annulation.fin"))


# ----------------------------------------------------------------------------- for the builder
def dated_changes(scope: Scope) -> list[DatedChange]:
    """Every change with its date and depth: the answers, else the derived defaults."""
    if not any(before_individual(scope).values()) and not any(before_contract(scope).values()):
        return []  # nothing declared before: no change (a change needs an old value)
    out = []
    for change in changes_of(scope):
        when = scope.answers.get(f"{scope.prefix}changement.{change.field}.date") or _date_default(scope)
        depth = ""
        if change.block == "S21.G00.41" and not change.identifying:
            depth = scope.answers.get(f"{scope.prefix}changement.{change.field}.profondeur") or \
                default_depth(when, scope.get("contrat.debut"))
        out.append(DatedChange(change, when, depth))
    return out


def prevoyance_changed(scope: Scope) -> bool:
    return prevoyance_change(scope.answers.get(f"{scope.prefix}{AVANT}organisme", ""),
                             scope.get("prevoyance.organisme")) is not None


PREVOYANCE_CHANGE = Question(
    "prevoyance.changement_date", N_("Date the insurer of this contract changed"), Kind.DATE, required=False,
    when=prevoyance_changed, default=_date_default, check=_date_check,
    help=N_("The insurer differs from the one declared last month: the old insurer's code is declared with the "
            "date of the change (block S21.G00.16)."),
    rubriques=("S21.G00.16.001",))
