"""The monthly DSN (nature 01): the month's pay of every employee, typed from the payslips.

Types 01 normale, 02 néant (no employee this month), 03 annule et remplace (the whole month
sent again; `S20.G00.05.006` names the file replaced) and 05 annule et remplace néant.

What is typed: the payroll summary's contributions per CTP (S21.G00.23), the prévoyance
contracts (S21.G00.15), and for each employee what the payslip shows — pay (50), PAS,
rémunérations (51, with the hours 53), primes (52), other income (54), bases (78) with their
components (79) and contributions (81). What is a sum, a count or a date of the month is
derived by the builder (`forms.builders.mensuelle`) and never asked: bordereau (22), the
payments (20, 55), the PAS payment, the periods, the ancienneté (86), the S90 totals.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from forms.builders.mensuelle import (
    BASE_WITH_AFFILIATION,
    CTP_WITH_COMMUNE,
    PRIME_WITH_PERIOD,
    build_mensuelle,
    month_bounds,
    pay_period,
)
from forms.declarations import Declaration
from forms.declarations.sections import (
    CONTRAT,
    ETABLISSEMENT,
    ETABLISSEMENT_PAIEMENT,
    INDIVIDU,
    contract_label,
    declaration_step,
)
from forms.history.form import ANNULATIONS, CHANGEMENTS, PREVOYANCE_CHANGE
from forms.i18n import N_, _
from forms.questions import Form, Kind, Question, Repeat, Scope, Step
from forms.values import as_date

NEANT = ("02", "05")
HOURLY_UNITS = ("10", "12", "20", "21", "31", "32")  # S21.G00.40.011 units S21.G00.53.003 also has


# ----------------------------------------------------------------------------- predicates
def _with_employees(scope: Scope) -> bool:
    return scope.get("declaration.type", "01") not in NEANT


def _has_prevoyance(scope: Scope) -> bool:
    return _with_employees(scope) and scope.get("prevoyance.nombre", "0") not in ("", "0")


def _ended(scope: Scope) -> bool:
    return bool(scope.get("contrat.fin"))


def _pas_with_id(scope: Scope) -> bool:
    return scope.get("pas.type") == "01"


def _measured(scope: Scope) -> bool:
    return scope.get("contrat.unite_quotite", "10") in HOURLY_UNITS


def _prime_period(scope: Scope) -> bool:
    return scope.get("prime.type") in PRIME_WITH_PERIOD


def _ctp_commune(scope: Scope) -> bool:
    return scope.get("ctp.code") in CTP_WITH_COMMUNE


def _base_affiliation(scope: Scope) -> bool:
    return scope.get("base.code") in BASE_WITH_AFFILIATION and _has_prevoyance(scope)


# ----------------------------------------------------------------------------- defaults
def _previous_month(scope: Scope) -> str:
    today = date.today()
    year, month = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    return f"{year:04d}-{month:02d}"


def _default_payment_date(scope: Scope) -> str:
    """The monthly DSN's due date: the prévoyance body debits on it at the earliest."""
    from forms.deadlines import monthly_dsn

    month = scope.get("declaration.mois")
    if not month:
        return ""
    try:
        large = int(scope.get("etablissement.effectif") or 0) >= 50
    except ValueError:
        large = False
    return monthly_dsn(date.fromisoformat(month + "-01"), large_employer=large, same_month_pay=True).due.isoformat()


def _same_as(qid: str):  # type: ignore[no-untyped-def]
    return lambda scope: scope.get(qid)


def _period_bound(index: int):  # type: ignore[no-untyped-def]
    def default(scope: Scope) -> str:
        period = pay_period(scope.get("declaration.mois"), scope.get("contrat.debut"), scope.get("contrat.fin"))
        return period[index].isoformat() if period else ""
    return default


# ----------------------------------------------------------------------------- checks
def _in_month(value: str, scope: Scope) -> str | None:
    bounds = month_bounds(scope.get("declaration.mois"))
    when = as_date(value)
    if bounds and when and not bounds[0] <= when <= bounds[1]:
        return _("This date ({value}) must fall in the month declared ({month}).").format(
            value=value, month=scope.get("declaration.mois"))
    start = scope.date("contrat.debut")
    if start and when and when < start:
        return _("The end of the contract ({value}) must not be before its start ({start}).").format(
            value=value, start=scope.get("contrat.debut"))
    return None


def _not_after_end(value: str, scope: Scope) -> str | None:
    end, when = scope.date("contrat.fin"), as_date(value)
    if end and when and when > end:
        return _("The last day worked ({value}) must not be after the end of the contract ({end}).").format(
            value=value, end=scope.get("contrat.fin"))
    return None


def _prevoyance_number(value: str, scope: Scope) -> str | None:
    try:
        count = int(scope.get("prevoyance.nombre") or 0)
    except ValueError:
        count = 0
    if value and not 1 <= int(value) <= count:
        return _("Expected the number of one of your prévoyance contracts, from 1 to {n}; found {found}.").format(
            n=count, found=value)
    return None


def _contract_in_month(scope: Scope) -> list[tuple[str, str]]:
    bounds = month_bounds(scope.get("declaration.mois"))
    start = scope.date("contrat.debut")
    if bounds and start and start > bounds[1]:
        return [("contrat.fin", _("The contract starts on {start}, after the month declared: it belongs to a "
                                  "later monthly DSN.").format(start=scope.get("contrat.debut")))]
    return []


def _pas_amount(scope: Scope) -> list[tuple[str, str]]:
    """Montant PAS = montant soumis au PAS × taux, to within one euro (S21.G00.50.009/CCH-11)."""
    if not scope.get("pas.montant") or not scope.get("pas.taux"):
        return []
    base = scope.amount("pas.assiette") if scope.get("pas.assiette") else scope.amount("paie.net_fiscal")
    expected = (base * scope.amount("pas.taux") / 100).quantize(Decimal("0.01"))
    if abs(expected - scope.amount("pas.montant")) > 1:
        return [("pas.montant", _("The tax withheld ({amount} €) should be the amount subject to the tax × the rate: "
                                  "{base} × {rate} % = {expected} €. Check the payslip.").format(
            amount=scope.get("pas.montant"), base=base, rate=scope.get("pas.taux"), expected=expected))]
    return []


def _base_dates(scope: Scope) -> list[tuple[str, str]]:
    start = scope.date("base.debut")
    if not start:  # usually empty: the pay period of the month
        return []
    end = scope.date("base.fin")
    if end and end < start:
        return [("base.fin", _("The end of the period ({end}) must not be before its start ({start}).").format(
            end=scope.get("base.fin"), start=scope.get("base.debut")))]
    return []


def _prime_dates(scope: Scope) -> list[tuple[str, str]]:
    start = scope.date("prime.debut")
    if not start:
        return []
    end = scope.date("prime.fin")
    if end and end < start:
        return [("prime.fin", _("The end of the period ({end}) must not be before its start ({start}).").format(
            end=scope.get("prime.fin"), start=scope.get("prime.debut")))]
    return []


# ----------------------------------------------------------------------------- the month
MOIS = Step("mois", N_("Month declared"), (
    Question("declaration.mois", N_("Month of the pay declared"), Kind.MONTH, default=_previous_month,
             help=N_("The month of the payslips, such as 01/2026 for the January pay (the « mois principal »).")),
    # Feeds S20.G00.05.005 (01MMAAAA, written by the builder): not listed in `rubriques`, whose
    # syntax check would read the canonical YYYY-MM as a date.
))

PAIEMENT_DATES = Step("paiement", N_("Paying the prévoyance bodies"), (
    Question("paiement.date_prevoyance", N_("Date the prévoyance bodies may debit your account"), Kind.DATE,
             default=_default_payment_date,
             help=N_("The date of the direct debit for your prévoyance contracts, usually the due date of this "
                     "DSN. URSSAF and the tax office debit on the due date: nothing to type for them."),
             rubriques=("S21.G00.20.011",)),
), when=_has_prevoyance)

# ----------------------------------------------------------------------------- cotisations agrégées
CTP = Repeat(
    "agregees",
    Question("agregees.nombre", N_("How many lines has your URSSAF summary (one per CTP code)?"), Kind.COUNT,
             low=1, high=999,
             help=N_("The payroll summary of contributions (« récapitulatif URSSAF ») lists one line per CTP "
                     "code: type how many lines it has."),
             rubriques=("S21.G00.23",)),
    (Step("ctp", N_("URSSAF summary line"), (
        Question("ctp.code", N_("CTP code"), Kind.CODE, pattern=r"\d{3}", pattern_hint=N_("3 digits, such as 100"),
                 help=N_("The 3-digit code in the first column of the URSSAF summary (100, 260, 671…)."),
                 rubriques=("S21.G00.23.001",)),
        Question("ctp.qualifiant", N_("Capped or not"), Kind.CODE, codes="S21.G00.23.002", default="920",
                 help=N_("921 when the line is on the capped salary (« plafonnée »), 920 otherwise."),
                 rubriques=("S21.G00.23.002",)),
        Question("ctp.taux", N_("Rate (%)"), Kind.DECIMAL, decimals=2, required=False,
                 help=N_("The rate printed on the line, if there is one rate with at most two decimals; "
                         "otherwise leave empty."),
                 rubriques=("S21.G00.23.003",)),
        Question("ctp.assiette", N_("Base (assiette)"), Kind.AMOUNT, negative=True,
                 help=N_("The « assiette » column of the line, in euros."), rubriques=("S21.G00.23.004",)),
        Question("ctp.montant", N_("Amount of contributions"), Kind.AMOUNT, negative=True,
                 help=N_("The amount of the line; a reduction (réduction générale, CTP 671…) is negative: type it "
                         "with a minus sign."),
                 rubriques=("S21.G00.23.005",)),
        Question("ctp.commune", N_("INSEE code of the commune (versement mobilité)"), Kind.TEXT,
                 pattern=r"[0-9][0-9AB][0-9]{3}", pattern_hint=N_("5 characters, such as 75056"),
                 when=_ctp_commune, rubriques=("S21.G00.23.006",)),
    )),),
    item_title=N_("URSSAF line {n}"),
    title=N_("URSSAF summary of contributions"),
    name=lambda s: s.get("ctp.code"),
    when=_with_employees,
)

# ----------------------------------------------------------------------------- prévoyance contracts
PREVOYANCE = Repeat(
    "prevoyance",
    Question("prevoyance.nombre", N_("How many prévoyance, health or supplementary pension contracts do you have?"),
             Kind.COUNT, high=20, default="0",
             help=N_("Collective contracts with an insurer declared through the DSN; 0 if none."),
             rubriques=("S21.G00.15",)),
    (Step("contrat_prevoyance", N_("Prévoyance contract"), (
        Question("prevoyance.reference", N_("Reference of the contract"), Kind.TEXT, max_length=30,
                 pattern=r"[A-Za-z0-9\-_/. ]+", pattern_hint=N_("letters, digits, spaces or - _ / ."),
                 help=N_("The contract number the insurer gave you (on its « fiche de paramétrage DSN »)."),
                 rubriques=("S21.G00.15.001", "S21.G00.55.003")),
        Question("prevoyance.organisme", N_("Code of the insurer"), Kind.TEXT, min_length=5, max_length=9,
                 pattern=r"[A-Z0-9]+", pattern_hint=N_("5 to 9 capital letters or digits, such as P0942"),
                 help=N_("The insurer's DSN code, on its « fiche de paramétrage DSN » (P followed by 4 characters "
                         "for an institution de prévoyance)."),
                 rubriques=("S21.G00.15.002", "S21.G00.20.001")),
        Question("prevoyance.couvert", N_("Does it cover at least one employee of this establishment?"), Kind.CODE,
                 codes="S21.G00.15.004", default="01", rubriques=("S21.G00.15.004",)),
        PREVOYANCE_CHANGE,
    )),),
    item_title=N_("Prévoyance contract {n}"),
    title=N_("Prévoyance contracts"),
    name=lambda s: s.get("prevoyance.reference"),
    when=_with_employees,
)

# ----------------------------------------------------------------------------- one employee
ENTREE_SORTIE = Step("mois_salarie", N_("This month: end of contract and seniority"), (
    Question("contrat.fin", N_("Date the contract ended, if it ended this month"), Kind.DATE, required=False,
             check=_in_month,
             help=N_("The last day of the contract (last day in the company). Leave empty when the contract goes on."),
             rubriques=("S21.G00.62.001",)),
    Question("fin.motif", N_("Reason for the end of the contract"), Kind.CODE, codes="S21.G00.62.002", when=_ended,
             help=N_("Type fin de CDD, démission, rupture conventionnelle… to filter."),
             rubriques=("S21.G00.62.002",)),
    Question("fin.dernier_jour", N_("Last day worked and paid at the usual salary"), Kind.DATE, when=_ended,
             default=_same_as("contrat.fin"), check=_not_after_end, rubriques=("S21.G00.62.006",)),
    Question("anciennete.depuis", N_("In the company since"), Kind.DATE, required=False,
             default=_same_as("contrat.debut"),
             help=N_("Start of the seniority in the company, when earlier than this contract (a previous contract "
                     "without a break). Leave empty to count from the start of the contract."),
             # No rubriques: S21.G00.86.003 holds the seniority the builder counts from this date,
             # so the date itself must not be checked against that rubrique's syntax.
             ),
), rules=(_contract_in_month,))

AFFILIATION = Step("affiliation", N_("Prévoyance"), (
    Question("affiliation.contrat", N_("Number of the prévoyance contract covering this employee"), Kind.INTEGER,
             required=False, low=1, check=_prevoyance_number,
             help=N_("1 for the first contract you listed, 2 for the second… Leave empty if the employee is not "
                     "covered."),
             rubriques=("S21.G00.70.013",)),
), when=_has_prevoyance)

PAIE = Step("paie", N_("Pay"), (
    Question("paie.date", N_("Date the pay was paid"), Kind.DATE,
             help=N_("The payment date on the payslip."), rubriques=("S21.G00.50.001",)),
    Question("paie.net_fiscal", N_("Taxable net pay (net fiscal)"), Kind.AMOUNT, negative=True,
             help=N_("« Net imposable » or « net fiscal » on the payslip, before the tax withheld."),
             rubriques=("S21.G00.50.002",)),
    Question("paie.net_verse", N_("Net pay before tax"), Kind.AMOUNT, negative=True,
             help=N_("« Net à payer avant impôt sur le revenu » on the payslip."), rubriques=("S21.G00.50.004",)),
    Question("paie.net_social", N_("Net social amount"), Kind.AMOUNT, negative=True,
             help=N_("« Montant net social », printed near the bottom of the payslip."), rubriques=("S21.G00.58.004",)),
))

PAS = Step("pas", N_("Income tax withheld"), (
    Question("pas.type", N_("Kind of tax rate"), Kind.CODE, codes="S21.G00.50.007", default="01",
             help=N_("01 when you apply the rate the tax office sent you; 13 (barème mensuel métropole) for a new "
                     "employee whose rate you do not have yet."),
             rubriques=("S21.G00.50.007",)),
    Question("pas.taux", N_("Tax rate (%)"), Kind.DECIMAL, decimals=2, default="0.00",
             help=N_("The rate on the payslip, line « impôt sur le revenu prélevé à la source »."),
             rubriques=("S21.G00.50.006",)),
    Question("pas.identifiant", N_("Identifier of the rate"), Kind.TEXT, max_length=18,
             pattern=r"-1|0|[1-9][0-9]{0,17}", pattern_hint=N_("digits, as in the tax office's return file"),
             when=_pas_with_id,
             help=N_("The identifier of the rate in the tax office's return file (CRM PAS)."),
             rubriques=("S21.G00.50.008",)),
    Question("pas.assiette", N_("Amount subject to the tax"), Kind.AMOUNT, required=False,
             default=_same_as("paie.net_fiscal"),
             help=N_("The base of the tax withheld on the payslip; usually the taxable net pay."),
             rubriques=("S21.G00.50.013",)),
    Question("pas.montant", N_("Tax withheld"), Kind.AMOUNT, default="0.00",
             help=N_("The amount of « impôt sur le revenu prélevé à la source » on the payslip."),
             rubriques=("S21.G00.50.009",)),
), rules=(_pas_amount,))

REMUNERATION = Step("remuneration", N_("Salary"), (
    Question("remu.base", N_("Base salary"), Kind.AMOUNT, negative=True,
             help=N_("« Salaire de base » on the payslip, without bonuses or overtime."), rubriques=("S21.G00.51.013",)),
    Question("remu.brut", N_("Gross salary"), Kind.AMOUNT, negative=True,
             help=N_("« Salaire brut » (total gross) on the payslip, bonuses included."), rubriques=("S21.G00.51.013",)),
    Question("remu.heures", N_("Paid hours (or days) this month"), Kind.DECIMAL, decimals=2, when=_measured,
             default=_same_as("contrat.quotite"),
             help=N_("The hours paid on the payslip (days for a forfait jours), such as 151,67."),
             rubriques=("S21.G00.53.002",)),
    Question("remu.brut_chomage", N_("Gross salary for unemployment insurance"), Kind.AMOUNT, negative=True,
             required=False, default=_same_as("remu.brut"),
             help=N_("Usually the gross salary; it differs only when end-of-contract indemnities are paid. "
                     "Leave empty for the gross salary."),
             rubriques=("S21.G00.51.013",)),
    Question("remu.retabli", N_("Salary without absences"), Kind.AMOUNT, negative=True, required=False,
             default=_same_as("remu.brut"),
             help=N_("The gross salary the employee would have had without absence this month; leave empty "
                     "when there was no absence."),
             rubriques=("S21.G00.51.013",)),
))

PRIMES = Repeat(
    "primes",
    Question("primes.nombre", N_("How many bonuses or indemnities on the payslip?"), Kind.COUNT, high=50,
             default="0", help=N_("Bonuses, 13th month, indemnities…; 0 if none."), rubriques=("S21.G00.52",)),
    (Step("prime", N_("Bonus"), (
        Question("prime.type", N_("Kind of bonus"), Kind.CODE, codes="S21.G00.52.001",
                 help=N_("Type words of the label (prime, indemnité, congés…) to filter."),
                 rubriques=("S21.G00.52.001",)),
        Question("prime.montant", N_("Amount of the bonus"), Kind.AMOUNT, negative=True, rubriques=("S21.G00.52.002",)),
        Question("prime.debut", N_("Start of the period the bonus is for"), Kind.DATE, when=_prime_period,
                 rubriques=("S21.G00.52.003",)),
        Question("prime.fin", N_("End of the period the bonus is for"), Kind.DATE, when=_prime_period,
                 rubriques=("S21.G00.52.004",)),
    ), rules=(_prime_dates,)),),
    item_title=N_("Bonus {n}"),
    title=N_("Bonuses"),
)

AUTRES = Repeat(
    "autres",
    Question("autres.nombre", N_("How many other income items (benefits in kind, expenses…)?"), Kind.COUNT,
             high=50, default="0",
             help=N_("Benefits in kind, professional expenses, meal vouchers, transport…; 0 if none."),
             rubriques=("S21.G00.54",)),
    (Step("autre", N_("Other income item"), (
        Question("autre.type", N_("Kind of item"), Kind.CODE, codes="S21.G00.54.001", rubriques=("S21.G00.54.001",)),
        Question("autre.montant", N_("Amount"), Kind.AMOUNT, negative=True, rubriques=("S21.G00.54.002",)),
    )),),
    item_title=N_("Item {n}"),
    title=N_("Other income items"),
)

COMPOSANTS = Repeat(
    "composants",
    Question("composants.nombre", N_("How many components of this base?"), Kind.COUNT, high=20, default="0",
             help=N_("For example the SMIC used for the réduction générale (base 03), or the tranche A of a "
                     "prévoyance base (31); 0 if none."),
             rubriques=("S21.G00.79",)),
    (Step("composant", N_("Component of the base"), (
        Question("composant.type", N_("Kind of component"), Kind.CODE, codes="S21.G00.79.001",
                 rubriques=("S21.G00.79.001",)),
        Question("composant.montant", N_("Amount of the component"), Kind.AMOUNT, negative=True,
                 rubriques=("S21.G00.79.004",)),
    )),),
    item_title=N_("Component {n}"),
    title=N_("Components of the base"),
)

COTISATIONS = Repeat(
    "cotisations",
    Question("cotisations.nombre", N_("How many contributions on this base?"), Kind.COUNT, high=60,
             help=N_("The payslip lines computed on this base (maladie, vieillesse, CSG…)."),
             rubriques=("S21.G00.81",)),
    (Step("cotisation", N_("Contribution"), (
        Question("cotisation.code", N_("Kind of contribution"), Kind.CODE, codes="S21.G00.81.001",
                 help=N_("Type words of the label (maladie, vieillesse, chômage…) or the 3-digit code."),
                 rubriques=("S21.G00.81.001",)),
        Question("cotisation.assiette", N_("Base of the contribution"), Kind.AMOUNT, negative=True, required=False,
                 help=N_("The « base » column of the payslip line; leave empty for Agirc-Arrco or prévoyance lines."),
                 rubriques=("S21.G00.81.003",)),
        Question("cotisation.taux", N_("Rate (%)"), Kind.DECIMAL, decimals=3, required=False,
                 help=N_("The employer's rate on the payslip line, if any."), rubriques=("S21.G00.81.007",)),
        Question("cotisation.montant", N_("Amount"), Kind.AMOUNT, negative=True, required=False,
                 help=N_("The amount of the line (employer and employee shares together when the code covers "
                         "both); a reduction is negative."),
                 rubriques=("S21.G00.81.004",)),
    )),),
    item_title=N_("Contribution {n}"),
    title=N_("Contributions"),
    name=lambda s: s.get("cotisation.code"),
)

BASES = Repeat(
    "bases",
    Question("bases.nombre", N_("How many contribution bases on the payslip?"), Kind.COUNT, high=30,
             help=N_("Each base the contributions are computed on: 03 gross, 02 capped, 04 CSG, 07 unemployment, "
                     "31 prévoyance…"),
             rubriques=("S21.G00.78",)),
    (Step("base", N_("Contribution base"), (
        Question("base.code", N_("Kind of base"), Kind.CODE, codes="S21.G00.78.001",
                 help=N_("Type words of the label (brute, plafonnée, CSG, chômage, prévoyance…) or the code."),
                 rubriques=("S21.G00.78.001",)),
        Question("base.montant", N_("Amount of the base"), Kind.AMOUNT, negative=True,
                 help=N_("0,00 for a prévoyance base (31): its amounts are in the components."),
                 rubriques=("S21.G00.78.004",)),
        Question("base.debut", N_("Start of the period"), Kind.DATE, required=False, default=_period_bound(0),
                 help=N_("Leave empty for the pay period of the month."), rubriques=("S21.G00.78.002",)),
        Question("base.fin", N_("End of the period"), Kind.DATE, required=False, default=_period_bound(1),
                 help=N_("Leave empty for the pay period of the month."), rubriques=("S21.G00.78.003",)),
    ), rules=(_base_dates,)), COMPOSANTS, COTISATIONS),
    item_title=N_("Base {n}"),
    title=N_("Contribution bases"),
    name=lambda s: s.get("base.code"),
)

# ----------------------------------------------------------------------------- regularisations
def _earlier_month(value: str, scope: Scope) -> str | None:
    """A correction belongs to a month before the one declared (its own month is typed as usual)."""
    month = scope.get("declaration.mois")
    if value and month and value >= month:
        return _("A correction belongs to a month before the one declared ({month}); found {value}. This month's "
                 "amounts go in the employee's pay.").format(month=month, value=value)
    start, end = scope.get("contrat.debut"), scope.get("contrat.fin")
    if value and start and value < start[:7]:
        return _("The contract started on {start}: it has no pay in {value} to correct.").format(start=start, value=value)
    if value and end and value > end[:7]:
        return _("The contract ended on {end}: it has no pay in {value} to correct.").format(end=end, value=value)
    return None


def _pas_error_month(value: str, scope: Scope) -> str | None:
    """S21.G00.56.001/CCH-11, S21.G00.56.002/CCH-16 and CCH-17: which months a PAS correction may name."""
    month = scope.get("declaration.mois")
    if not value or not month:
        return None
    if value > month:
        return _("A tax correction cannot be for a month after the one declared ({month}).").format(month=month)
    if scope.get("pas_regul.type") in ("01", "02"):
        if month[5:7] == "01" and value[:4] != str(int(month[:4]) - 1):
            return _("In a January DSN, a tax correction of this kind is for a month of the previous year only; "
                     "found {value}.").format(value=value)
        if month[5:7] != "01" and value[:4] != month[:4]:
            return _("A tax correction of this kind is for a month of the same year ({year}); an earlier year is "
                     "corrected in the January DSN only.").format(year=month[:4])
    return None


def _pas_net(scope: Scope) -> bool:
    return scope.get("pas_regul.type") == "01"


def _pas_rate(scope: Scope) -> bool:
    return scope.get("pas_regul.type") == "02"


def _regul_ctp_commune(scope: Scope) -> bool:
    return scope.get("regul_ctp.code") in CTP_WITH_COMMUNE


REGUL_AGREGEES = Repeat(
    "regul_agregees",
    Question("regul_agregees.nombre", N_("How many URSSAF summary lines correct an earlier month?"), Kind.COUNT,
             high=99, default="0", required=False,
             help=N_("A correction of an earlier month's URSSAF contributions is declared now, with the month it "
                     "belongs to: never by editing a file already accepted. 0 if none."),
             rubriques=("S21.G00.22", "S21.G00.23")),
    (Step("regul_ctp", N_("Correction of an URSSAF summary line"), (
        Question("regul_ctp.mois", N_("Which month does this correction belong to?"), Kind.MONTH,
                 check=_earlier_month, rubriques=("S21.G00.22.003", "S21.G00.22.004")),
        Question("regul_ctp.code", N_("CTP code"), Kind.CODE, pattern=r"\d{3}", pattern_hint=N_("3 digits, such as 100"),
                 rubriques=("S21.G00.23.001",)),
        Question("regul_ctp.qualifiant", N_("Capped or not"), Kind.CODE, codes="S21.G00.23.002", default="920",
                 rubriques=("S21.G00.23.002",)),
        Question("regul_ctp.taux", N_("Rate (%)"), Kind.DECIMAL, decimals=2, required=False,
                 rubriques=("S21.G00.23.003",)),
        Question("regul_ctp.assiette", N_("Correction of the base"), Kind.AMOUNT, negative=True,
                 help=N_("The difference: what the base should have been minus what was declared (negative for a "
                         "decrease)."), rubriques=("S21.G00.23.004",)),
        Question("regul_ctp.montant", N_("Correction of the contributions"), Kind.AMOUNT, negative=True,
                 help=N_("The difference of the contributions. A month before the pay date may go below zero (the "
                         "URSSAF refunds or offsets it); this month's own summary may not."),
                 rubriques=("S21.G00.23.005",)),
        Question("regul_ctp.commune", N_("INSEE code of the commune (versement mobilité)"), Kind.TEXT,
                 pattern=r"[0-9][0-9AB][0-9]{3}", pattern_hint=N_("5 characters, such as 75056"),
                 when=_regul_ctp_commune, rubriques=("S21.G00.23.006",)),
    )),),
    item_title=N_("URSSAF correction {n}"),
    title=N_("Corrections of earlier URSSAF summaries"),
    name=lambda s: s.get("regul_ctp.mois"),
    when=_with_employees,
)

REGULARISATIONS = Repeat(
    "regularisations",
    Question("regularisations.nombre", N_("How many corrections of an earlier month's bases for this employee?"),
             Kind.COUNT, high=30, default="0", required=False,
             help=N_("An amount declared wrongly in an earlier month is corrected now: the base and its "
                     "contributions with the difference, dated in the month they belong to. 0 if none."),
             rubriques=("S21.G00.78",)),
    (Step("regularisation", N_("Correction of an earlier month"), (
        Question("regul.mois", N_("Which month does this correction belong to?"), Kind.MONTH, check=_earlier_month,
                 help=N_("The month of the payslip that was wrong, such as 03/2026."),
                 rubriques=("S21.G00.78.002", "S21.G00.78.003")),
        Question("regul.base", N_("Kind of base corrected"), Kind.CODE, codes="S21.G00.78.001",
                 rubriques=("S21.G00.78.001",)),
        Question("regul.montant", N_("Correction of the base"), Kind.AMOUNT, negative=True,
                 help=N_("The difference: the right base minus the base declared that month (negative for a "
                         "decrease)."), rubriques=("S21.G00.78.004",)),
    )), COTISATIONS),
    item_title=N_("Correction {n}"),
    title=N_("Corrections of earlier months"),
    name=lambda s: s.get("regul.mois"),
)

REGUL_PAS = Repeat(
    "regul_pas",
    Question("regul_pas.nombre", N_("How many corrections of the tax withheld in an earlier month?"), Kind.COUNT,
             high=24, default="0", required=False,
             help=N_("A wrong taxable net pay or a wrong rate in an earlier month is corrected now, one line per "
                     "month (block S21.G00.56). 0 if none."),
             rubriques=("S21.G00.56",)),
    (Step("pas_regul", N_("Correction of the tax withheld"), (
        Question("pas_regul.mois", N_("Which month does this correction belong to?"), Kind.MONTH,
                 check=_pas_error_month),  # S21.G00.56.001 (MMAAAA, written by the builder)
        Question("pas_regul.type", N_("What was wrong"), Kind.CODE, codes="S21.G00.56.002", only=("01", "02"),
                 help=N_("01 the taxable net pay, 02 the rate."), rubriques=("S21.G00.56.002",)),
        Question("pas_regul.net_fiscal", N_("Correction of the taxable net pay"), Kind.AMOUNT, negative=True,
                 when=_pas_net, help=N_("The right taxable net pay minus the one declared that month."),
                 rubriques=("S21.G00.56.003",)),
        Question("pas_regul.taux_declare", N_("Rate declared that month (%)"), Kind.DECIMAL, decimals=2,
                 when=_pas_net, rubriques=("S21.G00.56.006",)),
        Question("pas_regul.assiette", N_("Correction of the amount subject to the tax"), Kind.AMOUNT,
                 negative=True, required=False, when=_pas_net, default=lambda s: s.get("pas_regul.net_fiscal"),
                 rubriques=("S21.G00.56.010",)),
        Question("pas_regul.taux", N_("Correction of the rate (points)"), Kind.DECIMAL, decimals=2, negative=True,
                 when=_pas_rate, help=N_("The right rate minus the rate applied that month."),
                 rubriques=("S21.G00.56.005",)),
        Question("pas_regul.assiette_declaree", N_("Amount subject to the tax declared that month"), Kind.AMOUNT,
                 when=_pas_rate, rubriques=("S21.G00.56.015",)),
        Question("pas_regul.montant", N_("Correction of the tax withheld"), Kind.AMOUNT, negative=True,
                 help=N_("The tax that should have been withheld minus what was withheld; it is added to this "
                         "month's payment to the tax office."),
                 rubriques=("S21.G00.56.007",)),
    )),),
    item_title=N_("Tax correction {n}"),
    title=N_("Corrections of the tax withheld"),
    name=lambda s: s.get("pas_regul.mois"),
)

SALARIES = Repeat(
    "salaries",
    Question("salaries.nombre", N_("How many employees were paid this month?"), Kind.COUNT, low=1, high=99999,
             help=N_("Every employee with a payslip this month, including those who left during the month."),
             rubriques=("S21.G00.30",)),
    (*INDIVIDU, *CONTRAT, CHANGEMENTS, ENTREE_SORTIE, ANNULATIONS, AFFILIATION, PAIE, PAS, REMUNERATION, PRIMES,
     AUTRES, BASES, REGULARISATIONS, REGUL_PAS),
    item_title=N_("Employee {n} — {name}"),
    title=N_("Employees"),
    name=contract_label,
    when=_with_employees,
)

FORM = Form("mensuelle", N_("Monthly DSN"), (
    declaration_step(("01", "02", "03", "05")),
    MOIS,
    *ETABLISSEMENT,
    replace(ETABLISSEMENT_PAIEMENT, when=_with_employees),
    CTP,
    REGUL_AGREGEES,
    PREVOYANCE,
    PAIEMENT_DATES,
    SALARIES,
))

DECLARATION = Declaration("mensuelle", FORM, build_mensuelle)
