"""`comptoir import FILE.dsn`: persist what `forms.dsn_import` read from a DSN file.

The whole import is one transaction: it all lands or nothing does. Records already known are
completed (a field the file gives replaces the stored one; a field it leaves empty keeps the
stored value), so importing the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.dsn.document import Document
from forms.dsn_import import map_document
from forms.i18n import _
from forms.model import World
from storage.store import Store


@dataclass
class ImportReport:
    taken: list[str] = field(default_factory=list)  # created
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already known as they are, or unusable
    etab_ids: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"taken": self.taken, "updated": self.updated, "skipped": self.skipped}


def import_document(store: Store, doc: Document) -> ImportReport:
    report = ImportReport()
    worlds = map_document(doc)
    with store.write() as conn:
        for world in worlds:
            _import_world(store, conn, world, report)
        if worlds:
            store._audit(conn, "import", None, "dsn", f"{len(report.taken)}/{len(report.updated)}/{len(report.skipped)}")
    return report


def _put(report: ImportReport, outcome: str, label: str) -> None:
    if outcome == "created":
        report.taken.append(label)
    elif outcome == "updated":
        report.updated.append(label)
    else:
        report.skipped.append(label + " — " + _("already known, unchanged"))


def _import_world(store: Store, conn, world: World, report: ImportReport) -> None:  # type: ignore[no-untyped-def]
    e = world.etablissement
    label = _("establishment {siret} {name}").format(siret=e.siret, name=e.raison_sociale).strip()
    if len(e.siret) != 14:
        report.skipped.append(label + " — " + _("no SIRET in the file"))
        return
    etab_id, outcome = store._upsert_etab(conn, e, merge=True)
    report.etab_ids.append(etab_id)
    _put(report, outcome, label)
    import_people(store, conn, etab_id, world, report)


def import_people(store: Store, conn, etab_id: int, world: World, report: ImportReport) -> None:  # type: ignore[no-untyped-def]
    """The world's people and their contracts under the establishment `etab_id`, completed
    when already known (also what an export remembers, `storage.world`)."""
    for person in world.individus:
        who = _("person {name}").format(name=person.display_name or "?")
        if not (person.nir or person.ntt or (person.nom and person.naissance_date)):
            report.skipped.append(who + " — " + _("neither NIR, NTT nor name and birth date"))
            continue
        individu_id, outcome = store._upsert_individu(conn, etab_id, person, merge=True)
        _put(report, outcome, who)
        for contrat in world.contrats.get(World.person_key(person), []):
            what = _("contract {number} of {name}").format(number=contrat.numero or contrat.debut, name=person.display_name)
            if not (contrat.numero or contrat.debut):
                report.skipped.append(what + " — " + _("neither number nor start date"))
                continue
            _cid, outcome = store._upsert_contrat(conn, individu_id, contrat, merge=True)
            _put(report, outcome, what)
