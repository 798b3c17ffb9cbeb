"""Rubrique lines → block occurrences, following the norm's hierarchy, streaming.

`TreeBuilder.feed` takes one line at a time; an occurrence is handed to `on_close` once it
and all its descendants are complete, so a validator can check an individual and then let
it go: memory holds one individual at a time, not the file.

A new occurrence of a block starts when a rubrique of that block comes back at or below
the first rubrique of the open occurrence (or repeats one, where the block may repeat);
otherwise a rubrique that goes backwards is reported as out of order, one seen twice in a
block that cannot repeat as repeated.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from forms.dsn.parser import is_code
from forms.norm import Norm

# Blocks added by the deposit circuit to the files it hands back (not in the CT): read, kept
# apart, never validated. The lot envelope S05/S06 … S95/S96 (V01R02) wraps whole envois.
CIRCUIT_BLOCKS = ("S10.G00.95", "S20.G00.96")
LOT_PREFIXES = ("S05.", "S06.", "S95.", "S96.")

ROOT_BLOCKS = ("S10.G00.00", "S90.G00.90")
# What a lean occurrence (see Occurrence) has before its first child: read only.
_NO_CHILDREN: tuple = ()
_NO_COUNTS: Mapping[str, int] = MappingProxyType({})
_BRANCHES_KEPT = 4096  # bound of TreeBuilder._branches (memory must not grow with the file)


class Occurrence:
    """One occurrence of a block: its rubriques (value and line) and child occurrences."""

    __slots__ = (
        "block", "line", "values", "_lines", "children", "parent", "counts", "first", "last",
        "_last_order", "_kids", "_below",
    )

    def __init__(self, block: str, line: int, parent: Occurrence | None, lean: bool = False) -> None:
        self.block = block
        self.line = line
        self.values: dict[str, str] = {}
        self.parent = parent
        if lean:
            # Read by the validator, line after line. Its lines are not kept as they come: the
            # i-th rubrique put in `values` was read on line `line + i` (the validator makes
            # them explicit as soon as that no longer holds); see `lines`. Most occurrences
            # have no child: they share empty `children` and `counts` until the tree builder
            # gives them their first child (nothing else adds children to them).
            self._lines: dict[str, int] | None = None
            self.children: list[Occurrence] = _NO_CHILDREN  # type: ignore[assignment]
            self.counts: dict[str, int] = _NO_COUNTS  # type: ignore[assignment]
        else:
            self._lines = {}  # rubrique -> line number
            self.children = []
            # How many child occurrences of each block it had (children may be let go).
            self.counts = {}
        self.first = ""  # lowest rubrique code seen in it
        self.last = ""  # highest rubrique code seen in it
        self._last_order = -1
        self._kids: tuple | None = None  # (len, last child, block -> children): child_blocks' cache
        self._below: tuple | None = None  # the same for blocks_below

    @property
    def lines(self) -> dict[str, int]:
        """Rubrique -> line number (worked out from `values` for an occurrence read line
        after line, the first time it is asked for)."""
        lines = self._lines
        if lines is None:
            start = self.line
            lines = self._lines = {code: start + i for i, code in enumerate(self.values)}
        return lines

    @lines.setter
    def lines(self, lines: dict[str, int]) -> None:
        self._lines = lines

    def put(self, code: str, value: str, line: int) -> None:
        self.values[code] = value
        self.lines[code] = line
        if not self.first or code < self.first:
            self.first = code
        if code > self.last:
            self.last = code

    def __repr__(self) -> str:
        return f"<{self.block} line {self.line}: {len(self.values)} rubriques>"

    def get(self, code: str) -> str | None:
        """Value of a rubrique of this block or of an enclosing block (None if absent)."""
        block = code[:10]
        occ: Occurrence | None = self
        while occ is not None:
            if occ.block == block:
                return occ.values.get(code)
            occ = occ.parent
        if block == "S20.G00.05" or block == "S10.G00.00":
            decl = self.find_up("S10.G00.00")
            if decl is not None:
                for child in decl.children:
                    if child.block == block:
                        return child.values.get(code)
        return None

    def line_of(self, code: str) -> int | None:
        block = code[:10]
        occ: Occurrence | None = self
        while occ is not None:
            if occ.block == block:
                return occ.lines.get(code)
            occ = occ.parent
        return None

    def find_up(self, block: str) -> Occurrence | None:
        """This occurrence or the nearest enclosing one of `block`."""
        occ: Occurrence | None = self
        while occ is not None:
            if occ.block == block:
                return occ
            occ = occ.parent
        return None

    def descendants(self, block: str | None = None) -> Iterator[Occurrence]:
        """Every occurrence below this one (of `block` only, if given), in file order."""
        found: list[Occurrence] = []
        todo = self.children[::-1]  # a stack: the next occurrence in file order on top
        while todo:
            occ = todo.pop()
            if block is None or occ.block == block:
                found.append(occ)
            if occ.children:
                todo += occ.children[::-1]
        return iter(found)

    def descendant_blocks(self) -> set[str]:
        """The blocks of every occurrence below this one."""
        found: set[str] = set()
        todo = list(self.children)
        while todo:
            occ = todo.pop()
            found.add(occ.block)
            if occ.children:
                todo += occ.children
        return found

    def blocks_below(self) -> dict[str, list[Occurrence]]:
        """Every descendant occurrence, by block, each list in file order: built once for a
        complete occurrence (rules scoped to an individual share it; do not change it).
        Built again when `children` changed (see `child_blocks`); an occurrence still being
        read may get more descendants below its last child: ask once it is complete."""
        children = self.children
        below = self._below
        if below is not None and below[0] == len(children) and (not children or below[1] is children[-1]):
            return below[2]
        index: dict[str, list[Occurrence]] = {}
        get = index.get
        stack = [iter(children)]  # self.descendants(), in file order: each child, then below it
        while stack:
            for occ in stack[-1]:
                block = occ.block
                found = get(block)
                if found is None:
                    index[block] = [occ]
                else:
                    found.append(occ)
                if occ.children:
                    stack.append(iter(occ.children))
                    break
            else:
                stack.pop()
        self._below = (len(children), children[-1] if children else None, index)
        return index

    def child_blocks(self, block: str) -> list[Occurrence]:
        """The direct children of `block`, in file order (a new list each time).

        Rules ask an individual for its children many times: the children are grouped by
        block once, and again only when `children` changed (it only grows, and loses its
        last element when an individual is let go: its length and last element say so)."""
        children = self.children
        kids = self._kids
        if kids is None or kids[0] != len(children) or (children and kids[1] is not children[-1]):
            by: dict[str, list[Occurrence]] = {}
            for c in children:
                found = by.get(c.block)
                if found is None:
                    by[c.block] = [c]
                else:
                    found.append(c)
            kids = self._kids = (len(children), children[-1] if children else None, by)
        found = kids[2].get(block)
        return found[:] if found else []

    def release(self) -> None:
        """Drop the links down from this occurrence (children lists and their caches), once
        it has been checked and let go: the occurrence and its descendants then hold no
        reference cycle (each child points to its parent, which listed the child) and are
        freed at once, not by the cyclic garbage collector — which, on a million-line file,
        spent a fifth of the time walking individuals already let go. Values, lines, counts
        and parents stay."""
        todo = [self]
        while todo:
            occ = todo.pop()
            children = occ.children
            if children:
                todo += children
                children.clear()
            occ._kids = occ._below = None

    def iter_lines(self) -> Iterator[tuple[str, str]]:
        """(code, value) of this occurrence and its descendants in file order."""
        for code in sorted(self.values):
            yield code, self.values[code]
        for child in self.children:
            yield from child.iter_lines()


@dataclass(frozen=True, slots=True)
class StructureIssue:
    """A structure fault met while building the tree."""

    kind: str  # one of the STR_* constants
    line: int
    code: str  # rubrique or block code concerned
    detail: str = ""  # e.g. the expected parent, the previous rubrique


STR_UNKNOWN = "unknown-rubrique"
STR_MALFORMED = "malformed-line"  # CODE,'value' in shape, but CODE is no rubrique code
STR_OUT_OF_ORDER = "rubrique-out-of-order"
STR_REPEATED = "rubrique-repeated"
STR_ORPHAN = "block-outside-parent"
STR_BLOCK_ORDER = "block-out-of-order"


class TreeBuilder:
    """Builds occurrences from lines; reports structure issues and closed occurrences."""

    def __init__(
        self,
        norm: Norm,
        on_close: Callable[[Occurrence], None] | None = None,
        on_issue: Callable[[StructureIssue], None] | None = None,
    ) -> None:
        self.norm = norm
        self.rubriques = norm.rubriques
        self.blocks = norm.blocks
        self.on_close = on_close or (lambda occ: None)
        # A block's own `on_close` (None: nothing to do when it closes), set by the caller.
        self.closers: dict[str, Callable[[Occurrence], object] | None] = {}
        self.on_issue = on_issue or (lambda issue: None)
        self.stack: list[Occurrence] = []
        self.roots: list[Occurrence] = []
        self.circuit: list[tuple[int, str, str]] = []
        self.lot: list[tuple[int, str, str]] = []
        self._shapes: dict[str, tuple[str | None, int]] = {}  # block -> (parent, order)
        # Occurrences in the order they got their first child: those after an occurrence are
        # the descendants that have children of their own (see `release`).
        self._branches: list[Occurrence] = []

    def feed(self, number: int, code: str, value: str) -> None:
        if code not in self.rubriques:
            self._outside(number, code, value)
            return
        stack = self.stack
        if stack:
            top = stack[-1]
            if top.block == code[:10]:
                if code > top.last:  # the common case: next rubrique of the same occurrence
                    top.values[code] = value
                    top.lines[code] = number
                    top.last = code
                    return
                self._same_block(top, number, code, value)
                return
        self._open(sys.intern(code[:10]), number).put(code, value, number)

    def _outside(self, number: int, code: str, value: str) -> None:
        """A code the norm does not have: circuit, lot envelope or unknown."""
        if not is_code(code):
            self.on_issue(StructureIssue(STR_MALFORMED, number, code, value))
        elif code[:10] in CIRCUIT_BLOCKS:
            self.circuit.append((number, code, value))
        elif code.startswith(LOT_PREFIXES):
            self.lot.append((number, code, value))
        else:
            self.on_issue(StructureIssue(STR_UNKNOWN, number, code))

    def _same_block(self, top: Occurrence, number: int, code: str, value: str) -> None:
        first = top.first
        repeats = code in top.values
        spec = self.blocks[top.block]
        can_repeat = spec.max is None or spec.max > 1
        if code <= first or (repeats and can_repeat):
            self._open(top.block, number).put(code, value, number)
        elif repeats:
            self.on_issue(StructureIssue(STR_REPEATED, number, code, str(top.lines[code])))
        else:
            self.on_issue(StructureIssue(STR_OUT_OF_ORDER, number, code, top.last))
            top.put(code, value, number)

    def _open(self, block: str, number: int, lean: bool = False) -> Occurrence:
        """Open a new occurrence of `block`, closing what it ends, under its parent (see
        `Occurrence` for `lean`)."""
        stack = self.stack
        shape = self._shapes.get(block)
        if shape is None:
            spec = self.blocks[block]
            parent = sys.intern(spec.parent) if spec.parent is not None else None  # compared by identity first
            shape = self._shapes[block] = (parent, spec.order)
        parent_code, order = shape
        index = len(stack) - 1
        while index >= 0 and stack[index].block != parent_code:
            index -= 1
        if parent_code is None:
            index = -1
        elif index < 0:
            self.on_issue(StructureIssue(STR_ORPHAN, number, block, parent_code))
            # Keep the orphan's rubriques together, on top of whatever is open.
            index = len(stack) - 1
        if len(stack) > index + 1:
            on_close = self.on_close
            closers = self.closers
            while len(stack) > index + 1:
                closed = stack.pop()
                close = closers.get(closed.block, on_close)
                if close is not None:
                    close(closed)
        if index >= 0:
            parent = stack[index]
            occ = Occurrence(block, number, parent, lean)
            if order < parent._last_order:
                if parent_code == parent.block:
                    self.on_issue(StructureIssue(STR_BLOCK_ORDER, number, block, parent.block))
            else:
                parent._last_order = order
            children = parent.children
            if not children:
                if children is _NO_CHILDREN:  # a lean occurrence's first child
                    children = parent.children = []
                branches = self._branches
                if len(branches) >= _BRANCHES_KEPT:
                    branches.clear()  # no individual released for long: `release` walks then
                branches.append(parent)
            children.append(occ)
            counts = parent.counts
            if counts is _NO_COUNTS:
                counts = parent.counts = {}
            counts[block] = counts.get(block, 0) + 1
        else:
            occ = Occurrence(block, number, None, lean)
            self.roots.append(occ)
        stack.append(occ)
        return occ

    def release(self, occ: Occurrence) -> None:
        """`occ.release()` for an occurrence closed last (an individual let go), without
        walking its leaves: the occurrences that got children since it got its first are
        its descendants with children (one is open at a time), the only ones holding links
        down."""
        branches = self._branches
        for i in range(len(branches) - 1, -1, -1):
            if branches[i] is occ:
                for branch in branches[i:]:
                    branch.children.clear()
                    branch._kids = branch._below = None
                branches.clear()
                return
        # Not found: it has no child, or the list was cut (see `_open`).
        branches.clear()
        if occ.children:
            occ.release()

    def _close(self, occ: Occurrence) -> None:  # kept for subclasses; _open calls on_close
        self.on_close(occ)

    def finish(self) -> list[Occurrence]:
        """Close everything still open; return the root occurrences kept."""
        while self.stack:
            self._close(self.stack.pop())
        return self.roots
