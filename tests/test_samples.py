"""The hand-written sample DSN files of tests/samples/ (one per nature and type we support).

Each sample is meant to be valid for norm P26V01: the engine must find nothing blocking in it,
and its physical form (ISO-8859-1, LF, one `CODE,'value'` per line, S90 totals) must be right.
Each `<name>.dsn` has a `<name>.md` beside it that explains its values and their sources.

A sample is marked xfail only when a blocking finding comes from a rule that the sample's note
argues is wrong (control id, line and sources are in the note, section "Findings").
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.fr import nir as stdnum_nir
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from forms.validator import validate_path

SAMPLES = Path(__file__).parent / "samples"
LINE_RE = re.compile(r"^(S\d{2}\.G\d{2}\.\d{2}\.\d{3}),'(.*)'$")

# name -> (nature, type) it must carry
EXPECTED = {
    "mensuelle-normale.dsn": ("01", "01"),
    "mensuelle-neant.dsn": ("01", "02"),
    "mensuelle-annule-remplace.dsn": ("01", "03"),
    "arret.dsn": ("04", "01"),
    "reprise.dsn": ("05", "01"),
    "fctu.dsn": ("07", "01"),
}

# Samples still blocked by a rule we believe wrong: name -> reason (see the sample's note).
RULE_DOUBTS: dict[str, str] = {}


def _params() -> list:
    out = []
    for name in EXPECTED:
        marks = []
        if name in RULE_DOUBTS:
            marks.append(pytest.mark.xfail(reason=RULE_DOUBTS[name], strict=False))
        out.append(pytest.param(name, marks=marks, id=name))
    return out


def _lines(name: str) -> list[tuple[str, str]]:
    raw = (SAMPLES / name).read_bytes()
    text = raw.decode("iso-8859-1")
    out = []
    for line in text.split("\n")[:-1]:
        match = LINE_RE.match(line)
        assert match, f"{name}: not a CODE,'value' line: {line!r}"
        out.append((match.group(1), match.group(2)))
    return out


def test_every_sample_is_listed_and_documented() -> None:
    found = {p.name for p in SAMPLES.glob("*.dsn")}
    assert found == set(EXPECTED)
    for name in EXPECTED:
        assert (SAMPLES / name.replace(".dsn", ".md")).is_file(), f"no note for {name}"


@pytest.mark.parametrize("name", _params())
def test_sample_has_no_blocking_finding(name: str) -> None:
    report = validate_path(SAMPLES / name)
    assert report.readable
    blocking = [f"line {f.line}: {f.control}: {f.message}" for f in report.findings if f.blocking]
    assert blocking == [], "\n".join(blocking)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_sample_physical_form(name: str) -> None:
    raw = (SAMPLES / name).read_bytes()
    assert raw.endswith(b"\n")
    assert b"\r" not in raw, "LF line ends only"
    raw.decode("iso-8859-1")  # always decodable; the samples hold ASCII only
    assert raw.isascii() or not _is_utf8(raw), "written in ISO-8859-1, not UTF-8"
    lines = _lines(name)
    values = dict(lines)
    assert (values["S20.G00.05.001"], values["S20.G00.05.002"]) == EXPECTED[name]
    assert values["S10.G00.00.006"] == "P26V01"


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("name", list(EXPECTED))
def test_sample_s90_totals(name: str) -> None:
    lines = _lines(name)
    assert [c for c, _ in lines[-2:]] == ["S90.G00.90.001", "S90.G00.90.002"]
    totals = dict(lines[-2:])
    # S90.G00.90.001 counts every rubrique line, the two S90 lines included.
    assert int(totals["S90.G00.90.001"]) == len(lines)
    # S90.G00.90.002 counts the declarations (S20.G00.05 blocks; each opens with its .001).
    assert int(totals["S90.G00.90.002"]) == sum(1 for c, _ in lines if c == "S20.G00.05.001")


def _blocks(lines: list[tuple[str, str]], block: str) -> list[dict[str, str]]:
    """Occurrences of one block, in file order (a block opens again when a code repeats)."""
    out: list[dict[str, str]] = []
    for code, value in lines:
        if code[:10] != block:
            continue
        if not out or code[11:] in out[-1] or code[11:] <= max(out[-1]):
            out.append({})
        out[-1][code[11:]] = value
    return out


@pytest.mark.parametrize("name", ["mensuelle-normale.dsn", "mensuelle-annule-remplace.dsn"])
def test_monthly_payments_agree(name: str) -> None:
    """The amounts the notes explain: Urssaf payment = bordereau = rounded sum of its
    cotisations agrégées; prévoyance payment = its composants; DGFiP payment = the PAS."""
    lines = _lines(name)
    payments = {b["001"]: b for b in _blocks(lines, "S21.G00.20")}
    bordereau = _blocks(lines, "S21.G00.22")[0]
    aggregated = sum(Decimal(b["005"]) for b in _blocks(lines, "S21.G00.23"))
    assert Decimal(bordereau["005"]) == aggregated.quantize(Decimal("1"))
    assert payments[bordereau["001"]]["005"] == bordereau["005"]
    composants = sum(Decimal(b["001"]) for b in _blocks(lines, "S21.G00.55"))
    prevoyance = [b for key, b in payments.items() if key.startswith("P")]
    assert [Decimal(b["005"]) for b in prevoyance] == [composants]
    pas = sum(Decimal(b.get("009", "0")) for b in _blocks(lines, "S21.G00.50"))
    assert Decimal(payments["DGFIP"]["005"]) == pas


@pytest.mark.parametrize("name", list(EXPECTED))
def test_sample_identifiers(name: str) -> None:
    lines = _lines(name)
    sirens = {v for c, v in lines if c in ("S10.G00.01.001", "S21.G00.06.001")}
    for value in sirens:
        assert stdnum_siren.is_valid(value), value
    values = dict(lines)
    siret = values["S21.G00.06.001"] + values["S21.G00.11.001"]
    assert stdnum_siret.is_valid(siret)
    assert stdnum_siret.is_valid(values["S10.G00.01.001"] + values["S10.G00.01.002"])
    for code, value in lines:
        if code in ("S21.G00.40.019", "S21.G00.85.001"):
            assert stdnum_siret.is_valid(value), (code, value)
    # NIRs: 13 characters, no key; sex, year, month and department agree with the individual.
    individuals: list[dict[str, str]] = []
    for code, value in lines:
        if code == "S21.G00.30.001":
            individuals.append({})
        if code.startswith("S21.G00.30.") and individuals:
            individuals[-1][code[-3:]] = value
    for person in individuals:
        nir = person["001"]
        assert len(nir) == 13 and nir.isdigit()
        assert stdnum_nir.is_valid(nir + stdnum_nir.calc_check_digits(nir))
        born = person["006"]  # JJMMAAAA
        assert nir[1:3] == born[6:8] and nir[3:5] == born[2:4]
        if "014" in person:
            assert nir[5:7] == person["014"]
        if "005" in person:
            assert nir[0] == str(int(person["005"]))
