"""The Store API, on SQLite and on a real PostgreSQL server (every test runs on both)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from forms.dsn.document import parse_document
from forms.model import Contrat, Etablissement, Individu
from storage.errors import StorageError
from storage.records import Draft, ProducedFile

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SIRET = "83214562700010"
NIR = "1850369383045"


def _etab(store, siret: str = SIRET, name: str = "ATELIER") -> int:
    return store.save_etablissement(Etablissement(siret=siret, raison_sociale=name))


def test_etablissements_several_unique_by_siret(store) -> None:
    a = _etab(store)
    b = _etab(store, "84217593700015", "MARTIN")
    assert a != b
    assert _etab(store, SIRET, "ATELIER RENOMME") == a  # same SIRET: the same establishment
    listed = dict(store.list_etablissements())
    assert set(listed) == {a, b}
    assert listed[a].raison_sociale == "ATELIER RENOMME"
    assert isinstance(listed[a], Etablissement)
    store.save_etablissement(Etablissement(siret=SIRET, raison_sociale="X", idcc="1486"), id=a)
    assert store.get_etablissement(a).idcc == "1486"
    with pytest.raises(StorageError):
        store.save_etablissement(Etablissement(siret="1"), id=9999)


def test_individus_upsert_by_nir_then_ntt_then_name_and_birth(store) -> None:
    e = _etab(store)
    by_name = store.save_individu(e, Individu(nom="BERNARD", prenoms="JULIEN", naissance_date="1985-03-14"))
    # The NIR becomes known: the same person, now found by NIR.
    assert store.save_individu(e, Individu(nir=NIR, nom="BERNARD", prenoms="JULIEN", naissance_date="1985-03-14")) == by_name
    assert store.save_individu(e, Individu(nir=NIR, nom="BERNARD", prenoms="JULIEN", voie="1 RUE X")) == by_name
    ntt = store.save_individu(e, Individu(ntt="12345678901", nom="DOE"))
    assert store.save_individu(e, Individu(ntt="12345678901", nom="DOE", prenoms="JOHN")) == ntt
    people = dict(store.list_individus(e))
    assert set(people) == {by_name, ntt}
    assert people[by_name].voie == "1 RUE X" and people[by_name].naissance_date == ""  # a save replaces
    other = _etab(store, "84217593700015")
    assert store.save_individu(other, Individu(nir=NIR, nom="BERNARD")) != by_name  # per establishment


def test_contrats_upsert_by_number(store) -> None:
    e = _etab(store)
    p = store.save_individu(e, Individu(nir=NIR, nom="BERNARD"))
    c1 = store.save_contrat(p, Contrat(numero="CDI-1", debut="2019-09-01"))
    assert store.save_contrat(p, Contrat(numero="CDI-1", debut="2019-09-01", fin="2026-03-31")) == c1
    c2 = store.save_contrat(p, Contrat(numero="CDD-2", debut="2026-01-05"))
    assert [(i, c.numero, c.fin) for i, c in store.list_contrats(p)] == [(c1, "CDI-1", "2026-03-31"), (c2, "CDD-2", "")]


def test_autosave_and_reopen_returns_to_last_answer_and_step(store_url) -> None:
    from storage.store import open_store

    s = open_store(store_url)
    e = _etab(s)
    d = s.create_draft(e, "mensuelle", "2026-01", {"etablissement.siret": SIRET})
    s.save_answer(d, "salaries.0.nom", "BERNARD", step=1, position="salaries.0.nom")
    s.save_answer(d, "salaries.0.brut", "5397.0", valid=False, step=2, position="salaries.0.brut")
    s.save_answer(d, "salaries.0.brut", "5397.00", step=2, position="salaries.0.brut")
    s.save_answer(d, "salaries.1.nom", "MOREAU", valid=False, step=3, position="salaries.1.nom")
    s.save_answer(d, "etablissement.siret", None, step=3, position="salaries.1.prenoms")
    s.close()
    again = open_store(store_url)
    draft = again.load_draft(d)
    assert isinstance(draft, Draft)
    assert draft.answers == {"salaries.0.nom": "BERNARD", "salaries.0.brut": "5397.00", "salaries.1.nom": "MOREAU"}
    assert (draft.step, draft.position, draft.kind, draft.period, draft.etab_id) == (3, "salaries.1.prenoms", "mensuelle", "2026-01", e)
    assert draft.invalid == {"salaries.1.nom"}
    history = again.answer_history(d, "salaries.0.brut")
    assert [(v, ok) for _k, v, ok, _at in history] == [("5397.0", False), ("5397.00", True)]
    assert [v for k, v, *_ in again.answer_history(d) if k == "etablissement.siret"] == [SIRET, None]
    again.save_position(d, 4, "recap")
    assert again.load_draft(d).step == 4
    again.close()


def test_drafts_list_state_delete(store) -> None:
    e = _etab(store)
    d1 = store.create_draft(e, "dpae")
    d2 = store.create_draft(None, "mensuelle", "2026-02")
    store.set_draft_state(d1, "valide")
    assert {d.id for d in store.list_drafts()} == {d1, d2}
    assert [d.id for d in store.list_drafts(etab_id=e)] == [d1]
    assert [d.id for d in store.list_drafts(state="valide")] == [d1]
    with pytest.raises(StorageError):
        store.set_draft_state(d1, "nonsense")
    store.delete_draft(d1)
    with pytest.raises(StorageError) as err:
        store.load_draft(d1)
    assert err.value.kind == "notfound"
    with pytest.raises(StorageError):
        store.save_answer(d1, "a", "b")
    assert store.pending() == {}


def test_produced_files_search_and_status(store) -> None:
    e = _etab(store)
    d = store.create_draft(e, "mensuelle", "2026-01")
    f1 = store.record_file(
        etab_id=e, draft_id=d, path="/x/jan.dsn", data=b"S10", nature="01", type="01", test=False, period="2026-01",
        people=[(NIR, "BERNARD Julien"), ("2980744109012", "MOREAU Camille Élise")],
    )
    f2 = store.record_file(
        etab_id=e, draft_id=None, path="/x/jan2.dsn", data=b"S10bis", nature="01", type="03", test=True, period="2026-01",
        people=[(NIR, "BERNARD Julien")], replaces=f1,
    )
    f3 = store.record_file(
        etab_id=e, draft_id=None, path="/x/fctu.dsn", data=b"S10ter", nature="07", type="01", test=False, period="2026-03",
        people=[("2980744109012", "MOREAU Camille Élise")],
    )
    got = store.get_file(f1)
    assert isinstance(got, ProducedFile) and got.status == "exporte" and got.size == 3
    assert got.sha256 == "2e9f3b3ff4f8e0e1a2e4b4b6e0c2f6e1"[:0] + __import__("hashlib").sha256(b"S10").hexdigest()
    assert store.get_file(f2).replaces == f1
    ids = lambda files: [f.id for f in files]  # noqa: E731
    assert ids(store.search_files()) == [f3, f2, f1]
    assert ids(store.search_files(nature="07")) == [f3]
    assert ids(store.search_files(month="2026-01")) == [f2, f1]
    assert ids(store.search_files(who="moreau")) == [f3, f1]
    assert ids(store.search_files(who="camille elise")) == [f3, f1]  # accents and case do not matter
    assert ids(store.search_files(who="1 85 03")) == [f2, f1]  # NIR, with spaces, or its start
    assert ids(store.search_files(who=NIR, nature="01", month="2026-01")) == [f2, f1]
    store.set_file_status(f1, "depose")
    assert ids(store.search_files(status="depose")) == [f1]
    with pytest.raises(StorageError):
        store.set_file_status(f1, "perdu")
    assert store.get_file(99999) is None


def test_next_sequence_is_monotonic_per_establishment_and_name(store) -> None:
    e = _etab(store)
    assert [store.next_sequence(e, "ordre-01") for _ in range(3)] == [1, 2, 3]
    assert store.next_sequence(e, "ordre-07") == 1
    assert store.next_sequence(None, "identifiant") == 1
    assert store.next_sequence(_etab(store, "84217593700015"), "ordre-01") == 1
    assert store.next_sequence(e, "ordre-01") == 4


def test_audit_trail_records_changes(store) -> None:
    e = _etab(store)
    store.save_etablissement(Etablissement(siret=SIRET, raison_sociale="AUTRE"))
    actions = [(a["entity"], a["action"], a["detail"]) for a in store.audit_trail("etablissement", e)]
    assert actions == [("etablissement", "create", ""), ("etablissement", "update", "raison_sociale")]


def test_records_are_plain_copies(store) -> None:
    e = _etab(store)
    (_, etab), = store.list_etablissements()
    assert dataclasses.is_dataclass(etab) and not hasattr(etab, "_sa_instance_state")
    d = store.create_draft(e, "dpae")
    draft = store.load_draft(d)
    draft.answers["x"] = "changed in memory"
    assert store.load_draft(d).answers == {}


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.dsn")))
def test_import_samples_twice_changes_nothing(store, name) -> None:
    from storage.importer import import_document

    doc = parse_document((SAMPLES / name).read_bytes())
    first = import_document(store, doc)
    assert first.taken and not first.updated
    counts = store.counts()
    trail = len(store.audit_trail())
    second = import_document(store, doc)
    assert not second.taken and not second.updated and second.skipped
    assert store.counts() == counts
    assert len(store.audit_trail()) == trail + 1  # only the import itself is noted


def test_import_completes_and_updates(store) -> None:
    from storage.importer import import_document

    import_document(store, parse_document((SAMPLES / "mensuelle-normale.dsn").read_bytes()))
    (etab_id, etab), = store.list_etablissements()
    assert etab.siret == SIRET and etab.raison_sociale == "ATELIER NUMERIQUE DU MARAIS"
    assert etab.urssaf_siret == "78861779300013" and etab.idcc == "1486"
    people = {p.nir: (i, p) for i, p in store.list_individus(etab_id)}
    assert set(people) == {NIR, "2980744109012"}
    assert people[NIR][1].naissance_date == "1985-03-14"
    contrats = store.list_contrats(people["2980744109012"][0])
    assert [(c.numero, c.debut, c.fin) for _i, c in contrats] == [("CDD2026-0001", "2026-01-05", "")]
    # A later file tells the end of the CDD: the contract is updated, nothing else lost.
    later = import_document(store, parse_document((SAMPLES / "fctu.dsn").read_bytes()))
    assert any("CDD2026-0001" in u for u in later.updated)
    (_i, c), = store.list_contrats(people["2980744109012"][0])
    assert c.fin == "2026-03-31" and c.retraite_complementaire == "RUAA"
    assert store.get_etablissement(etab_id).urssaf_siret == "78861779300013"  # kept: fctu has none
