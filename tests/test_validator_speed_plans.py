"""The validator's compiled rule plans (forms.controls.dsl.RuleCompiler) only spare calls:
a rule the compiled test leaves out never reports, compiled conditions say what the
conditions say, and a whole file gives the same findings, in the same order, as when every
rule whose triggers are there is called."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import forms.validator as validator_module
from forms.controls.dsl import (
    Absent,
    Aggregate,
    And,
    Below,
    Check,
    Compare,
    Cond,
    Eq,
    NotEq,
    Present,
    RuleCompiler,
    RuleContext,
)
from forms.controls.registry import load_registry
from forms.dsn.parser import LineReader
from forms.dsn.tree import Occurrence
from forms.norm import load_norm
from forms.validator import validate_bytes
from tests.rulekit import build_fragment

NORM = load_norm("P26V01")
REGISTRY = load_registry("P26V01")
RULE_IDS = sorted(cid for cid, rule in REGISTRY.rules.items() if not isinstance(rule, Aggregate))
SAMPLES = sorted((Path(__file__).parent / "samples").glob("*.dsn"))


def _compiled(scope: str, test: str | None = None, rule=None, cond: Cond | None = None):  # type: ignore[no-untyped-def]
    compiler = RuleCompiler(scope, NORM)
    if rule is not None:
        compiler.add(0, compiler.suspect(rule))
    else:
        assert cond is not None
        compiler.add(0, compiler.cond(cond))
    return compiler.build()


def _fragments(rule) -> list[Occurrence]:  # type: ignore[no-untyped-def]
    return [build_fragment(NORM, rule.scope, example) for example, _ok in rule.examples(NORM)]


@pytest.mark.parametrize("cid", RULE_IDS)
def test_a_rule_left_out_by_its_compiled_test_never_reports(cid: str) -> None:
    rule = REGISTRY.rules[cid]
    run = _compiled(rule.scope, rule=rule)
    guard = rule.guard if isinstance(rule, Check) else None
    for occ in _fragments(rule):
        message = rule.evaluate(occ, RuleContext(NORM))
        if message:
            assert run(occ, occ.values, occ.counts) == [0], f"{cid}: the compiled test hides {message}"
            if guard is not None:
                assert guard.test(occ), f"{cid}: its guard is false where it reports {message}"


@pytest.mark.parametrize("cid", [cid for cid in RULE_IDS if getattr(REGISTRY.rules[cid], "when", None) is not None])
def test_a_compiled_condition_says_what_the_condition_says(cid: str) -> None:
    rule = REGISTRY.rules[cid]
    run = _compiled(rule.scope, cond=rule.when)
    for occ in _fragments(rule):
        assert bool(run(occ, occ.values, occ.counts)) == bool(rule.when.test(occ)), cid


def _mutants(count: int) -> list[bytes]:
    """Sample files with a few lines changed, dropped or repeated (fixed seed)."""
    rng = random.Random(20260101)
    texts = [p.read_bytes().decode("latin-1").splitlines() for p in SAMPLES]
    pool: dict[str, list[str]] = {}
    for lines in texts:
        for line in lines:
            pool.setdefault(line[:14], []).append(line[16:-1])
    out = []
    for k in range(count):
        lines = list(texts[k % len(texts)])
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(lines))
            code = lines[i][:14]
            r = NORM.rubriques.get(code)
            choice = rng.random()
            if choice < 0.6:
                values = list(r.codes) if r is not None and r.codes else []
                values += pool.get(code, []) + ["", "0", "31022026", "1000000.00", "ABC"]
                lines[i] = f"{code},'{rng.choice(values)}'"
            elif choice < 0.8:
                del lines[i]
            else:
                lines.insert(i, lines[i])
        out.append(("\n".join(lines) + "\n").encode("latin-1", "replace"))
    return out


def test_files_give_the_same_findings_as_with_every_triggered_rule_called(monkeypatch: pytest.MonkeyPatch) -> None:
    files = [p.read_bytes() for p in SAMPLES] + _mutants(120)
    compiled = [[f.to_json() for f in validate_bytes(data).findings] for data in files]
    # The reference: the compiled test of every rule is "true" (only its triggers count).
    monkeypatch.setattr(RuleCompiler, "suspect", lambda self, rule: "True")
    reference = [[f.to_json() for f in validate_bytes(data).findings] for data in files]
    assert compiled == reference
    assert sum(len(f) for f in reference) > len(files)  # the files do say things


def test_the_hot_loop_reads_files_as_the_line_reader_does() -> None:
    """Blank lines (inside, at the end, across reads), CRLF, malformed lines: same findings
    and line count whether the file comes whole or in small pieces."""
    data = SAMPLES[0].read_bytes()
    lines = data.split(b"\n")
    lines[5:5] = [b"", b"  ", b"garbage"]
    lines[20:20] = [b""]
    odd = b"\r\n".join(lines) + b"\n\n\n"
    whole = validate_bytes(odd)
    pieces = validator_module.Validator().run(odd[i : i + 7] for i in range(0, len(odd), 7))
    assert [f.to_json() for f in whole.findings] == [f.to_json() for f in pieces.findings]
    reader = LineReader(odd)
    items = list(reader)
    assert whole.lines == pieces.lines == reader.line_count  # trailing blank lines not counted
    bad = [number for number, code, _value in items if not code]
    assert sorted(f.line for f in whole.findings if f.control in ("STR-EMPTY", "STR-LINE")) == bad
    assert [f.control for f in whole.findings if f.control.startswith("STR-")][:3] == ["STR-EMPTY", "STR-EMPTY", "STR-LINE"]


def test_a_plan_compiled_with_its_calls_calls_only_the_rules_its_tests_let_through() -> None:
    """`build(calls, ctx)`: the function calls each rule whose test holds, with the context
    given, and returns (index, message) for those that report, in index order."""
    compiler = RuleCompiler("S21.G00.30")
    code = compiler.value("S21.G00.30.001")
    compiler.add(0, f"({code} is not None)")
    compiler.add(1, "True")
    compiler.add(2, f"({code} is None)")
    compiler.add(3, "True")
    seen: list[tuple[int, object]] = []

    def rule(index: int, says: str | None):  # type: ignore[no-untyped-def]
        def call(occ: Occurrence, ctx: object) -> str | None:
            seen.append((index, ctx))
            return says
        return call

    ctx = RuleContext(NORM)
    run = compiler.build([rule(0, "zero"), rule(1, None), rule(2, "two"), rule(3, "three")], ctx)
    occ = Occurrence("S21.G00.30", 1, None)
    occ.put("S21.G00.30.001", "1", 1)
    assert run(occ, False) == [(0, "zero"), (3, "three")]
    assert seen == [(0, ctx), (1, ctx), (3, ctx)]
    # Called lean (as the tree builder does): it reports what they said itself.
    reported: list = []
    run = compiler.build([rule(0, "zero"), rule(1, None), rule(2, "two"), rule(3, "three")], ctx,
                         report=lambda occ, found: reported.append((occ, found)), fallback=reported.append)
    assert run(occ) is None
    assert reported == [(occ, [(0, "zero"), (3, "three")])]


@pytest.mark.parametrize("cid", [cid for cid in RULE_IDS if type(REGISTRY.rules[cid]) is Compare])
def test_a_compare_is_called_exactly_when_it_reports(cid: str) -> None:
    """Given the norm, the compiled test of a Compare is its verdict: no call that says
    nothing (a Compare runs on many occurrences)."""
    rule = REGISTRY.rules[cid]
    run = _compiled(rule.scope, rule=rule)
    for occ in _fragments(rule):
        message = rule.evaluate(occ, RuleContext(NORM))
        assert bool(run(occ, occ.values, occ.counts)) == bool(message), cid


@pytest.mark.parametrize("cid", [cid for cid in RULE_IDS if getattr(REGISTRY.rules[cid], "guard", None) is not None])
def test_a_compiled_guard_says_what_the_guard_says(cid: str) -> None:
    rule = REGISTRY.rules[cid]
    run = _compiled(rule.scope, cond=rule.guard)
    for occ in _fragments(rule):
        assert bool(run(occ, occ.values, occ.counts)) == bool(rule.guard.test(occ)), cid


def test_below_compiled_and_tested_alike() -> None:
    """`Below(block, cond)`: some occurrence of `block` under the occurrence meets `cond`;
    compiled from sets of values (one rubrique) or from a compiled test (the others)."""
    ind = Occurrence("S21.G00.30", 1, None)
    empty = Occurrence("S21.G00.30", 1, None)
    pay = Occurrence("S21.G00.50", 2, ind)
    ind.children.append(pay)
    for line, (kind, contract) in enumerate((("001", "C1"), ("002", None), ("003", "C2")), 3):
        remu = Occurrence("S21.G00.51", line, pay)
        pay.children.append(remu)
        remu.put("S21.G00.51.011", kind, line)
        if contract is not None:
            remu.put("S21.G00.51.010", contract, line)
    conds = [
        Below("S21.G00.51"), Below("S21.G00.52"),
        Below("S21.G00.51", Eq("S21.G00.51.011", "002")), Below("S21.G00.51", Eq("S21.G00.51.011", "009")),
        Below("S21.G00.51", NotEq("S21.G00.51.011", "001", "002", "003")), Below("S21.G00.51", NotEq("S21.G00.51.011", "001")),
        Below("S21.G00.51", Present("S21.G00.51.010")), Below("S21.G00.51", Present("S21.G00.51.014")),
        Below("S21.G00.51", Absent("S21.G00.51.010")), Below("S21.G00.51", Absent("S21.G00.51.011")),
        Below("S21.G00.51", And(Eq("S21.G00.51.011", "002"), Present("S21.G00.51.010"))),
        Below("S21.G00.51", And(Eq("S21.G00.51.011", "003"), Present("S21.G00.51.010"))),
        Below("S21.G00.51", Eq("S21.G00.51.011", "002")) & Below("S21.G00.51", Absent("S21.G00.51.010")),
    ]
    expected = [True, False, True, False, False, True, True, False, True, False, False, True, True]
    for cond, truth in zip(conds, expected, strict=True):
        run = _compiled("S21.G00.30", cond=cond)
        assert cond.test(ind) is truth, cond
        assert bool(run(ind, ind.values, ind.counts)) is truth, cond
        assert not cond.test(empty) and not run(empty, empty.values, empty.counts), cond


def test_a_lean_call_hands_the_occurrence_over_when_a_usage_check_fails() -> None:
    compiler = RuleCompiler("S21.G00.30")
    compiler.usage(frozenset({"S21.G00.30.002"}), frozenset())
    compiler.add(0, "True")
    handed: list = []
    run = compiler.build([lambda occ, ctx: "said"], RuleContext(NORM), report=lambda occ, found: handed.append(found),
                         fallback=handed.append)
    occ = Occurrence("S21.G00.30", 1, None)
    occ.put("S21.G00.30.001", "1", 1)
    assert run(occ) is None and handed == [occ]  # the rules are left to the fallback
    assert run(occ, False) == [(0, "said")]  # not lean: no usage check
    occ.put("S21.G00.30.002", "DUPONT", 2)
    handed.clear()
    assert run(occ) is None and handed == [[(0, "said")]]
