"""The tree's caches (child_blocks, blocks_below) follow the changes the builder and the
validator make to `children`: appends, and the last individual let go then another read."""

from __future__ import annotations

from forms.dsn.tree import Occurrence


def _child(parent: Occurrence, block: str, line: int) -> Occurrence:
    occ = Occurrence(block, line, parent)
    parent.children.append(occ)
    return occ


def test_child_blocks_follow_appends_and_pops() -> None:
    etab = Occurrence("S21.G00.11", 1, None)
    a = _child(etab, "S21.G00.30", 2)
    assert etab.child_blocks("S21.G00.30") == [a]
    b = _child(etab, "S21.G00.30", 3)
    assert etab.child_blocks("S21.G00.30") == [a, b]
    etab.children.pop()  # b let go
    assert etab.child_blocks("S21.G00.30") == [a]
    c = _child(etab, "S21.G00.30", 4)  # same length as before the pop, another last child
    assert etab.child_blocks("S21.G00.30") == [a, c]
    assert etab.child_blocks("S21.G00.40") == []
    got = etab.child_blocks("S21.G00.30")
    got.append(b)  # a new list each time: the cache is not changed
    assert etab.child_blocks("S21.G00.30") == [a, c]


def test_blocks_below_in_file_order() -> None:
    ind = Occurrence("S21.G00.30", 1, None)
    c1 = _child(ind, "S21.G00.40", 2)
    e1 = _child(c1, "S21.G00.62", 3)
    v1 = _child(ind, "S21.G00.50", 4)
    r1 = _child(v1, "S21.G00.51", 5)
    r2 = _child(v1, "S21.G00.51", 6)
    below = ind.blocks_below()
    assert below == {"S21.G00.40": [c1], "S21.G00.62": [e1], "S21.G00.50": [v1], "S21.G00.51": [r1, r2]}
    for block, found in below.items():
        assert found == list(ind.descendants(block))
    v2 = _child(ind, "S21.G00.50", 7)
    assert ind.blocks_below()["S21.G00.50"] == [v1, v2]
    assert ind.blocks_below() is ind.blocks_below()  # shared while nothing changes


def test_release_drops_the_links_down_and_keeps_the_rest() -> None:
    etab = Occurrence("S21.G00.11", 1, None)
    ind = _child(etab, "S21.G00.30", 2)
    ind.put("S21.G00.30.001", "1", 2)
    contract = _child(ind, "S21.G00.40", 3)
    end = _child(contract, "S21.G00.62", 4)
    ind.counts["S21.G00.40"] = 1
    assert ind.child_blocks("S21.G00.40") == [contract] and ind.blocks_below()
    ind.release()
    assert ind.children == [] and contract.children == []
    assert ind.child_blocks("S21.G00.40") == [] and ind.blocks_below() == {}
    assert ind.values == {"S21.G00.30.001": "1"} and ind.counts == {"S21.G00.40": 1}
    assert end.parent is contract and contract.parent is ind and etab.children == [ind]


def test_individuals_let_go_are_freed_without_the_cyclic_collector() -> None:
    """The validator releases each individual it lets go: individuals do not pile up in
    memory waiting for the garbage collector (which cost a fifth of a million-line run).
    Only the last one may still be held (by a rule's table of the declaration)."""
    import gc
    from pathlib import Path

    from forms.norm import load_norm
    from forms.validator import validate_bytes

    norm = load_norm("P26V01")
    below = {b for b in norm.blocks if b == "S21.G00.30" or "S21.G00.30" in norm.ancestors(b)}
    lines = (Path(__file__).parent / "samples" / "mensuelle-normale.dsn").read_text(encoding="latin-1").splitlines()
    inside = [i for i, line in enumerate(lines) if line[:10] in below]
    first, last = inside[0], inside[-1] + 1
    many = lines[:first] + lines[first:last] * 20 + lines[last:]  # forty individuals
    data = ("\n".join(many) + "\n").encode("latin-1")
    validate_bytes(data)  # caches filled first
    gc.collect()
    gc.disable()
    try:
        report = validate_bytes(data)
        alive = [o for o in gc.get_objects() if isinstance(o, Occurrence) and o.block in below]
    finally:
        gc.enable()
    assert report.lines > 5000
    assert len(alive) <= 1, alive


def test_the_builder_calls_a_block_s_own_closer() -> None:
    """`TreeBuilder.closers`: a block's own function when it closes (None: nothing), in place
    of `on_close` (the validator hands its compiled plans over this way)."""
    from forms.dsn.tree import TreeBuilder
    from forms.norm import load_norm

    closed: list[str] = []
    own: list[str] = []
    builder = TreeBuilder(load_norm("P26V01"), on_close=lambda occ: closed.append(occ.block))
    builder.closers["S10.G00.01"] = None
    builder.closers["S10.G00.02"] = lambda occ: own.append(occ.block)
    for number, code in enumerate(("S10.G00.00.001", "S10.G00.01.001", "S10.G00.02.002", "S10.G00.02.002"), 1):
        builder.feed(number, code, "X")
    builder.finish()
    assert own == ["S10.G00.02"]
    assert closed == ["S10.G00.02", "S10.G00.00"]  # finish() calls on_close for what is still open


def test_lines_worked_out_from_the_order_are_the_lines_read() -> None:
    """The validator lets most occurrences work their line numbers out from the order of
    their values (`Occurrence.lines`); blank, bad or unknown lines in between, repeated
    and out-of-order rubriques make them explicit. Every rubrique's line is where it was."""
    from pathlib import Path

    from forms.validator import Validator

    text = (Path(__file__).parent / "samples" / "mensuelle-normale.dsn").read_text(encoding="latin-1").splitlines()
    odd = list(text)
    for at, extra in ((150, ""), (120, "garbage"), (60, "S21.G00.99.001,'1'"), (40, text[39]), (30, text[28])):
        odd.insert(at, extra)
    data = ("\n".join(odd) + "\n").encode("latin-1")
    validator = Validator(keep_tree=True)
    validator.run(data)
    assert validator.builder is not None
    checked = 0
    for root in validator.builder.roots:
        for occ in [root, *root.descendants()]:
            for code, line in occ.lines.items():
                assert odd[line - 1] == f"{code},'{occ.values[code]}'", (occ, code, line)
                checked += 1
    assert checked > 400

    lazy = Occurrence("S21.G00.30", 7, None, lean=True)
    lazy.values.update({"S21.G00.30.001": "1", "S21.G00.30.002": "DUPONT"})
    assert lazy.lines == {"S21.G00.30.001": 7, "S21.G00.30.002": 8}
    lazy.put("S21.G00.30.004", "JEAN", 12)  # explicit from now on
    assert lazy.lines == {"S21.G00.30.001": 7, "S21.G00.30.002": 8, "S21.G00.30.004": 12}
    lazy.lines = {"S21.G00.30.001": 1}
    assert lazy.lines == {"S21.G00.30.001": 1}


def test_lean_occurrences_get_their_own_children_and_counts_with_their_first_child() -> None:
    """The validator's occurrences share read-only empty `children` and `counts` until the
    tree builder gives them a first child; the others get their own at once."""
    import pytest

    from forms.dsn.tree import TreeBuilder
    from forms.norm import load_norm

    builder = TreeBuilder(load_norm("P26V01"))
    envoi = builder._open("S10.G00.00", 1, True)
    first = builder._open("S10.G00.01", 2, True)
    second = builder._open("S10.G00.02", 3, True)
    assert envoi.children == [first, second] and envoi.counts == {"S10.G00.01": 1, "S10.G00.02": 1}
    assert first.children == () and first.counts == {} and first.counts.get("S10.G00.02", 0) == 0
    assert list(first.descendants()) == [] and first.blocks_below() == {} and first.child_blocks("S10.G00.02") == []
    with pytest.raises(TypeError):
        first.counts["S10.G00.02"] = 1  # type: ignore[index]
    plain = Occurrence("S10.G00.01", 1, None)
    plain.children.append(Occurrence("S10.G00.02", 2, plain))
    plain.counts["S10.G00.02"] = 1
    assert len(plain.children) == 1 and first.children == () and first.counts == {}
