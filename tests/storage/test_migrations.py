"""Schema versions: a database of an older schema opens in the current code with every row."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

import storage
from storage.models import metadata
from storage.store import HEAD, KNOWN_REVISIONS, open_store

DATA = Path(__file__).resolve().parent.parent / "data"
STORED = DATA / "comptoir-schema-0001.db"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(storage.__file__).parent / "migrations"))
    return cfg


def _rows() -> dict:
    spec = importlib.util.spec_from_file_location("make_db", DATA / "make_schema_0001_db.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.ROWS


def test_head_is_alembics_head() -> None:
    script = ScriptDirectory.from_config(_config())
    assert script.get_current_head() == HEAD
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(KNOWN_REVISIONS)


def test_models_match_the_migrated_schema(store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), metadata)
    assert diff == []


def _check_first_schema_rows(store) -> None:
    assert store.revision() == HEAD
    etabs = dict(store.list_etablissements())
    assert {e.siret for e in etabs.values()} == {"83214562700010", "84217593700015"}
    assert etabs[1].idcc == "1486"
    people = dict(store.list_individus(1))
    assert {p.nom for p in people.values()} == {"BERNARD", "MOREAU"}
    assert [c.numero for _i, c in store.list_contrats(1)] == ["CDI2019-0007"]
    draft = store.load_draft(1)
    assert draft.answers == {"salaries.0.nom": "BERNARD", "salaries.0.brut": "5397.00", "salaries.1.nom": "Mor"}
    assert (draft.step, draft.position, draft.invalid) == (3, "salaries.0.nom", {"salaries.1.nom"})
    assert len(store.answer_history(1)) == 3
    (f,) = store.search_files(status="depose")
    assert (f.path, f.nature, f.period, f.people) == (
        "/home/paie/dsn-2025-12.dsn", "01", "2025-12", [("1850369383045", "BERNARD Julien"), ("2980744109012", "MOREAU Camille Élise")]
    )
    # 0002 filled in the name search key of the rows it found.
    assert [x.id for x in store.search_files(who="camille elise")] == [1]
    assert store.next_sequence(1, "ordre-01") == 1  # 0002's table
    assert len(store.audit_trail()) == 1
    # And the store goes on working on it.
    store.save_answer(1, "salaries.1.nom", "MOREAU", step=4, position="salaries.1.prenoms")
    assert store.load_draft(1).answers["salaries.1.nom"] == "MOREAU"


def test_stored_first_schema_database_opens_with_every_row(tmp_path) -> None:
    before = hashlib.sha256(STORED.read_bytes()).hexdigest()
    copy = tmp_path / "comptoir.db"
    shutil.copyfile(STORED, copy)
    store = open_store("sqlite:///" + str(copy))
    try:
        _check_first_schema_rows(store)
        assert store.integrity_check() == "ok"
    finally:
        store.close()
    assert hashlib.sha256(STORED.read_bytes()).hexdigest() == before


def test_first_schema_rows_survive_the_upgrade_on_both_databases(store_url) -> None:
    if store_url.startswith("sqlite:///"):
        Path(store_url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(store_url)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        for table, rows in _rows().items():
            for row in rows:
                marks = ", ".join(f":p{i}" for i in range(len(row)))
                values = {f"p{i}": (bool(v) if table in ("answer", "answer_history") and i == (3 if table == "answer" else 4) else v) for i, v in enumerate(row)}
                if table == "produced_file":
                    values["p8"] = bool(values["p8"])
                conn.execute(text(f"INSERT INTO {table} VALUES ({marks})"), values)
        if engine.dialect.name == "postgresql":  # the rows above gave their ids
            for table in ("etablissement", "individu", "contrat", "draft", "answer_history", "produced_file", "file_person", "audit"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    engine.dispose()
    store = open_store(store_url)
    try:
        _check_first_schema_rows(store)
    finally:
        store.close()
