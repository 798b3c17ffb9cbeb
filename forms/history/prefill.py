"""History as answers: what was declared last month starts the next month's form.

`prefill(previous)` takes the answers of the last monthly DSN (the effective answers of a
draft or an exported file, or `answers_from_file(bytes)` for an imported DSN) and returns the
answers the next month starts from:

- the establishment, the prévoyance contracts and, for every employee whose contract goes on
  (no end in that month, or an end cancelled with 099), the identity, the contract, the
  prévoyance affiliation and the tax rate — the user edits what changed;
- under `salaries.N.avant.` the same identity and contract *as declared*, with the SIRET they
  were declared under (`avant.siret`) and the month (`avant.mois`); under
  `prevoyance.N.avant.organisme` the insurer declared. These are facts, not questions:
  `FormSession.effective_answers` keeps every key holding `.avant.`, and the monthly form
  compares them with the current answers to derive the change blocks
  (`forms.history.changes`).

A later month is not a copy of pay: amounts, bases and contributions start empty.
"""

from __future__ import annotations

from collections.abc import Mapping

from forms.builders.dsn_common import CONTRAT_FIELDS, INDIVIDU_FIELDS
from forms.dsn.document import parse_document
from forms.history.changes import AVANT, CONTRAT_CHANGES, INDIVIDU_CHANGES
from forms.model import Contrat, Individu

CARRIED_EMPLOYEE = ("affiliation.contrat", "pas.type", "pas.taux", "pas.identifiant", "anciennete.depuis")
CARRIED_PREVOYANCE = ("prevoyance.reference", "prevoyance.organisme", "prevoyance.couvert")
_CONTRACT_FIELDS = Contrat.field_names()


def next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def _count(answers: Mapping[str, str], key: str) -> int:
    try:
        return max(0, int(answers.get(key) or 0))
    except ValueError:
        return 0


def _goes_on(answers: Mapping[str, str], p: str) -> bool:
    return not answers.get(p + "contrat.fin") or answers.get(p + "fin.motif") == "099"


def prefill(previous: Mapping[str, str]) -> dict[str, str]:
    """The next month's starting answers from the last month's (see the module's text)."""
    out: dict[str, str] = {k: v for k, v in previous.items() if k.startswith("etablissement.")}
    month = previous.get("declaration.mois", "")
    out["declaration.type"] = "01"
    if month:
        out["declaration.mois"] = next_month(month)
    for i in range(_count(previous, "prevoyance.nombre")):
        p = f"prevoyance.{i}."
        for qid in CARRIED_PREVOYANCE:
            if previous.get(p + qid):
                out[p + qid] = previous[p + qid]
        if previous.get(p + "prevoyance.organisme"):
            out[p + AVANT + "organisme"] = previous[p + "prevoyance.organisme"]
    if "prevoyance.nombre" in previous:
        out["prevoyance.nombre"] = previous["prevoyance.nombre"]
    siret = previous.get("etablissement.siret", "")
    n = 0
    for i in range(_count(previous, "salaries.nombre")):
        old = f"salaries.{i}."
        if not _goes_on(previous, old):
            continue
        new = f"salaries.{n}."
        n += 1
        for field in Individu.field_names():
            value = previous.get(f"{old}individu.{field}", "")
            if value:
                out[f"{new}individu.{field}"] = value
                if field in INDIVIDU_CHANGES:
                    out[f"{new}{AVANT}individu.{field}"] = value
        for field in _CONTRACT_FIELDS:
            if field == "fin":
                continue
            value = previous.get(f"{old}contrat.{field}", "")
            if value:
                out[f"{new}contrat.{field}"] = value
                if field in CONTRAT_CHANGES:
                    out[f"{new}{AVANT}contrat.{field}"] = value
        for qid in CARRIED_EMPLOYEE:
            if previous.get(old + qid):
                out[new + qid] = previous[old + qid]
        if siret:
            out[f"{new}{AVANT}siret"] = siret
        if month:
            out[f"{new}{AVANT}mois"] = month
    out["salaries.nombre"] = str(n)
    return out


# ----------------------------------------------------------------------------- from a file
def _iso(value: str) -> str:
    return f"{value[4:8]}-{value[2:4]}-{value[:2]}" if len(value) == 8 and value.isdigit() else value


_DATE_CODES = {"S21.G00.30.006", "S21.G00.40.001", "S21.G00.40.010"}


def answers_from_file(data: bytes) -> dict[str, str]:
    """A monthly DSN file (ours or imported) as the answers `prefill` reads: the establishment's
    SIRET, the month, each person and each contract declared (one item per contract), the end
    of a contract when the file declares one. Pay is not read."""
    doc = parse_document(data)
    out: dict[str, str] = {}
    n = 0
    for declaration in doc.declarations():
        month = declaration.values.get("S20.G00.05.005", "")
        if month:
            out["declaration.mois"] = f"{month[4:8]}-{month[2:4]}"
        for ent in declaration.child_blocks("S21.G00.06"):
            siren = ent.values.get("S21.G00.06.001", "")
            for etab in ent.child_blocks("S21.G00.11"):
                out["etablissement.siret"] = siren + etab.values.get("S21.G00.11.001", "")
                for person in etab.child_blocks("S21.G00.30"):
                    individu = {f: _read(person.values, code) for code, f in INDIVIDU_FIELDS.items()}
                    for contract in person.child_blocks("S21.G00.40"):
                        p = f"salaries.{n}."
                        n += 1
                        out.update({f"{p}individu.{f}": v for f, v in individu.items() if v})
                        for code, f in CONTRAT_FIELDS.items():
                            value = _read(contract.values, code)
                            if value:
                                out[f"{p}contrat.{f}"] = value
                        for end in contract.child_blocks("S21.G00.62"):
                            out[p + "contrat.fin"] = _iso(end.values.get("S21.G00.62.001", ""))
                            out[p + "fin.motif"] = end.values.get("S21.G00.62.002", "")
                        for pension in contract.child_blocks("S21.G00.71"):
                            out[p + "contrat.retraite_complementaire"] = pension.values.get("S21.G00.71.002", "")
    out["salaries.nombre"] = str(n)
    return out


def _read(values: Mapping[str, str], code: str) -> str:
    value = values.get(code, "")
    return _iso(value) if code in _DATE_CODES else value

