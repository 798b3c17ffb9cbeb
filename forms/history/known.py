"""The employees Comptoir already knows, as the answers a new declaration starts from.

A hire typed once (DPAE, a monthly DSN, an imported file) is kept by `storage` as an
`Individu` and its `Contrat`s. When the user starts an arrêt, a reprise or a FCTU, they pick
the employee instead of typing them again: `employee_answers` turns the pick into the
form's `individu.*` and `contrat.*` answers, plus two facts (kept by
`FormSession.effective_answers`, which keeps every key holding `.avant.`): the SIRET and
the contract number the contract was last declared under. The FCTU compares them with the
current ones to write S21.G00.45 (`contract_declared_before`).

`new_hires` gives, for the next monthly DSN, the employees hired since the last one (a DPAE
made in between), as monthly answers without the `.avant.` facts: nothing was declared for
them yet, so no change block can follow.

Pure: the caller (storage) reads the records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from forms.i18n import _
from forms.model import Contrat, Individu, World
from forms.values import show_date

DECLARED_SIRET = "connu.avant.siret"    # SIRET the contract was last declared under
DECLARED_NUMBER = "connu.avant.numero"  # contract number it was last declared with


@dataclass(frozen=True)
class KnownEmployee:
    individu: Individu
    contrat: Contrat
    siret: str = ""  # the establishment whose records hold them (the one that declared them)

    @property
    def key(self) -> str:
        return World.person_key(self.individu)

    @property
    def active(self) -> bool:
        return not self.contrat.fin

    def label(self) -> str:
        """One line a person reads in a list: name, contract, since when (and until when)."""
        parts = [self.individu.display_name or "?"]
        if self.contrat.numero:
            parts.append(_("contract {number}").format(number=self.contrat.numero))
        if self.contrat.debut:
            parts.append(_("since {date}").format(date=show_date(self.contrat.debut)))
        if self.contrat.fin:
            parts.append(_("ended on {date}").format(date=show_date(self.contrat.fin)))
        return " — ".join(parts)


def latest_contract(contracts: Iterable[Contrat]) -> Contrat:
    """The contract a new declaration is about: a running one before an ended one, the latest
    start first; of two records of one start, the one with a number (a DPAE has none)."""
    ranked = sorted(contracts, key=lambda c: (not c.fin, c.debut, bool(c.numero)), reverse=True)
    return ranked[0] if ranked else Contrat()


def contracts_to_offer(contracts: Iterable[Contrat]) -> list[Contrat]:
    """The contracts a signal may be about, one entry each: every running contract (an
    employee may hold several, such as two part-time CDDs), its DPAE record dropped when a
    record of the same start has a number; the latest contract when none is running."""
    found = list(contracts)
    running = [c for c in found if not c.fin]
    numbered = {c.debut for c in running if c.numero}
    offered = [c for c in running if c.numero or c.debut not in numbered]
    kept: dict[tuple[str, str], Contrat] = {}
    for c in offered:
        kept.setdefault((c.debut, c.numero), c)
    if len(kept) <= 1:
        return [latest_contract(found)] if found else []
    return sorted(kept.values(), key=lambda c: (c.debut, c.numero))


def ordered(employees: Iterable[KnownEmployee]) -> list[KnownEmployee]:
    """Running contracts first, then by name."""
    return sorted(employees, key=lambda k: (not k.active, k.individu.nom, k.individu.prenoms, k.contrat.debut))


def employee_answers(known: KnownEmployee, prefix: str = "", declared: bool = True) -> dict[str, str]:
    """The answers of a picked employee: identity, contract, and (`declared`) what they were
    declared under."""
    out = known.individu.to_answers(prefix + "individu.")
    contract = known.contrat.to_answers(prefix + "contrat.")
    contract.pop(prefix + "contrat.fin", None)  # the end is what a FCTU declares, not a given
    out.update(contract)
    if not declared:
        return out
    if known.siret:
        out[prefix + DECLARED_SIRET] = known.siret
    if known.contrat.numero:
        out[prefix + DECLARED_NUMBER] = known.contrat.numero
    return out


def contract_declared_before(answers: Mapping[str, str], siret: str, numero: str) -> dict[str, str]:
    """S21.G00.45 values when the contract was declared under another SIRET or number than
    the one this file carries (CT2026: "lorsque le contrat a été déclaré dans la dernière DSN
    mensuelle sous un autre SIRET employeur ou avec un numéro de contrat différent"); empty
    otherwise. Both rubriques are given: together they name the contract as declared."""
    old_siret = answers.get(DECLARED_SIRET, "")
    old_number = answers.get(DECLARED_NUMBER, "")
    if (old_siret and old_siret != siret) or (old_number and old_number != numero):
        return {"S21.G00.45.001": old_siret, "S21.G00.45.002": old_number}
    return {}


def with_new_hires(answers: Mapping[str, str], known: Iterable[KnownEmployee], after: str) -> dict[str, str]:
    """A monthly's answers with the employees hired since (`new_hires`) added as employees."""
    out = dict(answers)
    n = int(out.get("salaries.nombre", "0") or 0)
    for hire in new_hires(known, answers, after):
        out.update(employee_answers(hire, f"salaries.{n}.", declared=False))
        n += 1
    out["salaries.nombre"] = str(n)
    return out


def new_hires(known: Iterable[KnownEmployee], present: Mapping[str, str], after: str) -> list[KnownEmployee]:
    """Employees with a running contract that started after `after` (ISO date; "" for all)
    and who are not already among the answers `present` (a monthly's `salaries.N.individu.*`)."""
    count = int(present.get("salaries.nombre", "0") or 0)
    there = {World.person_key(Individu.from_answers(dict(present), f"salaries.{i}.individu.")) for i in range(count)}
    return [k for k in known if k.active and k.key not in there and (not after or k.contrat.debut > after)]
