"""The employer's world kept by what Comptoir exports, and read back as known employees.

Every real file recorded (`Store.record_file`) completes the establishment's people and
contracts, as an import does (`storage.importer.import_people`): a DSN from its own lines, a
DPAE from the hires of its draft. A test file teaches nothing: it was not declared.
`known_employees` reads them back for a new declaration (`forms.history.known`), with the
people of the company's other establishments, whose records carry the SIRET that declared
them (a transfer not yet declared gives the FCTU its S21.G00.45).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forms.history.known import KnownEmployee, contracts_to_offer, latest_contract, ordered
from forms.model import Contrat, World


def worlds_of_export(nature: str, data: bytes, answers: Mapping[str, str] | None) -> list[World]:
    """What an exported file says of people and contracts."""
    if nature == "DPAE":
        from forms.declarations.dpae import hires_of

        world = World()
        for person, contract in hires_of(dict(answers or {})):
            world.individus.append(person)
            world.contrats.setdefault(World.person_key(person), []).append(contract)
        return [world]
    from forms.dsn_import import from_dsn

    return from_dsn(data)


def remember(store: Any, conn: Any, etab_id: int, worlds: list[World]) -> None:
    """Complete the establishment's people and contracts (inside the caller's transaction)."""
    from storage.importer import ImportReport, import_people

    report = ImportReport()  # what changed is in the audit log; the export says nothing of it
    for world in worlds:
        import_people(store, conn, etab_id, world, report)


def known_employees(store: Any, etab_id: int, *, each_contract: bool = False) -> list[KnownEmployee]:
    """The employees a new declaration of `etab_id` can start from: its own, then those of
    the company's other establishments; running contracts first. One entry per person (their
    latest contract), or with `each_contract` (a signal is about one contract) one per
    running contract of a person who holds several (`contracts_to_offer`)."""
    etabs = dict(store.list_etablissements())
    here = etabs.get(etab_id)
    if here is None:
        return []
    found: dict[str, list[KnownEmployee]] = {}
    others = [i for i, e in etabs.items() if i != etab_id and e.siren == here.siren]
    for eid in [etab_id, *others]:
        for individu_id, person in store.list_individus(eid):
            contracts: list[Contrat] = [c for _cid, c in store.list_contrats(individu_id)]
            chosen = contracts_to_offer(contracts) if each_contract else [latest_contract(contracts)]
            entries = [KnownEmployee(person, c, etabs[eid].siret) for c in chosen or [Contrat()]]
            mine = found.get(entries[0].key)
            if mine is None or (not any(k.active for k in mine) and any(k.active for k in entries)):
                found[entries[0].key] = entries
    return ordered(k for entries in found.values() for k in entries)
