"""Reading and writing DSN files: parser, tree, writer, round trips."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from forms.dsn.document import parse_document
from forms.dsn.parser import EMPTY, MALFORMED, BadLine, Line, LineReader, iter_lines
from forms.dsn.tree import (
    STR_BLOCK_ORDER,
    STR_ORPHAN,
    STR_OUT_OF_ORDER,
    STR_REPEATED,
    STR_UNKNOWN,
    TreeBuilder,
)
from forms.dsn.writer import WriteError, write
from forms.norm import load_norm
from tests.dsnkit import documents, minimal_monthly, minimal_monthly_bytes

NORM = load_norm()


# ----------------------------------------------------------------------------- parser
def test_value_runs_to_the_last_apostrophe_and_crlf_is_read() -> None:
    data = b"S21.G00.30.002,'L'HERMITE'\r\nS21.G00.30.004,'ANNE'\n"
    assert list(iter_lines(data)) == [
        Line(1, "S21.G00.30.002", "L'HERMITE"),
        Line(2, "S21.G00.30.004", "ANNE"),
    ]


def test_latin1_is_decoded() -> None:
    [line] = list(iter_lines("S21.G00.30.004,'Jérôme'\n".encode("latin-1")))
    assert isinstance(line, Line) and line.value == "Jérôme"


def test_utf8_file_is_detected_and_not_garbled() -> None:
    reader = LineReader("S10.G00.00.001,'A'\nS21.G00.30.004,'Jérôme'\n".encode())
    lines = list(reader)
    assert reader.utf8_line == 2
    assert lines[1][2] == "Jérôme"


def test_bad_lines_are_reported_with_their_number() -> None:
    data = b"S10.G00.00.001,'A'\n\nnot a rubrique\nS10.G00.00.002,'B\nS10.G00.00.003,'C'\n\n"
    items = list(iter_lines(data))
    assert items[1] == BadLine(2, EMPTY, "")
    assert items[2] == BadLine(3, MALFORMED, "not a rubrique")
    assert items[3] == BadLine(4, MALFORMED, "S10.G00.00.002,'B")
    assert items[4] == Line(5, "S10.G00.00.003", "C")
    assert len(items) == 5  # the blank line at the very end is harmless


def test_empty_value_is_read_as_empty() -> None:
    assert list(iter_lines(b"S21.G00.30.002,''\n")) == [Line(1, "S21.G00.30.002", "")]


# ----------------------------------------------------------------------------- tree
def _build(lines: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    issues = []
    builder = TreeBuilder(NORM, on_issue=issues.append)
    for n, (code, value) in enumerate(lines, 1):
        builder.feed(n, code, value)
    return builder.finish(), issues


def test_rubriques_group_into_occurrences_under_their_parents() -> None:
    doc = parse_document(minimal_monthly_bytes())
    [envoi, total] = doc.roots
    assert envoi.block == "S10.G00.00" and total.block == "S90.G00.90"
    [decl] = envoi.child_blocks("S20.G00.05")
    [ent] = decl.child_blocks("S21.G00.06")
    assert ent.child_blocks("S21.G00.11")[0].get("S20.G00.05.001") == "01"
    assert not doc.issues


def test_a_repeated_first_rubrique_starts_a_new_occurrence() -> None:
    roots, issues = _build([
        ("S10.G00.00.001", "A"), ("S10.G00.02.002", "X"), ("S10.G00.02.004", "x@y.fr"),
        ("S10.G00.02.002", "Y"),
    ])
    assert roots[0].counts["S10.G00.02"] == 2 and not issues


@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        ([("S10.G00.00.001", "A"), ("S10.G00.00.003", "1"), ("S10.G00.00.002", "B")], STR_OUT_OF_ORDER),
        ([("S10.G00.00.001", "A"), ("S10.G00.00.002", "B"), ("S10.G00.00.002", "C")], STR_REPEATED),
        ([("S10.G00.00.001", "A"), ("S21.G00.30.001", "1")], STR_ORPHAN),
        ([("S10.G00.00.001", "A"), ("S10.G00.00.099", "1")], STR_UNKNOWN),
        ([("S10.G00.00.001", "A"), ("S10.G00.02.002", "X"), ("S10.G00.01.001", "732829320")], STR_BLOCK_ORDER),
    ],
)
def test_structure_faults_are_reported(lines: list[tuple[str, str]], kind: str) -> None:
    _roots, issues = _build(lines)
    assert [i.kind for i in issues] == [kind]
    assert issues[0].line == len(lines)


def test_circuit_and_lot_lines_are_kept_apart() -> None:
    builder = TreeBuilder(NORM)
    for n, (code, value) in enumerate([
        ("S05.G00.01.001", "LOT"), ("S10.G00.00.001", "A"), ("S10.G00.95.001", "DUPONT"),
        ("S20.G00.96.902", "1"), ("S95.G00.01.001", "1"),
    ], 1):
        builder.feed(n, code, value)
    assert [c for _, c, _ in builder.lot] == ["S05.G00.01.001", "S95.G00.01.001"]
    assert [c for _, c, _ in builder.circuit] == ["S10.G00.95.001", "S20.G00.96.902"]


# ----------------------------------------------------------------------------- writer
def test_writer_computes_the_totals() -> None:
    data = minimal_monthly_bytes()
    lines = data.decode("latin-1").splitlines()
    assert lines[-2] == f"S90.G00.90.001,'{len(lines)}'"
    assert lines[-1] == "S90.G00.90.002,'1'"
    assert data.endswith(b"\n") and b"\r" not in data


def test_writer_refuses_a_character_outside_latin1_naming_the_rubrique() -> None:
    doc = minimal_monthly()
    doc.roots[0].child_blocks("S10.G00.01")[0].values["S10.G00.01.003"] = "ASSOCIATION €"
    with pytest.raises(WriteError) as err:
        write(doc)
    assert err.value.rubrique == "S10.G00.01.003"
    assert "S10.G00.01.003" in err.value.message and "€" in err.value.message


def test_writer_refuses_a_value_outside_its_pattern() -> None:
    doc = minimal_monthly()
    doc.roots[0].child_blocks("S20.G00.05")[0].values["S20.G00.05.005"] = "32012026"
    with pytest.raises(WriteError) as err:
        write(doc)
    assert err.value.rubrique == "S20.G00.05.005"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents())
def test_round_trip_document(doc) -> None:  # type: ignore[no-untyped-def]
    data = write(doc)
    again = parse_document(data)
    assert again == doc
    assert not again.issues
    assert write(again) == data


def test_round_trip_canonical_file() -> None:
    data = minimal_monthly_bytes()
    assert write(parse_document(data)) == data
