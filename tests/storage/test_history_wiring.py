"""The history as storage keeps it feeds the controls across declarations, the next month's
answers and the corrections of a sent file (issue 8), on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from forms.declarations import BuildContext, build
from forms.history.corrections import CorrectionRefused
from forms.model import Etablissement
from storage.files import write_export
from storage.history import check_before_export, next_month_answers, replaced_file, start_correction
from tests.test_mensuelle import answers_for, cdi_cadre, ctp_for

REAL = BuildContext(today=date(2026, 2, 5), numero_ordre=1, test=False)


def _export(store, tmp_path: Path, etab_id: int, answers: dict[str, str], ctx: BuildContext, name: str):
    built = build("mensuelle", answers, ctx)
    assert not built.blocking
    draft = store.create_draft(etab_id, "mensuelle", built.period, answers)
    path = tmp_path / name
    write_export(path, built.data)
    file_id = store.record_file(etab_id=etab_id, draft_id=draft, path=path, data=built.data, nature=built.nature,
                                type=built.type, test=ctx.test, period=built.period, people=built.people)
    return built, file_id


@pytest.fixture
def january(store, tmp_path: Path):
    people = [cdi_cadre(0)]
    answers = answers_for(people, ctp=ctp_for(people))
    etab_id = store.save_etablissement(Etablissement(siret=answers["etablissement.siret"], raison_sociale="X"))
    built, file_id = _export(store, tmp_path, etab_id, answers, REAL, "janvier.dsn")
    return etab_id, answers, built, file_id


def test_the_same_numero_d_ordre_twice_in_a_month_is_refused_before_export(store, january) -> None:
    etab_id, answers, built, _file_id = january
    again = build("mensuelle", {**answers, "declaration.type": "01"}, REAL)
    codes = [f.control for f in check_before_export(store, etab_id, again.data)]
    assert "HIST-ORDRE" in codes
    fine = build("mensuelle", answers, dataclasses.replace(REAL, numero_ordre=2))
    assert "HIST-ORDRE" not in [f.control for f in check_before_export(store, etab_id, fine.data)]


def test_test_files_do_not_count_as_declared(store, tmp_path: Path) -> None:
    people = [cdi_cadre(0)]
    answers = answers_for(people, ctp=ctp_for(people))
    etab_id = store.save_etablissement(Etablissement(siret=answers["etablissement.siret"]))
    test_ctx = dataclasses.replace(REAL, test=True)
    built, _ = _export(store, tmp_path, etab_id, answers, test_ctx, "essai.dsn")
    assert not [f for f in check_before_export(store, etab_id, built.data) if f.blocking]


def test_a_moved_file_is_said_not_silently_ignored(store, january) -> None:
    etab_id, answers, built, file_id = january
    Path(store.get_file(file_id).path).unlink()
    findings = check_before_export(store, etab_id, built.data)
    assert [f.control for f in findings] == ["HIST-FICHIER"]


def test_the_next_month_starts_from_what_was_declared(store, january) -> None:
    etab_id, answers, _built, _ = january
    following = next_month_answers(store, etab_id)
    assert following["salaries.0.individu.nom"] == answers["salaries.0.individu.nom"]
    assert following["salaries.0.avant.individu.nom"] == answers["salaries.0.individu.nom"]
    assert not any(k.startswith("salaries.0.paie.") for k in following)  # pay is typed each month


def test_a_correction_is_prefilled_from_the_file_and_remembers_it(store, january) -> None:
    etab_id, _answers, built, file_id = january
    draft_id = start_correction(store, file_id)
    draft = store.load_draft(draft_id)
    assert draft.answers["declaration.type"] == "03"
    assert draft.answers["declaration.remplace"] == "05022026" + "1"  # S20.G00.05.007 + numéro d'ordre
    assert replaced_file(draft.answers) == file_id
    with pytest.raises(CorrectionRefused):
        start_correction(store, file_id, "cancel")  # a monthly DSN cannot be cancelled, only replaced
