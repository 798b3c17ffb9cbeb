"""`comptoir import`, `comptoir history`, `comptoir status`: results, and bad input (exit 2, nothing written)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from storage.files import write_export
from storage.store import open_store

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _cli(*args: str):
    from tui.cli import main

    return CliRunner().invoke(main, ["--lang", "en", *args])


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.dsn"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.dsn"
    blank.write_bytes(b"\n\n  \n")
    binary = tmp_path / "binary.dsn"
    binary.write_bytes(bytes(range(256)) * 20)
    png = tmp_path / "image.dsn"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    other = tmp_path / "p24.dsn"
    other.write_bytes((SAMPLES / "mensuelle-normale.dsn").read_bytes().replace(b"P26V01", b"P24V01"))
    no_decl = tmp_path / "nodecl.dsn"
    no_decl.write_bytes(b"S10.G00.00.001,'X'\nS10.G00.00.006,'P26V01'\n")
    return {"missing": tmp_path / "nope.dsn", "directory": tmp_path, "empty": empty, "blank": blank, "binary": binary,
            "png": png, "other-norm-version": other, "no-declaration": no_decl}


def test_import_bad_input_exit_2_nothing_written(home, tmp_path) -> None:
    for name, path in _bad_inputs(tmp_path).items():
        r = _cli("import", str(path))
        assert r.exit_code == 2, (name, r.output)
        assert r.output.strip() and "Traceback" not in r.output, name
        assert str(path) in r.output, name
    assert not home.exists()  # not even the data directory was made


def test_import_bad_input_leaves_an_existing_database_unchanged(home, tmp_path) -> None:
    assert _cli("import", str(SAMPLES / "mensuelle-normale.dsn")).exit_code == 0
    before = (home / "comptoir.db").read_bytes()
    for path in _bad_inputs(tmp_path).values():
        assert _cli("import", str(path)).exit_code == 2
    assert (home / "comptoir.db").read_bytes() == before


def test_import_reports_taken_updated_skipped_and_twice_changes_nothing(home) -> None:
    r = _cli("import", str(SAMPLES / "mensuelle-normale.dsn"))
    assert r.exit_code == 0, r.output
    assert "Taken (5)" in r.output and "BERNARD JULIEN" in r.output
    r = _cli("import", "--json", str(SAMPLES / "mensuelle-normale.dsn"))
    result = json.loads(r.output)
    assert result["taken"] == [] and result["updated"] == [] and len(result["skipped"]) == 5
    r = _cli("import", str(SAMPLES / "fctu.dsn"))
    assert "Updated (2)" in r.output and "CDD2026-0001" in r.output
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "comptoir.db").stat().st_mode) == 0o600


def _recorded(home: Path) -> None:
    store = open_store()
    e = store.save_etablissement(__import__("forms.model", fromlist=["Etablissement"]).Etablissement(siret="83214562700010"))
    for nature, period, people, status in (
        ("01", "2026-01", [("1850369383045", "BERNARD Julien"), ("2980744109012", "MOREAU Camille")], "depose"),
        ("07", "2026-03", [("2980744109012", "MOREAU Camille")], "exporte"),
        ("DPAE", "2026-01-05", [("2980744109012", "MOREAU Camille")], "controle"),
    ):
        store.record_file(etab_id=e, draft_id=None, path=f"/x/{nature}.dsn", data=nature.encode(), nature=nature, type="01",
                          test=False, period=period, people=people, status=status)
    store.close()


def test_history_filters(home) -> None:
    _recorded(home)
    def natures(*args: str) -> list[str]:
        r = _cli("history", "--json", *args)
        assert r.exit_code == 0, r.output
        return [f["nature"] for f in json.loads(r.output)]

    assert natures() == ["DPAE", "07", "01"]
    assert natures("--nature", "01") == ["01"]
    assert natures("--who", "bernard") == ["01"]
    assert natures("--who", "2980744109012") == ["DPAE", "07", "01"]
    assert natures("--month", "2026-01") == ["DPAE", "01"]
    assert natures("--month", "01/2026") == ["DPAE", "01"]
    assert natures("--status", "exporte") == ["07"]
    assert natures("--who", "moreau", "--month", "2026-03") == ["07"]
    r = _cli("history")
    assert r.exit_code == 0 and "MOREAU Camille" in r.output and "filed" in r.output


def test_the_user_sets_a_file_status_once_it_is_filed(home) -> None:
    _recorded(home)
    r = _cli("status", "2")
    assert r.exit_code == 0 and r.output.strip() == "#2 /x/07.dsn — exported"
    r = _cli("status", "2", "depose")
    assert r.exit_code == 0 and r.output.strip() == "#2 /x/07.dsn — filed"
    r = _cli("history", "--json", "--status", "depose")
    assert sorted(f["nature"] for f in json.loads(r.output)) == ["01", "07"]
    r = _cli("status", "99", "depose")
    assert r.exit_code == 1 and "No produced file number 99" in r.output
    r = _cli("status", "2", "perdu")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert _cli("status", "2").output.strip().endswith("— filed")  # nothing changed by the refusals


@pytest.mark.parametrize("args", [["--month", "2026-13"], ["--month", "janvier"], ["--status", "perdu"]])
def test_history_bad_input_exit_2(home, args) -> None:
    r = _cli("history", *args)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert not home.exists()


def test_history_without_database_creates_nothing(home) -> None:
    r = _cli("history")
    assert r.exit_code == 0 and "No produced file" in r.output
    assert not home.exists()


def test_write_export_is_atomic_and_private(tmp_path) -> None:
    target = tmp_path / "out.dsn"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    digest = write_export(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert digest == __import__("hashlib").sha256(b"new content").hexdigest()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.dsn"]  # no temporary file left
    from storage.errors import StorageError

    with pytest.raises(StorageError) as err:
        write_export(tmp_path / "missing-dir" / "x.dsn", b"x")
    assert "missing-dir" in err.value.message


def test_database_wal_and_directory_modes(home) -> None:
    store = open_store()
    d = store.create_draft(None, "dpae")
    store.save_answer(d, "a", "1")
    files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in home.iterdir()}
    assert files == {"comptoir.db": 0o600, "comptoir.db-wal": 0o600, "comptoir.db-shm": 0o600}
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    store.close()


def test_default_location_is_the_user_data_directory(monkeypatch, tmp_path) -> None:
    from storage import paths

    monkeypatch.delenv("COMPTOIR_HOME", raising=False)
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.database_url() == "sqlite:///" + str(tmp_path / "xdg" / "comptoir" / "comptoir.db")
    monkeypatch.setenv("COMPTOIR_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/db")
    assert paths.database_url() == "postgresql+psycopg://u@127.0.0.1/db"


def test_unreachable_postgresql_is_said_without_the_password(monkeypatch) -> None:
    import socket

    from storage.errors import StorageError

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StorageError) as err:
        open_store(f"postgresql+psycopg://comptoir:s3cr3t-pw@127.0.0.1:{port}/x", busy_timeout_ms=1000)
    assert err.value.kind == "unreachable"
    assert "s3cr3t-pw" not in err.value.message and "COMPTOIR_DATABASE_URL" in err.value.message
