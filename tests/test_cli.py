"""The `comptoir` command line: exit codes, JSON shape, language, --help everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.dsnkit import minimal_monthly_bytes
from tui.cli import main

VALID = minimal_monthly_bytes()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.dsn"
    good.write_bytes(VALID)
    bad = tmp_path / "bad.dsn"
    bad.write_bytes(VALID.replace(b"S20.G00.05.007,'05022026'", b"S20.G00.05.007,'31022026'"))
    return {"good": good, "bad": bad, "dir": tmp_path, "missing": tmp_path / "nope.dsn"}


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_validate_exit_codes(files: dict[str, Path]) -> None:
    assert run("validate", str(files["good"])).exit_code == 0
    assert run("validate", str(files["bad"])).exit_code == 1
    assert run("validate", str(files["missing"])).exit_code == 2
    assert run("validate", str(files["dir"])).exit_code == 2
    assert run("validate", str(files["good"]), str(files["missing"])).exit_code == 2


def test_validate_json_shape(files: dict[str, Path]) -> None:
    result = run("validate", "--json", str(files["bad"]))
    data = json.loads(result.output)
    [entry] = data["files"]
    assert entry["path"] == str(files["bad"])
    [finding] = [f for f in entry["findings"] if f["rubrique"] == "S20.G00.05.007"]
    assert set(finding) >= {"line", "rubrique", "label", "control", "severity", "blocking", "message"}
    assert finding["line"] == 22 and finding["blocking"] is True and finding["severity"] == "bloquant"


def test_validate_speaks_french_by_default_and_english_on_request(files: dict[str, Path]) -> None:
    fr = run("validate", str(files["bad"])).output
    en = run("validate", "--lang", "en", str(files["bad"])).output
    assert "ligne 22" in fr and "pas un jour du calendrier" in fr
    assert "line 22" in en and "no day of the calendar" in en


def test_unreadable_file_message_names_it(files: dict[str, Path]) -> None:
    out = run("validate", str(files["missing"])).output
    assert str(files["missing"]) in out and "introuvable" in out


def test_show_prints_labels_and_coded_values(files: dict[str, Path]) -> None:
    out = run("show", str(files["good"])).output
    assert "S20.G00.05 — Déclaration" in out
    assert "S20.G00.05.001 Nature de la déclaration: '01' (DSN Mensuelle)" in out
    assert run("show", str(files["missing"])).exit_code == 2


def test_norm_coverage_json_counts_every_control() -> None:
    data = json.loads(run("norm", "coverage", "--json").output)
    assert data["CCH"]["total"] == 622 and data["SIG"]["total"] == 59 and data["CSL"]["total"] == 90
    for fam in ("CCH", "SIG", "CSL"):
        row = data[fam]
        assert row["implemented"] + row["not_decidable"] + row["not_yet"] == row["total"]


def test_norm_explain_prints_the_official_text() -> None:
    out = run("norm", "explain", "S21.G00.60.012/CCH-11").output
    assert "accident de trajet" in out
    assert run("norm", "explain", "S99.G00.00.000/CCH-11").exit_code == 2


@pytest.mark.parametrize("args", [[], ["validate"], ["show"], ["norm"], ["norm", "coverage"], ["norm", "explain"]])
def test_every_command_has_help(args: list[str]) -> None:
    result = run(*args, "--help")
    assert result.exit_code == 0 and "Usage" in result.output


def test_nir_is_masked_unless_asked(tmp_path: Path) -> None:
    sample = (Path(__file__).parent / "samples" / "mensuelle-normale.dsn").read_bytes()
    lines = [line for line in sample.split(b"\n") if not line.startswith(b"S21.G00.30.006")]
    broken = tmp_path / "broken.dsn"
    broken.write_bytes(b"\n".join(lines))
    nir = next(line for line in lines if line.startswith(b"S21.G00.30.001")).decode()[16:-1]
    masked = run("validate", str(broken)).output
    shown = run("validate", "--show-nir", str(broken)).output
    assert "Salarié :" in masked and nir not in masked
    assert nir in shown
