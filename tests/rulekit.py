"""Build the smallest block structure a rule example needs, and run one rule on it.

An example is a mapping `code -> value` (None: absent) plus `"block:Sxx.Gyy.zz"` keys for
child blocks that must merely exist. Each value goes into an occurrence of its block; the
scope block, its ancestors and any other block are linked as the norm's tree says.

For cases that need several occurrences of a block, an example may instead give
`"lines": [(code, value), ...]` in file order, from the scope block down (e.g. an individual
with two versements): they are read by the real tree builder; the other keys of the example
go into the enclosing blocks (e.g. the nature of the declaration). The rule runs on the
last occurrence of its scope block in those lines (the one that repeats an earlier one).
"""

from __future__ import annotations

from forms.controls.dsl import Example, Rule, RuleContext
from forms.dsn.tree import Occurrence
from forms.norm import Norm


def build_fragment(norm: Norm, scope: str, example: Example) -> Occurrence:
    if "lines" in example:
        return _from_lines(norm, scope, example)
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
    """The rule's message on the example (None when it passes)."""
    occ = build_fragment(norm, rule.scope, example)
    result = rule.evaluate(occ, RuleContext(norm))
    if isinstance(result, tuple):
        message, line = result
        assert isinstance(line, int) and line > 0, f"{rule.id}: bad line {line!r}"
        return message
    return result


def _from_lines(norm: Norm, scope: str, example: dict) -> Occurrence:
    """Read `example["lines"]` with the tree builder, under a chain of enclosing blocks that
    hold the example's other values."""
    from forms.controls.dsl import sample_value
    from forms.dsn.tree import TreeBuilder

    enclosing = list(reversed(norm.ancestors(scope)))
    extra = {k: v for k, v in example.items() if k != "lines" and v is not None}
    lines: list[tuple[str, str]] = []
    for block in enclosing:
        own = sorted((c, v) for c, v in extra.items() if c[:10] == block)
        if not own:
            first = norm.blocks[block].rubriques[0]
            value = sample_value(norm.rubriques[first])
            own = [(first, value or "1")]
        lines.extend(own)
    lines.extend(example["lines"])
    builder = TreeBuilder(norm)
    for number, (code, value) in enumerate(lines, 1):
        builder.feed(number, code, value)
    roots = builder.finish()
    # The last occurrence of the scope block: the one that repeats an earlier one.
    found = [r for r in roots if r.block == scope] + [o for r in roots for o in r.descendants(scope)]
    if not found:
        raise AssertionError(f"no {scope} occurrence in the lines of the example")
    return found[-1]
