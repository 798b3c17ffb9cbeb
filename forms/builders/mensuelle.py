"""The monthly DSN (nature 01) from the answers of `forms.declarations.mensuelle`.

Everything that is a sum, a count or a date of the month is computed here, never typed:
- the pay period of each contract (the month, cut by the start and the end of the contract),
  used by the rémunérations (51) and as the default period of the bases (78);
- the bordereau (S21.G00.22.005 = the sum of the cotisations agrégées 23.005, rounded to the
  euro) and the Urssaf payment (20.005 = 22.005, the month, mode 05);
- the DGFiP payment (20.005 = the sum of the PAS withheld, 50.009);
- each prévoyance body's payment: one composant (55) per contract, its amount the sum of the
  contributions of the bases 31 of the employees affiliated to that contract, and the
  payment the sum of its composants (20.005/CCH-12);
- the technical identifiers linking prévoyance contract (15.005), affiliation (70.012/.013)
  and base (78.005);
- the ancienneté in the company (86: months, or days when less than a month);
- the S90 totals (the writer).
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from itertools import repeat as repeat_
from typing import NamedTuple

from forms.builders.dsn_common import CONTRAT_FIELDS, DATES, INDIVIDU_FIELDS, Header, LineBuilder
from forms.declarations import BuildContext, Built
from forms.history.changes import AVANT, blocks, prevoyance_change, reason
from forms.history.form import dated_changes
from forms.i18n import _
from forms.model import Contrat, Etablissement, Individu
from forms.questions import Children, Scope
from forms.values import as_date, as_decimal, dsn_date, money

NEANT = ("02", "05")
PRIME_WITH_PERIOD = ("026", "027", "029", "902")   # S21.G00.52.003/CCH-12
CTP_WITH_COMMUNE = ("900", "901", "911", "917", "921", "927")  # S21.G00.23.006/CCH-11
BASE_WITH_AFFILIATION = ("31",)                     # S21.G00.78.005/CCH-11
# Individual contributions not collected by the Urssaf: Agirc-Arrco and Apec, prévoyance,
# épargne retraite. What is left is compared with the cotisations agrégées (a note, not a rule).
NOT_URSSAF = frozenset({"059", "105", "106", "109", "110", "111", "112", "113", "131", "132", "142", "146",
                        "901", "909", "915"})
PREVOYANCE_PERIOD = "01012000"  # S21.G00.20.006/.007 for a prévoyance body (CT desc.)
ONE_DAY = timedelta(days=1)


# ----------------------------------------------------------------------------- dates
@lru_cache(maxsize=256)  # asked for each employee, of the same few months
def month_bounds(month: str) -> tuple[date, date] | None:
    """`2026-01` → (1 January 2026, 31 January 2026); None when not a month."""
    try:
        year, mon = int(month[:4]), int(month[5:7])
        return date(year, mon, 1), date(year, mon, monthrange(year, mon)[1])
    except (ValueError, IndexError):
        return None


def pay_period(month: str, start: str, end: str = "") -> tuple[date, date] | None:
    """The part of the month the contract covers: from its start (if in the month) to its end."""
    bounds = month_bounds(month)
    if bounds is None:
        return None
    first, last = bounds
    begun, ended = as_date(start), as_date(end)
    if begun and begun > first:
        first = begun
    if ended and ended < last:
        last = ended
    return first, last


def seniority(start: date, end: date) -> tuple[str, str]:
    """(unit, value) of S21.G00.86: whole months from `start` to `end` included, else days."""
    following = end + ONE_DAY
    months = (following.year - start.year) * 12 + following.month - start.month
    if following.day < start.day:
        months -= 1
    if months >= 1:
        return "02", str(months)
    return "01", str(max(1, (end - start).days + 1))


def rate(canonical: str) -> str:
    """A rate typed with three decimals, written with two when the third is zero (13.000 → 13.00)."""
    found = _RATES.get(canonical)
    if found is None:
        if len(canonical.partition(".")[2]) == 3 and canonical.endswith("0"):
            found = canonical[:-1]
        else:
            found = canonical
        if len(_RATES) < 4096:
            _RATES[canonical] = found
    return found


_RATES: dict[str, str] = {}  # the few rates of a file, each seen on many lines


def _d(value: str) -> str:
    return dsn_date(value) if value else ""


def _count(answers: Mapping[str, str], key: str) -> int:
    try:
        return max(0, int(answers.get(key) or 0))
    except ValueError:
        return 0


def _items(answers: dict[str, str], prefix: str, repeat: str) -> list[str]:
    """Prefixes of the items of a repeat under `prefix`: "salaries.0.bases.0." …"""
    return [f"{prefix}{repeat}.{i}." for i in range(_count(answers, f"{prefix}{repeat}.nombre"))]


class _Prefixed:
    """The answers of one item read by question id, when they do not come filed by item."""

    __slots__ = ("answers", "prefix")

    def __init__(self, answers: Mapping[str, str], prefix: str) -> None:
        self.answers = answers
        self.prefix = prefix

    def get(self, qid: str, default: str | None = None) -> str | None:
        return self.answers.get(self.prefix + qid, default)


_NONE: dict[str, str] = {}  # the answers of an item that has none
# The question ids of the individual's and the contract's rubriques, in the order of their codes.
_PERSON = tuple(Individu.SECTION + "." + name for name in INDIVIDU_FIELDS.values())
_CONTRAT = tuple(Contrat.SECTION + "." + name for name in CONTRAT_FIELDS.values())
_PERSON_DATES = tuple(i for i, code in enumerate(INDIVIDU_FIELDS) if code in DATES)
_CONTRAT_DATES = tuple(i for i, code in enumerate(CONTRAT_FIELDS) if code in DATES)
_NIR, _SEXE, _NOM, _PRENOMS = (_PERSON.index(f"individu.{name}") for name in ("nir", "sexe", "nom", "prenoms"))
_CONTRACT_USED = tuple(f"contrat.{name}" for name in ("debut", "fin", "numero", "unite_quotite", "retraite_complementaire"))


class _Contract(NamedTuple):
    """The contract's answers the employee's other blocks read."""

    debut: str
    fin: str
    numero: str
    unite_quotite: str
    retraite_complementaire: str


# ----------------------------------------------------------------------------- sums
class Sums:
    """What the establishment's blocks add up over the employees, gathered while each employee
    is written (its answers are read then), in the order the employees come."""

    def __init__(self) -> None:
        # contract number (1-based) → the contributions of the affiliated employees' bases 31
        self.prevoyance: dict[int, Decimal] = defaultdict(Decimal)
        self.urssaf = Decimal(0)     # the employees' contributions collected by the Urssaf
        self.pas = Decimal(0)        # the PAS withheld this month (50.009)
        self.pas_regul = Decimal(0)  # the PAS corrections of earlier months (56.007)


# ----------------------------------------------------------------------------- blocks
class MonthlyBuilder:
    """One monthly declaration: the establishment's blocks, then each employee."""

    def __init__(self, answers: dict[str, str], header: Header) -> None:
        self.answers = answers
        self.etab = Etablissement.from_answers(answers, "etablissement.")
        self.month = answers.get("declaration.mois", "")
        bounds = month_bounds(self.month)
        assert bounds is not None, "declaration.mois is required"
        self.first, self.last = bounds
        self.month_first, self.month_last = dsn_date(self.first.isoformat()), dsn_date(self.last.isoformat())
        self.b = LineBuilder(self.etab, header)
        # The values the answers' readings checked against their rubriques are not checked again.
        self.b.out.seed(getattr(answers, "syntax_checked", None) or {})
        self._templates()
        self.employees = [] if header.type in NEANT else _items(answers, "", "salaries")
        self.notes: list[str] = []
        self.people: list[tuple[str, str]] = []  # (NIR, name) of every employee written
        self.sums = Sums()
        # item prefix → question id → answer, when the session filed the answers by item
        self.by_item: dict[str, dict[str, str]] | None = getattr(answers, "by_item", None)
        # (prefix, repeat) → the prefixes and answers of its items, when the session laid them out
        self.children: Children | None = getattr(answers, "children", None) if self.by_item is not None else None
        # No answer is a fact: nothing declared before, no change block (`dated_changes` finds none).
        self.no_facts = getattr(answers, "facts", None) is False

    def build(self) -> bytes:
        b = self.b
        etab = b.company()
        if self.employees:
            # The employees are written first, adding up what the establishment's blocks need as
            # their answers are read; those blocks then take their place before the employees.
            lines = b.out.lines
            written = len(lines)
            own_notes, self.notes = self.notes, []
            for p in self.employees:
                self._employee(p)
            employee_notes, self.notes = self.notes, own_notes
            individuals = len(lines)
            self._establishment_blocks(etab)
            blocks = lines[individuals:]  # the establishment's blocks go before the employees
            del lines[individuals:]
            lines[written:written] = blocks
            self.notes += employee_notes
        return b.out.data(declarations=1)

    def _templates(self) -> None:
        """How each block of an employee is written (see `LineBuilder.template`), worked out once."""
        t = self.b.writer
        self.t_individual = t("S21.G00.30", tuple(INDIVIDU_FIELDS), "S21.G00.11")
        self.t_contract = t("S21.G00.40", tuple(CONTRAT_FIELDS), "S21.G00.30")
        self.t_affiliation = t("S21.G00.70", ("S21.G00.70.012", "S21.G00.70.013"), "S21.G00.40")
        self.t_pension = t("S21.G00.71", ("S21.G00.71.002",), "S21.G00.40")
        self.t_pay = t("S21.G00.50", ("S21.G00.50.001", "S21.G00.50.002", "S21.G00.50.004", "S21.G00.50.006",
                                      "S21.G00.50.007", "S21.G00.50.008", "S21.G00.50.009", "S21.G00.50.013"),
                       "S21.G00.30")
        self.t_remu = t("S21.G00.51", ("S21.G00.51.001", "S21.G00.51.002", "S21.G00.51.010", "S21.G00.51.011",
                                       "S21.G00.51.013"), "S21.G00.50")
        self.t_hours = t("S21.G00.53", ("S21.G00.53.001", "S21.G00.53.002", "S21.G00.53.003"), "S21.G00.51")
        self.t_prime = t("S21.G00.52", ("S21.G00.52.001", "S21.G00.52.002", "S21.G00.52.003", "S21.G00.52.004",
                                        "S21.G00.52.006"), "S21.G00.50")
        self.t_other = t("S21.G00.54", ("S21.G00.54.001", "S21.G00.54.002", "S21.G00.54.005"), "S21.G00.50")
        self.t_net = t("S21.G00.58", ("S21.G00.58.001", "S21.G00.58.002", "S21.G00.58.003", "S21.G00.58.004"),
                       "S21.G00.50")
        self.t_base = t("S21.G00.78", ("S21.G00.78.001", "S21.G00.78.002", "S21.G00.78.003", "S21.G00.78.004",
                                       "S21.G00.78.005"), "S21.G00.50")
        self.t_component = t("S21.G00.79", ("S21.G00.79.001", "S21.G00.79.004"), "S21.G00.78")
        self.t_contribution = t("S21.G00.81", ("S21.G00.81.001", "S21.G00.81.003", "S21.G00.81.004",
                                               "S21.G00.81.007"), "S21.G00.78")
        self.t_seniority = t("S21.G00.86", ("S21.G00.86.001", "S21.G00.86.002", "S21.G00.86.003",
                                            "S21.G00.86.005"), "S21.G00.30")

    # -------------------------------------------------------------- establishment level
    def _establishment_blocks(self, etab_occ: str) -> None:
        a, b, e = self.answers, self.b, self.etab
        contracts = _items(a, "", "prevoyance")
        for i, c in enumerate(contracts, start=1):  # S21.G00.15
            adhesion = b.add("S21.G00.15", {
                "S21.G00.15.001": a.get(c + "prevoyance.reference", ""),
                "S21.G00.15.002": a.get(c + "prevoyance.organisme", ""),
                "S21.G00.15.004": a.get(c + "prevoyance.couvert", "01"),
                "S21.G00.15.005": str(i),
            }, etab_occ)
            change = prevoyance_change(a.get(c + AVANT + "organisme", ""), a.get(c + "prevoyance.organisme", ""))
            if change is not None:  # S21.G00.16: the old insurer, dated
                when = a.get(c + "prevoyance.changement_date", "") or self.first.isoformat()
                b.add("S21.G00.16", {"S21.G00.16.001": dsn_date(when), "S21.G00.16.002": change.old}, adhesion)
                self.notes.append(_("Prévoyance contract {ref}: {change} on {date} (block S21.G00.16).").format(
                    ref=a.get(c + "prevoyance.reference", ""), change=change.describe(), date=when))
        month_first, month_last = dsn_date(self.first.isoformat()), dsn_date(self.last.isoformat())
        ctp = _items(a, "", "agregees")
        agregated = sum((as_decimal(a.get(c + "ctp.montant", "")) for c in ctp), Decimal(0))
        bordereau = agregated.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        corrections = self._aggregated_corrections()
        total = bordereau + sum((amount for _m, amount, _lines in corrections), Decimal(0))
        bank = {"S21.G00.20.003": e.bic, "S21.G00.20.004": e.iban}
        if ctp or corrections:  # the Urssaf: payment = the bordereaux (this month's and corrections), to the euro
            b.add("S21.G00.20", {
                "S21.G00.20.001": e.urssaf_siret, **bank, "S21.G00.20.005": money(max(total, Decimal(0))),
                "S21.G00.20.006": month_first, "S21.G00.20.007": month_last, "S21.G00.20.010": "05",
            }, etab_occ)
            if total < 0:
                self.notes.append(_("The URSSAF corrections exceed this month's contributions: the payment is 0.00 € "
                                    "and the URSSAF offsets or refunds the difference ({amount} €).").format(
                    amount=money(total)))
        pas = self.sums.pas + self.sums.pas_regul
        pas = max(pas, Decimal(0))
        b.add("S21.G00.20", {  # the DGFiP: the PAS withheld this month
            "S21.G00.20.001": "DGFIP", "S21.G00.20.002": "DGFIP_PAS", **bank,
            "S21.G00.20.005": money(pas), "S21.G00.20.006": month_first, "S21.G00.20.007": month_last,
            "S21.G00.20.010": "05",
        }, etab_occ)
        self._prevoyance_payments(contracts, bank, etab_occ)
        if ctp:
            brd = b.add("S21.G00.22", {
                "S21.G00.22.001": e.urssaf_siret, "S21.G00.22.003": month_first, "S21.G00.22.004": month_last,
                "S21.G00.22.005": money(bordereau),
            }, etab_occ)
            for c in ctp:
                b.add("S21.G00.23", {
                    "S21.G00.23.001": a.get(c + "ctp.code", ""), "S21.G00.23.002": a.get(c + "ctp.qualifiant", ""),
                    "S21.G00.23.003": a.get(c + "ctp.taux", ""), "S21.G00.23.004": a.get(c + "ctp.assiette", ""),
                    "S21.G00.23.005": a.get(c + "ctp.montant", ""), "S21.G00.23.006": a.get(c + "ctp.commune", ""),
                }, brd)
        for month, amount, lines in corrections:  # one dated bordereau per month corrected
            bounds = month_bounds(month)
            assert bounds is not None
            brd = b.add("S21.G00.22", {
                "S21.G00.22.001": e.urssaf_siret, "S21.G00.22.003": dsn_date(bounds[0].isoformat()),
                "S21.G00.22.004": dsn_date(bounds[1].isoformat()), "S21.G00.22.005": money(amount),
            }, etab_occ)
            for c in lines:
                b.add("S21.G00.23", {
                    "S21.G00.23.001": a.get(c + "regul_ctp.code", ""),
                    "S21.G00.23.002": a.get(c + "regul_ctp.qualifiant", ""),
                    "S21.G00.23.003": a.get(c + "regul_ctp.taux", ""),
                    "S21.G00.23.004": a.get(c + "regul_ctp.assiette", ""),
                    "S21.G00.23.005": a.get(c + "regul_ctp.montant", ""),
                    "S21.G00.23.006": a.get(c + "regul_ctp.commune", ""),
                }, brd)
            self.notes.append(_("URSSAF correction for {month}: {amount} € (a bordereau dated {month}).").format(
                month=month, amount=money(amount)))
        if ctp:
            individual = self.sums.urssaf
            if abs(individual - agregated) > 1:
                self.notes.append(_(
                    "The URSSAF summary adds up to {aggregated} € but the employees' URSSAF contributions add up to "
                    "{individual} €: check the summary lines and the payslips."
                ).format(aggregated=money(agregated), individual=money(individual)))

    def _aggregated_corrections(self) -> list[tuple[str, Decimal, list[str]]]:
        """(month, bordereau amount rounded to the euro, line prefixes) per earlier month corrected."""
        by_month: dict[str, list[str]] = {}
        for c in _items(self.answers, "", "regul_agregees"):
            by_month.setdefault(self.answers.get(c + "regul_ctp.mois", ""), []).append(c)
        out = []
        for month in sorted(by_month):
            lines = by_month[month]
            amount = sum((as_decimal(self.answers.get(c + "regul_ctp.montant", "")) for c in lines), Decimal(0))
            out.append((month, amount.quantize(Decimal(1), rounding=ROUND_HALF_UP), lines))
        return out

    def _prevoyance_payments(self, contracts: list[str], bank: dict[str, str], etab_occ: str) -> None:
        """One payment per insurer, one composant per contract with affiliated employees."""
        a = self.answers
        if not contracts:
            return
        amounts = self.sums.prevoyance
        by_body: dict[str, list[tuple[str, Decimal]]] = {}
        for i, c in enumerate(contracts, start=1):
            if i in amounts:
                by_body.setdefault(a.get(c + "prevoyance.organisme", ""), []).append(
                    (a.get(c + "prevoyance.reference", ""), amounts[i]))
        period = f"{self.first.year:04d}M{self.first.month:02d}"
        for body, parts in by_body.items():
            total = sum((amount for _ref, amount in parts), Decimal(0))
            pay = self.b.add("S21.G00.20", {
                "S21.G00.20.001": body, **bank, "S21.G00.20.005": money(max(total, Decimal(0))),
                "S21.G00.20.006": PREVOYANCE_PERIOD, "S21.G00.20.007": PREVOYANCE_PERIOD, "S21.G00.20.010": "05",
                "S21.G00.20.011": _d(a.get("paiement.date_prevoyance", "")),
            }, etab_occ)
            for reference, amount in parts:
                self.b.add("S21.G00.55", {
                    "S21.G00.55.001": money(amount), "S21.G00.55.003": reference, "S21.G00.55.004": period,
                }, pay)

    # -------------------------------------------------------------- one employee
    def _item(self, prefix: str) -> Mapping[str, str]:
        """The answers of the item at `prefix`, by question id."""
        if self.by_item is not None:
            return self.by_item.get(prefix, _NONE)
        return _Prefixed(self.answers, prefix)  # type: ignore[return-value]

    def _kids(self, prefix: str) -> dict[str, tuple[list[str], list[Mapping[str, str]]]] | None:
        """The repeats of the item at `prefix` as the session's walk laid them out (None when it did not)."""
        return self.children.get(prefix) if self.children is not None else None

    def _repeat(self, prefix: str, item: Mapping[str, str], repeat: str,
                kids: dict[str, tuple[list[str], list[Mapping[str, str]]]] | None) -> Iterable[tuple[str, Mapping[str, str]]]:
        """(prefix, answers) of each item of a repeat of the item at `prefix` (`_items`); `kids`:
        `_kids(prefix)`."""
        if kids is not None:
            found = kids.get(repeat)
            if found is not None:  # the walk counted the same answer as `_count` does
                return zip(found[0], found[1], strict=True)
        n = _count(item, repeat + ".nombre")
        if not n:
            return []
        inner = [f"{prefix}{repeat}.{i}." for i in range(n)]
        if self.by_item is not None:
            return list(zip(inner, map(self.by_item.get, inner, repeat_(_NONE)), strict=True))
        return [(q, self._item(q)) for q in inner]

    def _items(self, prefix: str, item: Mapping[str, str], repeat: str,
               kids: dict[str, tuple[list[str], list[Mapping[str, str]]]] | None) -> list[Mapping[str, str]]:
        """The answers of each item of a repeat of the item at `prefix` (`_repeat` without prefixes)."""
        if kids is not None:
            found = kids.get(repeat)
            if found is not None:  # the walk counted the same answer as `_count` does
                return found[1]
        if self.by_item is None:
            return [it for _q, it in self._repeat(prefix, item, repeat, None)]
        n = _count(item, repeat + ".nombre")
        if not n:
            return []
        return list(map(self.by_item.get, [f"{prefix}{repeat}.{i}." for i in range(n)], repeat_(_NONE)))

    def _employee(self, p: str) -> None:
        a, b = self.answers, self.b
        e = self._item(p)
        kids = self._kids(p)
        # The individual and the contract as `Individu` and `Contrat` records would give them
        # (each text field the item's answer, "" when none), read straight into their blocks.
        person = list(map(e.get, _PERSON, repeat_("")))
        nir, sexe = person[_NIR], person[_SEXE]
        if nir and sexe == "0" + nir[0]:
            person[_SEXE] = ""  # S21.G00.30.005 only "si différent du sexe porté par le NIR" (CT desc.)
        name = " ".join(part for part in (person[_NOM], person[_PRENOMS]) if part)  # Individu.display_name
        self.people.append((nir, name))
        contract = _Contract(*map(e.get, _CONTRACT_USED, repeat_("")))
        for i in _PERSON_DATES:
            if person[i]:
                person[i] = dsn_date(person[i])
        self.t_individual(*person)
        ind = "S21.G00.30"
        dated = [] if self.no_facts else dated_changes(Scope(a, p))
        changes = blocks(dated) if dated else []
        for block, values in changes:
            if block == "S21.G00.31":
                b.add(block, values, ind)
        values = list(map(e.get, _CONTRAT, repeat_("")))
        for i in _CONTRAT_DATES:
            if values[i]:
                values[i] = dsn_date(values[i])
        self.t_contract(*values)
        occ = "S21.G00.40"
        for block, values in changes:
            if block == "S21.G00.41":
                b.add(block, values, occ)
        for d in dated:
            self.notes.append(_("{name}: {reason} (block {block}).").format(
                name=name, reason=reason(d), block=d.change.block))
        if e.get("annulation.arret") == "oui":  # S21.G00.60.001 99: cancels an arrêt declared by mistake
            b.add("S21.G00.60", {
                "S21.G00.60.001": "99", "S21.G00.60.002": _d(e.get("annulation.arret_dernier_jour", "")),
                "S21.G00.60.003": _d(e.get("annulation.arret_fin", "")),
            }, occ)
            self.notes.append(_("{name}: the leave from {date} declared by mistake is cancelled (reason 99).").format(
                name=name, date=e.get("annulation.arret_dernier_jour", "")))
        if e.get("annulation.fin") == "oui" and not contract.fin:  # S21.G00.62.002 099
            b.add("S21.G00.62", {"S21.G00.62.001": _d(e.get("annulation.fin_date", "")),
                                 "S21.G00.62.002": "099"}, occ)
            self.notes.append(_("{name}: the end of contract on {date} declared by mistake is cancelled "
                                "(reason 099); the contract goes on.").format(
                name=name, date=e.get("annulation.fin_date", "")))
        if contract.fin:
            b.add("S21.G00.62", {
                "S21.G00.62.001": _d(contract.fin), "S21.G00.62.002": e.get("fin.motif", ""),
                "S21.G00.62.006": _d(e.get("fin.dernier_jour", "") or contract.fin),
            }, occ)
        affiliation = e.get("affiliation.contrat", "")
        if affiliation:
            self.t_affiliation("1", affiliation)
        sums = self.sums
        sums.pas += as_decimal(e.get("pas.montant", ""))
        if contract.retraite_complementaire:  # S21.G00.71 (DsnBuilder.pension)
            self.t_pension(contract.retraite_complementaire)

        period = pay_period(self.month, contract.debut, contract.fin) or (self.first, self.last)
        start, end = dsn_date(period[0].isoformat()), dsn_date(period[1].isoformat())
        net_fiscal = e.get("paie.net_fiscal", "")
        pas_type = e.get("pas.type", "")
        self.t_pay(_d(e.get("paie.date", "")), net_fiscal, e.get("paie.net_verse", ""), e.get("pas.taux", "0.00"),
                   pas_type, e.get("pas.identifiant", "") if pas_type == "01" else "", e.get("pas.montant", "0.00"),
                   e.get("pas.assiette", "") or money(max(as_decimal(net_fiscal), Decimal(0))))
        number = contract.numero
        brut = e.get("remu.brut", "")
        hours = e.get("remu.heures", "")
        for kind, amount in (("010", e.get("remu.base", "")), ("001", brut),
                             ("002", e.get("remu.brut_chomage", "") or brut),
                             ("003", e.get("remu.retabli", "") or brut)):
            self.t_remu(start, end, number, kind, amount)
            if kind == "002" and hours:
                self.t_hours("01", hours, contract.unite_quotite)
        for _q, it in self._repeat(p, e, "primes", kids):
            self.t_prime(it.get("prime.type", ""), it.get("prime.montant", ""),
                         _d(it.get("prime.debut", "")), _d(it.get("prime.fin", "")), number)
        for _q, it in self._repeat(p, e, "autres", kids):
            self.t_other(it.get("autre.type", ""), it.get("autre.montant", ""), number)
        for _q, it in self._repeat(p, e, "regul_pas", kids):  # S21.G00.56: the tax of an earlier month corrected
            sums.pas_regul += as_decimal(it.get("pas_regul.montant", ""))
            month = it.get("pas_regul.mois", "")
            b.add("S21.G00.56", {
                "S21.G00.56.001": f"{month[5:7]}{month[:4]}", "S21.G00.56.002": it.get("pas_regul.type", ""),
                "S21.G00.56.003": it.get("pas_regul.net_fiscal", ""),
                "S21.G00.56.005": it.get("pas_regul.taux", ""),
                "S21.G00.56.006": it.get("pas_regul.taux_declare", ""),
                "S21.G00.56.007": it.get("pas_regul.montant", ""),
                "S21.G00.56.010": it.get("pas_regul.assiette", "") or it.get("pas_regul.net_fiscal", "")
                if it.get("pas_regul.type") == "01" else "",
                "S21.G00.56.015": it.get("pas_regul.assiette_declaree", ""),
            }, "S21.G00.50")
        self.t_net(self.month_first, self.month_last, "03", e.get("paie.net_social", ""))
        t_base, t_component, t_contribution = self.t_base, self.t_component, self.t_contribution
        rates, items, kids_of = _RATES.get, self._items, self._kids
        urssaf: list[str] = []  # the amounts of the contributions collected by the Urssaf
        for q, it in self._repeat(p, e, "bases", kids):
            code = it.get("base.code", "")
            t_base(code, _d(it.get("base.debut", "")) or start, _d(it.get("base.fin", "")) or end,
                   it.get("base.montant", ""), "1" if affiliation and code in BASE_WITH_AFFILIATION else "")
            base_kids = kids_of(q)
            for ic in items(q, it, "composants", base_kids):
                t_component(ic.get("composant.type", ""), ic.get("composant.montant", ""))
            insured = affiliation if code in BASE_WITH_AFFILIATION else ""  # its prévoyance contract
            for ic in items(q, it, "cotisations", base_kids):
                kind, amount, taux = ic.get("cotisation.code", ""), ic.get("cotisation.montant", ""), \
                    ic.get("cotisation.taux", "")
                written = rates(taux)
                t_contribution(kind, ic.get("cotisation.assiette", ""), amount,
                               written if written is not None else rate(taux))
                if kind not in NOT_URSSAF and amount:
                    urssaf.append(amount)
                if insured:
                    sums.prevoyance[int(insured)] += as_decimal(amount)
        # Added up at once (an empty amount counts 0, as `as_decimal` reads it).
        sums.urssaf += sum(map(Decimal, urssaf), Decimal(0))
        for q, it in self._repeat(p, e, "regularisations", kids):  # bases of an earlier month, dated in that month
            bounds = pay_period(it.get("regul.mois", ""), contract.debut, contract.fin)
            if bounds is None:
                continue
            t_base(it.get("regul.base", ""), dsn_date(bounds[0].isoformat()), dsn_date(bounds[1].isoformat()),
                   it.get("regul.montant", ""), "")
            for _c, ic in self._repeat(q, it, "cotisations", self._kids(q)):
                t_contribution(ic.get("cotisation.code", ""), ic.get("cotisation.assiette", ""),
                               ic.get("cotisation.montant", ""), rate(ic.get("cotisation.taux", "")))
            self.notes.append(_("{name}: correction of {month}, base {code} {amount} € (dated {month}).").format(
                name=name, month=it.get("regul.mois", ""), code=it.get("regul.base", ""),
                amount=it.get("regul.montant", "")))
        since = as_date(e.get("anciennete.depuis", "")) or as_date(contract.debut) or period[0]
        unit, value = seniority(since, period[1])
        self.t_seniority("07", unit, value, number)


def build_mensuelle(answers: dict[str, str], ctx: BuildContext) -> Built:
    """The monthly DSN of these answers; `build()` validates it with the engine."""
    kind = answers.get("declaration.type", "01")
    month = answers.get("declaration.mois", "")
    bounds = month_bounds(month)
    header = Header("01", kind, ctx.numero_ordre, ctx.today, month=bounds[0] if bounds else None, test=ctx.test,
                    replaces=answers.get("declaration.remplace", "") if kind == "03" else "",
                    identifiant_metier=ctx.identifiant_metier)
    builder = MonthlyBuilder(answers, header)
    data = builder.build()
    siret = answers.get("etablissement.siret", "")
    return Built(data=data, filename=f"dsn-mensuelle-{siret}-{month}.dsn", nature="01", type=kind, period=month,
                 people=builder.people, notes=builder.notes)
