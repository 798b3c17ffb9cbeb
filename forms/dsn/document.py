"""A DSN document in memory: the block tree of one file, built or parsed.

Builders (the declaration forms) make one with `Document.new()` and `add()`; `parse_document`
reads a (small) file completely. Large files are validated streaming by `forms.validator`
instead and never held whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from forms.dsn.parser import LineReader
from forms.dsn.tree import Occurrence, StructureIssue, TreeBuilder
from forms.norm import DEFAULT_VERSION, KNOWN_VERSIONS, Norm, load_norm

TOTAL_BLOCK = "S90.G00.90"
TOTAL_LINES = "S90.G00.90.001"
TOTAL_DECLARATIONS = "S90.G00.90.002"


@dataclass
class Document:
    norm: Norm
    roots: list[Occurrence] = field(default_factory=list)
    issues: list[StructureIssue] = field(default_factory=list)
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    # The codes of an occurrence as given → (lowest, highest): its `first` and `last` (see `add`).
    _ends: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    # (norm, block → its rubrique codes): what `add` checks codes against, read once per block.
    _codes: tuple[Norm | None, dict[str, frozenset[str]]] = field(
        default=(None, {}), init=False, repr=False, compare=False)  # the dict is replaced at the first add

    @classmethod
    def new(cls, version: str = DEFAULT_VERSION) -> Document:
        return cls(load_norm(version))

    def add(self, block: str, values: Mapping[str, str], parent: Occurrence | None = None) -> Occurrence:
        """Append an occurrence of `block` (under `parent`, or at the root)."""
        spec = self.norm.blocks[block]
        if (parent.block if parent else None) != spec.parent:
            raise ValueError(f"{block} belongs under {spec.parent}, not {parent.block if parent else 'the root'}")
        occ = Occurrence(block, 0, parent)
        if values:
            cache = self._codes
            if cache[0] is not self.norm:
                cache = self._codes = (self.norm, {})
            codes = cache[1].get(block)
            if codes is None:
                codes = cache[1][block] = _codes_of(self.norm, block)
            if not codes.issuperset(values):
                for code in values:  # the first code that is wrong, named as it comes
                    if code[:10] != block:
                        raise ValueError(f"{code} is not a rubrique of {block}")
                    if code not in self.norm.rubriques:
                        raise KeyError(code)
            # What `Occurrence.put(code, value, 0)` does for each value, at once.
            own = occ.values
            own.update(values)
            occ.lines = dict.fromkeys(own, 0)
            order = tuple(own)
            ends = self._ends.get(order)  # the same codes come back block after block
            if ends is None:
                ends = self._ends[order] = (min(own), max(own))
            occ.first, occ.last = ends
        if parent is None:
            self.roots.append(occ)
        else:
            parent.children.append(occ)
            parent.counts[block] = parent.counts.get(block, 0) + 1
        return occ

    def release(self) -> None:
        """Drop each occurrence's link to its parent, once the document is written and no longer
        read: without those cycles it is freed at once, not by a pass of the cyclic collector
        over every occurrence (`Occurrence.get`, `find_up` no longer look outwards after this)."""
        todo = list(self.roots)
        while todo:
            occ = todo.pop()
            occ.parent = None
            todo += occ.children

    def lines(self) -> Iterator[tuple[str, str]]:
        """Every (code, value) in file order."""
        for root in self.roots:
            yield from root.iter_lines()

    def declarations(self) -> list[Occurrence]:
        return [d for root in self.roots for d in root.child_blocks("S20.G00.05")]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self.norm.version == other.norm.version and list(self.lines()) == list(other.lines())

    def __hash__(self) -> int:  # documents are mutable; identity hash like any object
        return id(self)


_BLOCK_CODES: dict[int, tuple[Norm, dict[str, frozenset[str]]]] = {}


def _codes_of(norm: Norm, block: str) -> frozenset[str]:
    """The rubrique codes of `block` in `norm` (worked out once per norm)."""
    found = _BLOCK_CODES.get(id(norm))
    if found is None or found[0] is not norm:
        by_block: dict[str, set[str]] = {}
        for code in norm.rubriques:
            by_block.setdefault(code[:10], set()).add(code)
        found = _BLOCK_CODES[id(norm)] = (norm, {b: frozenset(codes) for b, codes in by_block.items()})
    return found[1].get(block, frozenset())


def detect_version(data: bytes) -> str:
    for _number, code, value in LineReader(data):
        if code == "S10.G00.00.006":
            return value if value in KNOWN_VERSIONS else DEFAULT_VERSION
    return DEFAULT_VERSION


def parse_document(data: bytes) -> Document:
    """Read a whole file into a Document (structure issues kept in `issues`)."""
    doc = Document(load_norm(detect_version(data)))
    builder = TreeBuilder(doc.norm, on_issue=doc.issues.append)
    reader = LineReader(data)
    for number, code, value in reader:
        if code:
            builder.feed(number, code, value)
        else:
            doc.bad_lines.append((number, value))
    doc.roots = builder.finish()
    return doc
