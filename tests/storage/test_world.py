"""A hire entered once serves what follows (issue 4): each real file recorded teaches the
establishment's people and contracts, and a new declaration starts from them — on SQLite
and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

from forms.declarations import BuildContext, build
from forms.history.known import DECLARED_SIRET, employee_answers
from forms.model import Contrat, Etablissement, Individu
from storage.files import write_export
from storage.history import next_month_answers
from storage.world import known_employees
from tests.test_mensuelle import ETAB, answers_for, cdi_cadre, ctp_for

REAL = BuildContext(today=date(2026, 2, 5), numero_ordre=1, test=False)
HIRE = Individu(nir="2850375123456", nom="DURAND", prenoms="LISE", sexe="02", naissance_date="1985-03-12")


def _record(store, tmp_path: Path, etab_id: int, kind: str, answers: dict[str, str], ctx: BuildContext, name: str) -> None:
    built = build(kind, answers, ctx)
    assert not built.blocking, [f.message for f in built.report.findings if f.blocking] if built.report else built
    draft = store.create_draft(etab_id, kind, built.period, answers)
    write_export(tmp_path / name, built.data)
    store.record_file(etab_id=etab_id, draft_id=draft, path=tmp_path / name, data=built.data, nature=built.nature,
                      type=built.type, test=ctx.test, period=built.period, people=built.people)


def _dpae_answers() -> dict[str, str]:
    example = json.loads((Path(__file__).resolve().parents[2] / "docs" / "answers" / "dpae.json").read_text())
    return example["answers"]


def _monthly(store, tmp_path: Path) -> int:
    people = [cdi_cadre(0)]
    answers = answers_for(people, ctp=ctp_for(people))
    etab_id = store.save_etablissement(Etablissement.from_answers(ETAB, "etablissement."))
    _record(store, tmp_path, etab_id, "mensuelle", answers, REAL, "janvier.dsn")
    return etab_id


def test_a_real_monthly_teaches_its_people_and_a_test_file_nothing(store, tmp_path: Path) -> None:
    people = [cdi_cadre(0)]
    answers = answers_for(people, ctp=ctp_for(people))
    etab_id = store.save_etablissement(Etablissement.from_answers(ETAB, "etablissement."))
    _record(store, tmp_path, etab_id, "mensuelle", answers, dataclasses.replace(REAL, test=True), "essai.dsn")
    assert known_employees(store, etab_id) == []
    _record(store, tmp_path, etab_id, "mensuelle", answers, REAL, "janvier.dsn")
    (known,) = known_employees(store, etab_id)
    assert known.individu.nir == answers["salaries.0.individu.nir"] and known.contrat.numero == "CDI2019-0007"
    assert known.siret == ETAB["etablissement.siret"] and known.active


def test_a_real_dpae_teaches_its_hire(store, tmp_path: Path) -> None:
    etab_id = store.save_etablissement(Etablissement.from_answers(ETAB, "etablissement."))
    _record(store, tmp_path, etab_id, "dpae", _dpae_answers(), dataclasses.replace(REAL, today=date(2026, 1, 2)), "dpae.xml")
    (known,) = known_employees(store, etab_id)
    assert (known.individu.nom, known.individu.nir) == ("MOREAU", "2980744109012")
    assert (known.contrat.debut, known.contrat.nature, known.contrat.numero) == ("2026-01-05", "02", "")


def test_the_next_monthly_adds_who_was_hired_since_without_change_blocks(store, tmp_path: Path) -> None:
    etab_id = _monthly(store, tmp_path)
    person_id = store.save_individu(etab_id, HIRE)  # a DPAE made in February (as it records it)
    store.save_contrat(person_id, Contrat(debut="2026-02-16", nature="01"))
    following = next_month_answers(store, etab_id)
    assert following["salaries.nombre"] == "2"
    assert following["salaries.0.avant.individu.nom"] == "BERNARD"  # carried, with what was declared
    assert following["salaries.1.individu.nom"] == "DURAND" and following["salaries.1.contrat.debut"] == "2026-02-16"
    assert not [k for k in following if k.startswith("salaries.1.") and ".avant." in k]  # nothing declared for her yet


def test_the_first_monthly_starts_from_the_hires(store, tmp_path: Path) -> None:
    etab_id = store.save_etablissement(Etablissement.from_answers(ETAB, "etablissement."))
    assert next_month_answers(store, etab_id) == {}
    person_id = store.save_individu(etab_id, HIRE)
    store.save_contrat(person_id, Contrat(debut="2026-01-05", nature="01"))
    first = next_month_answers(store, etab_id)
    assert first["etablissement.siret"] == ETAB["etablissement.siret"]
    assert first["salaries.nombre"] == "1" and first["salaries.0.individu.prenoms"] == "LISE"


def test_a_real_fctu_ends_the_contract_it_declares(store, tmp_path: Path) -> None:
    from tests.test_events import FCTU_SCENARIOS, end_of_cdd

    etab_id = store.save_etablissement(Etablissement(siret="83214562700010", raison_sociale="ATELIER"))
    person_id = store.save_individu(etab_id, Individu.from_answers(end_of_cdd(), "individu."))
    store.save_contrat(person_id, Contrat.from_answers(end_of_cdd(), "contrat."))
    assert known_employees(store, etab_id)[0].active
    ctx = dataclasses.replace(REAL, today=FCTU_SCENARIOS["end-of-cdd-part-time"][1])
    _record(store, tmp_path, etab_id, "fctu", end_of_cdd(), ctx, "fctu.dsn")
    (known,) = known_employees(store, etab_id)
    assert known.contrat.fin == "2026-03-31" and not known.active


def test_people_of_the_company_other_establishments_carry_the_siret_that_declared_them(store) -> None:
    a = store.save_etablissement(Etablissement(siret="83214562700010", raison_sociale="SIEGE"))
    b = store.save_etablissement(Etablissement(siret="83214562700028", raison_sociale="ATELIER"))
    elsewhere = store.save_etablissement(Etablissement(siret="73282932000074", raison_sociale="AUTRE"))
    store.save_contrat(store.save_individu(a, HIRE), Contrat(numero="CDI2026-0001", debut="2026-01-05"))
    store.save_individu(elsewhere, Individu(nir="1790175123456", nom="AUTRE"))
    (known,) = known_employees(store, b)
    assert known.individu.nom == "DURAND" and known.siret == "83214562700010"
    assert employee_answers(known)[DECLARED_SIRET] == "83214562700010"


def test_a_signal_offers_each_running_contract_and_the_monthly_one_person(store) -> None:
    """Two running contracts of one person: a signal offers both (it is about one of them),
    each filling its own number; the monthly still starts from one entry per person."""
    etab_id = store.save_etablissement(Etablissement(siret="83214562700010", raison_sociale="ATELIER"))
    lise = store.save_individu(etab_id, HIRE)
    store.save_contrat(lise, Contrat(numero="CDD2026-0001", debut="2026-01-05", nature="02"))
    store.save_contrat(lise, Contrat(numero="CDD2026-0002", debut="2026-02-02", nature="02"))
    store.save_contrat(lise, Contrat(numero="CDD2025-0009", debut="2025-01-06", fin="2025-06-30"))
    offered = known_employees(store, etab_id, each_contract=True)
    assert [k.contrat.numero for k in offered] == ["CDD2026-0001", "CDD2026-0002"]
    assert len({k.label() for k in offered}) == 2  # told apart in the list
    assert employee_answers(offered[1])["contrat.numero"] == "CDD2026-0002"
    (one,) = known_employees(store, etab_id)
    assert one.contrat.numero == "CDD2026-0002"
