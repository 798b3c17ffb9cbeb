"""Every implemented CT rule: a passing and a failing case, generated from the rule's shape
(or given by the rule for `Check`), run on the smallest structure that holds them."""

from __future__ import annotations

import pytest

from forms.controls.registry import load_registry
from forms.norm import load_norm
from tests.rulekit import run_rule

NORM = load_norm("P26V01")
REGISTRY = load_registry("P26V01")
RULE_IDS = sorted(REGISTRY.rules)


def test_registry_ids_are_controls_of_the_norm() -> None:
    for cid in [*REGISTRY.rules, *REGISTRY.not_decidable]:
        assert cid in NORM.controls, cid


@pytest.mark.parametrize("cid", RULE_IDS)
def test_rule_has_a_passing_and_a_failing_case(cid: str) -> None:
    rule = REGISTRY.rules[cid]
    cases = rule.examples(NORM)
    assert any(ok for _, ok in cases), f"{cid}: no passing case"
    assert any(not ok for _, ok in cases), f"{cid}: no failing case"


@pytest.mark.parametrize("cid", RULE_IDS)
def test_rule_behaves_on_its_cases(cid: str) -> None:
    rule = REGISTRY.rules[cid]
    for example, ok in rule.examples(NORM):
        message = run_rule(NORM, rule, example)
        if ok:
            assert message is None, f"{cid} failed a passing case {example}: {message}"
        else:
            assert message, f"{cid} passed a failing case {example}"
            assert "{" not in message, f"{cid}: unformatted message {message}"
