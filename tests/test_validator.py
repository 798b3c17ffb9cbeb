"""The validator on whole files: file-level findings, totals, individuals, robustness."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.dsn.document import parse_document
from forms.dsn.writer import write
from forms.i18n import set_language
from forms.validator import Validator, validate_bytes
from tests.conftest import FUZZ_EXAMPLES
from tests.dsnkit import minimal_monthly, minimal_monthly_bytes

VALID = minimal_monthly_bytes()


def controls(data: bytes) -> list[str]:
    return [f.control for f in validate_bytes(data).findings]


def test_minimal_neant_passes() -> None:
    report = validate_bytes(VALID)
    assert not report.blocking, [f.message for f in report.findings]
    assert report.version == "P26V01" and report.declarations == 1


def test_utf8_file_gets_one_clear_finding() -> None:
    data = VALID.replace(b"ASSOCIATION EXEMPLE", "ASSOCIATION ÉTÉ".encode())
    report = validate_bytes(data)
    utf8 = [f for f in report.findings if f.control == "FILE-UTF8"]
    assert len(utf8) == 1 and "UTF-8" in utf8[0].message and "ISO-8859-1" in utf8[0].message


def test_unknown_version_gets_one_finding_and_nothing_more() -> None:
    report = validate_bytes(VALID.replace(b"'P26V01'", b"'P24V01'"))
    assert [f.control for f in report.findings] == ["FILE-VERSION"]
    assert "P24V01" in report.findings[0].message and report.blocking


def test_p25_file_is_read_with_its_own_dictionary() -> None:
    report = validate_bytes(VALID.replace(b"'P26V01'", b"'P25V01'"))
    assert report.version == "P25V01"
    assert not any(f.control.startswith("FILE-") for f in report.findings)


def test_wrong_totals_are_found() -> None:
    lines = VALID.decode("latin-1").splitlines()
    lines[-2] = "S90.G00.90.001,'99'"
    lines[-1] = "S90.G00.90.002,'2'"
    found = controls(("\n".join(lines) + "\n").encode("latin-1"))
    assert "S90.G00.90.001/ENV-LINES" in found and "S90.G00.90.002/ENV-COUNT" in found


def test_syntax_finding_names_line_rubrique_expected_and_found() -> None:
    data = VALID.replace(b"S20.G00.05.005,'01012026'", b"S20.G00.05.005,'31022026'")
    [f] = [f for f in validate_bytes(data).findings if f.rubrique == "S20.G00.05.005"]
    assert f.line == 21 and f.label == "Date du mois principal déclaré"
    assert "31022026" in f.message and f.blocking


def test_messages_follow_the_language() -> None:
    data = VALID.replace(b"S20.G00.05.003,'11'", b"S20.G00.05.003,'01'")
    set_language("en")
    en = [f.message for f in validate_bytes(data).findings if f.rubrique == "S20.G00.05.003"]
    set_language("fr")
    fr = [f.message for f in validate_bytes(data).findings if f.rubrique == "S20.G00.05.003"]
    assert en and fr and en != fr


def _with_individuals(n: int) -> bytes:
    head, _, tail = VALID.rpartition(b"S90.G00.90.001")
    people = b"".join(
        b"S21.G00.30.001,'1850175123%03d'\nS21.G00.30.002,'NOM%d'\nS21.G00.30.004,'PRENOM'\n" % (i, i)
        for i in range(n)
    )
    return head.replace(b"S20.G00.05.002,'02'", b"S20.G00.05.002,'01'") + people + b"S90.G00.90.001" + tail


def test_findings_of_an_individual_name_them_with_the_nir_masked() -> None:
    report = validate_bytes(_with_individuals(1))
    mine = [f for f in report.findings if f.individual]
    assert mine and all(f.individual.startswith("NOM0 PRENOM (1") for f in mine)
    assert all("1850175123000" not in (f.individual or "") for f in mine)


def test_individuals_are_let_go_once_checked() -> None:
    validator = Validator()
    validator.run(_with_individuals(50))
    [envoi, _total] = validator.builder.roots
    etab = envoi.children[-1].children[0].children[0]
    assert etab.block == "S21.G00.11"
    assert etab.counts["S21.G00.30"] == 50 and not etab.child_blocks("S21.G00.30")


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=400))
def test_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    validate_bytes(data)
    parse_document(data)


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(lines))
        op = rnd.randrange(6)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rnd.randrange(len(lines))])
        elif op == 2:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3 and lines[i]:
            k = rnd.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + bytes([rnd.randrange(256)]) + lines[i][k + 1 :]
        elif op == 4:
            lines[i] = lines[i][: rnd.randrange(len(lines[i]) + 1)]
        else:
            lines[i] = lines[i].replace(b"'", b"", 1)
    return b"\n".join(lines)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0))
def test_never_raises_on_mutated_valid_files(seed: int) -> None:
    rnd = random.Random(seed)
    base = _with_individuals(2) if seed % 2 else VALID
    mutated = _mutate(base, rnd)
    report = validate_bytes(mutated)
    assert all(f.message for f in report.findings)


def test_write_of_parsed_valid_file_is_identical() -> None:
    assert write(parse_document(VALID)) == VALID
    assert write(minimal_monthly()) == VALID


def test_file_handed_back_by_the_circuit_is_read_not_reported_line_by_line() -> None:
    lines = VALID.decode("latin-1").splitlines()
    envoi_end = next(i for i, line in enumerate(lines) if line.startswith("S20.G00.05.001"))
    tracked = (
        ["S05.G00.01.001,'LOT'", "S06.G00.01.001,'V01R02'"]
        + lines[:envoi_end]
        + ["S10.G00.95.001,'DUPONT'", "S10.G00.95.900,'FLUX1'"]
        + lines[envoi_end:-2]
        + ["S20.G00.96.902,'1'"]
        + lines[-2:]
        + ["S95.G00.01.001,'1'", "S96.G00.01.001,'1'"]
    )
    report = validate_bytes(("\n".join(tracked) + "\n").encode("latin-1"))
    assert not report.blocking, [(f.control, f.message) for f in report.findings if f.blocking]
    assert not any(f.control == "STR-UNKNOWN" for f in report.findings)


def test_an_envoi_with_two_declarations_is_read_as_such() -> None:
    lines = VALID.decode("latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("S20.G00.05.001"))
    declaration = lines[start:-2]
    second = [line.replace("S20.G00.05.004,'1'", "S20.G00.05.004,'2'") for line in declaration]
    body = lines[:-2] + second
    body += [f"S90.G00.90.001,'{len(body) + 2}'", "S90.G00.90.002,'2'"]
    report = validate_bytes(("\n".join(body) + "\n").encode("latin-1"))
    assert report.declarations == 2 and report.natures == ["01", "01"]
    assert not any(f.control.startswith("S90") for f in report.findings)
    # A finding in the second declaration says so.
    broken = "\n".join(body).replace("S20.G00.05.004,'2'\nS20.G00.05.005,'01012026'", "S20.G00.05.004,'2'\nS20.G00.05.005,'02012026'")
    found = [f for f in validate_bytes((broken + "\n").encode("latin-1")).findings if f.rubrique == "S20.G00.05.005"]
    assert found and all(f.declaration == 2 for f in found)


def test_every_sample_has_findings_only_where_expected_after_a_mutation() -> None:
    # The engine judges: removing the individual's birth date from the monthly sample is caught.
    from pathlib import Path

    sample = (Path(__file__).parent / "samples" / "mensuelle-normale.dsn").read_bytes()
    assert not validate_bytes(sample).blocking
    lines = [line for line in sample.split(b"\n") if not line.startswith(b"S21.G00.30.006")]
    found = {f.control for f in validate_bytes(b"\n".join(lines)).findings if f.blocking}
    assert "S21.G00.30.006/CST-03" in found


def test_a_rule_scoped_at_the_individual_reports_the_line_at_fault() -> None:
    from pathlib import Path

    sample = (Path(__file__).parent / "samples" / "mensuelle-normale.dsn").read_bytes()
    lines = [line for line in sample.split(b"\n") if not line.startswith(b"S21.G00.58")]
    found = [f for f in validate_bytes(b"\n".join(lines)).findings if f.control == "S21.G00.50.001/CCH-14"]
    assert len(found) == 2  # one per employee's versement
    assert all(lines[f.line - 1].startswith(b"S21.G00.50.001") for f in found)


def test_a_rule_with_several_triggers_runs_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import forms.validator as validator_module
    from forms.controls.dsl import Eq, Or, Required

    rule = Required("S20.G00.05.006", when=Or(Eq("S20.G00.05.001", "01"), Eq("S20.G00.05.002", "02")))
    rule.id = "S20.G00.05.006/CCH-12"
    assert rule.triggers() == {"S20.G00.05.001", "S20.G00.05.002"}

    class OneRule:
        def by_scope(self) -> dict:
            return {"S20.G00.05": [rule]}

    monkeypatch.setattr(validator_module, "load_registry", lambda version: OneRule())
    found = [f for f in validate_bytes(VALID).findings if f.control == "S20.G00.05.006/CCH-12"]
    assert len(found) == 1
