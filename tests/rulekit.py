"""Build the smallest block structure a rule example needs, and run one rule on it.

An example is a mapping `code -> value` (None: absent) plus `"block:Sxx.Gyy.zz"` keys for
child blocks that must merely exist. Each value goes into an occurrence of its block; the
scope block, its ancestors and any other block are linked as the norm's tree says.
"""

from __future__ import annotations

from forms.controls.dsl import Example, Rule, RuleContext
from forms.dsn.tree import Occurrence
from forms.norm import Norm


def build_fragment(norm: Norm, scope: str, example: Example) -> Occurrence:
    made: dict[str, Occurrence] = {}

    def occurrence(block: str) -> Occurrence:
        if block in made:
            return made[block]
        parent_code = norm.blocks[block].parent
        parent = occurrence(parent_code) if parent_code else None
        occ = Occurrence(block, 1, parent)
        if parent is not None:
            parent.children.append(occ)
            parent.counts[block] = parent.counts.get(block, 0) + 1
        made[block] = occ
        return occ

    target = occurrence(scope)
    line = 2
    for code, value in sorted(example.items()):
        if code.startswith("block:"):
            occurrence(code[len("block:") :])
            continue
        if value is None:
            continue
        occurrence(code[:10]).put(code, value, line)
        line += 1
    return target


def run_rule(norm: Norm, rule: Rule, example: Example) -> str | None:
    occ = build_fragment(norm, rule.scope, example)
    return rule.evaluate(occ, RuleContext(norm))
