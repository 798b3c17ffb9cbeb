"""DPAE: the pre-hiring declaration, as the XML message `FR_DUE_Upload` (forms/dpae).

Up to 100 hires of one employer in one file. The same answers can give the nature-10 DSN
signal (`build_signal10_answers`), a service planned to open in January 2027.
The rules of every element are in `forms.dpae.checks`; they run here as the steps' rules,
so a wrong value is shown on its question, not at the end.
"""

from __future__ import annotations

from forms.declarations import AnswerErrors, BuildContext, Built, Declaration
from forms.declarations.sections import ETABLISSEMENT, INDIVIDU
from forms.dpae import checks
from forms.dpae.xml import build_dpae
from forms.i18n import N_, _
from forms.model import Contrat, Etablissement, Individu
from forms.questions import FieldError, Form, Kind, Question, Repeat, Scope, Step
from forms.session import FormSession

MAX_HIRES = checks.MAX_HIRES


def _fixed_term(scope: Scope) -> bool:
    return scope.get("contrat.nature") in ("02", "03")


def _employer_rule(scope: Scope) -> list[tuple[str, str]]:
    etab = Etablissement.from_answers(scope.answers, "etablissement.")
    shown = {"etablissement.urssaf_code", "etablissement.sst"}
    return [(e.field, e.message) for e in checks.check_etablissement(etab) if e.field in shown]


def _person_rule(fields: set[str]):  # type: ignore[no-untyped-def]
    """The DPAE's rules on a person, each reported in the step that asks its field (a step is
    never held back by a question the user has not reached)."""
    def rule(scope: Scope) -> list[tuple[str, str]]:
        person = Individu.from_answers(scope.answers, scope.prefix + "individu.")
        return [(e.field, e.message) for e in checks.check_individu(person) if e.field in fields]
    return rule


def _contract_rule(scope: Scope) -> list[tuple[str, str]]:
    person = Individu.from_answers(scope.answers, scope.prefix + "individu.")
    contract = Contrat.from_answers(scope.answers, scope.prefix + "contrat.")
    return [(e.field, e.message) for e in checks.check_hire(person, contract) if e.field.startswith("contrat.")]


EMPLOYEUR = Step("dpae.employeur", N_("Employer for the DPAE"), (
    Question("etablissement.urssaf_code", N_("Code of your URSSAF"), Kind.TEXT, min_length=3, max_length=3,
             help=N_("The 3-character code of the URSSAF you depend on, as on its letters."),
             pattern=r"[0-9A-Z]{3}", pattern_hint=N_("3 digits or capital letters")),
    Question("etablissement.sst", N_("Code of your occupational health service"), Kind.TEXT, max_length=14,
             help=N_("The code of the occupational health service (service de santé au travail) you belong to."),
             pattern=r"[0-9A-Z]{1,14}", pattern_hint=N_("1 to 14 digits or capital letters")),
), rules=(_employer_rule,))

CONTRAT_DPAE = Step("contrat.embauche", N_("Hire"), (
    Question("contrat.nature", N_("Nature of the contract"), Kind.CODE, codes="S21.G00.40.007",
             only=tuple(checks.NATURE_CODES), help=N_("CDI, CDD or temporary work (CTT).")),
    Question("contrat.debut", N_("Hire date"), Kind.DATE),
    Question("contrat.heure_embauche", N_("Time work starts"), Kind.TIME,
             help=N_("The declaration must reach the URSSAF before this time on the hire date.")),
    Question("contrat.fin_previsionnelle", N_("Planned end date"), Kind.DATE, when=_fixed_term),
    Question("contrat.periode_essai_jours", N_("Trial period, in days"), Kind.INTEGER, required=False,
             low=1, high=checks.TRIAL_DAYS_MAX,
             help=N_("Leave empty when there is none. Comptoir checks it but the XML message does not carry it.")),
), rules=(_contract_rule,))

INDIVIDU_DPAE = tuple(
    Step(step.id, step.title, step.questions, rules=(*step.rules, _person_rule({q.id for q in step.questions})))
    for step in INDIVIDU[:2]
)

FORM = Form("dpae", N_("DPAE (pre-hiring declaration)"), (
    *ETABLISSEMENT,
    EMPLOYEUR,
    Repeat(
        "embauches",
        Question("nombre_embauches", N_("How many hires to declare in this file?"), Kind.COUNT, low=1, high=MAX_HIRES,
                 help=N_("From 1 to 100 hires of this establishment."), default="1"),
        (*INDIVIDU_DPAE, CONTRAT_DPAE),
        N_("Hire {n} — {name}"),
        title=N_("Hires"),
        name=lambda s: " ".join(p for p in (s.get("individu.nom"), s.get("individu.prenoms")) if p),
    ),
))


def hires_of(answers: dict[str, str]) -> list[tuple[Individu, Contrat]]:
    count = int(answers.get("nombre_embauches", "0") or 0)
    return [
        (Individu.from_answers(answers, f"embauches.{i}.individu."), Contrat.from_answers(answers, f"embauches.{i}.contrat."))
        for i in range(count)
    ]


def build_dpae_answers(answers: dict[str, str], ctx: BuildContext) -> Built:
    etab = Etablissement.from_answers(answers, "etablissement.")
    hires = hires_of(answers)
    try:
        data = build_dpae(etab, hires, test=ctx.test)
    except checks.DpaeError as exc:
        raise _as_answer_errors(answers, exc.errors) from None
    first = min((c.debut for _p, c in hires), default=ctx.today.isoformat())
    from forms.builders.signal10 import signal10_notice

    return Built(
        data=data, filename=f"dpae-{etab.siret}-{first}.xml", nature="DPAE", type="", period=first[:7],
        people=[(p.nir, p.display_name) for p, _c in hires], media="xml", notes=[signal10_notice()],
    )


def _as_answer_errors(answers: dict[str, str], errors: list[checks.FieldError]) -> AnswerErrors:
    """The message's own rules, reported on the questions that hold the values."""
    session = FormSession(FORM, answers)
    out = []
    for e in errors:
        key = f"embauches.{e.hire}.{e.field}" if e.hire is not None else e.field
        slot = session.find(key)
        question = slot.question if slot else Question(key, key)
        out.append(FieldError(key, question, e.message))
    return AnswerErrors(out)


def build_signal10_answers(answers: dict[str, str], ctx: BuildContext, index: int = 0) -> Built:
    """The nature-10 DSN of hire `index` (0-based) from the same answers."""
    from forms.builders.signal10 import build_signal10

    etab = Etablissement.from_answers(answers, "etablissement.")
    person, contract = hires_of(answers)[index]
    data = build_signal10(etab, person, contract, numero_ordre=ctx.numero_ordre, today=ctx.today, test=ctx.test)
    return Built(
        data=data, filename=f"dpae-dsn-{etab.siret}-{person.nom}-{contract.debut}.dsn".replace(" ", "_"),
        nature="10", type="01", period=contract.debut[:7], people=[(person.nir, person.display_name)],
    )


def title() -> str:
    return _("DPAE (pre-hiring declaration)")


DECLARATION = Declaration("dpae", FORM, build_dpae_answers)
