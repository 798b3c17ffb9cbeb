"""The pay part of a FCTU (nature 07): one versement per month, M then M-1.

Each versement (S21.G00.50) carries its rémunérations (S21.G00.51 types 010, 001, 002 with
the activity S21.G00.53 under the 002, and 003 when given), the contract-end indemnities
(S21.G00.52) and the bases (S21.G00.78) with their contributions (S21.G00.81), as the
sample `tests/samples/fctu.dsn` writes them. The withholding-tax rubriques of S21.G00.50 are
forbidden in a 07 and never written.
"""

from __future__ import annotations

from datetime import date, timedelta

from forms.builders.dsn_common import DsnBuilder
from forms.dsn.tree import Occurrence
from forms.questions import Scope
from forms.values import as_date, dsn_date

# Units of S21.G00.40.011 that S21.G00.53.003 can repeat (hours, days and their "forfait").
ACTIVITY_UNITS = ("10", "12", "20", "21")


def month_start(day: date, back: int = 0) -> date:
    """First day of the month of `day`, `back` months earlier."""
    year, month = day.year, day.month - back
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)


def month_end(first: date) -> date:
    nxt = month_start(first.replace(day=28) + timedelta(days=8))
    return nxt - timedelta(days=1)


def pay_period(end_of_contract: date, start_of_contract: date | None, back: int) -> tuple[date, date]:
    """The month `back` months before the month of the contract's end, clipped to the contract."""
    first = month_start(end_of_contract, back)
    last = month_end(first)
    if start_of_contract and start_of_contract > first:
        first = start_of_contract
    if end_of_contract < last:
        last = end_of_contract
    return first, last


def write_versement(b: DsnBuilder, individual: Occurrence, item: Scope, rank: int, *, contract_no: str,
                    unit: str, end: date, start: date | None) -> Occurrence:
    """S21.G00.50 and its children for one repeat item (`rank` 0 = M, 1 = M-1)."""
    first, last = pay_period(end, start, rank)
    period = {"S21.G00.51.001": dsn_date(first.isoformat()), "S21.G00.51.002": dsn_date(last.isoformat()),
              "S21.G00.51.010": contract_no}
    pay = b.add("S21.G00.50", {
        "S21.G00.50.001": dsn_date(item.get("versement.date")),
        "S21.G00.50.003": f"{rank + 1:02d}",
        "S21.G00.50.020": "01" if rank == 0 else "02",
    }, individual)

    def remuneration(kind: str, amount: str) -> Occurrence:
        return b.add("S21.G00.51", {**period, "S21.G00.51.011": kind, "S21.G00.51.013": amount}, pay)

    remuneration("010", item.get("versement.salaire_base"))
    remuneration("001", item.get("versement.brut"))
    chomage = remuneration("002", item.get("versement.brut_chomage"))
    if item.get("versement.activite"):
        b.add("S21.G00.53", {
            "S21.G00.53.001": "01", "S21.G00.53.002": item.get("versement.activite"),
            "S21.G00.53.003": unit if unit in ACTIVITY_UNITS else "",
        }, chomage)
    if item.get("versement.salaire_retabli"):
        remuneration("003", item.get("versement.salaire_retabli"))
    for ind in item.items("indemnites", "indemnites.nombre"):
        b.add("S21.G00.52", {
            "S21.G00.52.001": ind.get("indemnite.type"), "S21.G00.52.002": ind.get("indemnite.montant"),
            "S21.G00.52.006": contract_no,
        }, pay)
    for base in item.items("bases", "bases.nombre"):
        occ = b.add("S21.G00.78", {
            "S21.G00.78.001": base.get("base.code"),
            "S21.G00.78.002": dsn_date(first.isoformat()), "S21.G00.78.003": dsn_date(last.isoformat()),
            "S21.G00.78.004": base.get("base.montant"),
        }, pay)
        for cot in base.items("cotisations", "cotisations.nombre"):
            b.add("S21.G00.81", {
                "S21.G00.81.001": cot.get("cotisation.code"), "S21.G00.81.003": cot.get("cotisation.assiette"),
                "S21.G00.81.004": cot.get("cotisation.montant"), "S21.G00.81.007": cot.get("cotisation.taux"),
            }, occ)
    return pay


def seniority_days(entry: str, end: date) -> str:
    """Days in the company from `entry` to the end of the contract, both included (S21.G00.86.003)."""
    first = as_date(entry)
    return str((end - first).days + 1) if first else ""
