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

    @classmethod
    def new(cls, version: str = DEFAULT_VERSION) -> Document:
        return cls(load_norm(version))

    def add(self, block: str, values: Mapping[str, str], parent: Occurrence | None = None) -> Occurrence:
        """Append an occurrence of `block` (under `parent`, or at the root)."""
        spec = self.norm.blocks[block]
        if (parent.block if parent else None) != spec.parent:
            raise ValueError(f"{block} belongs under {spec.parent}, not {parent.block if parent else 'the root'}")
        occ = Occurrence(block, 0, parent)
        for code, value in values.items():
            if code[:10] != block:
                raise ValueError(f"{code} is not a rubrique of {block}")
            if code not in self.norm.rubriques:
                raise KeyError(code)
            occ.put(code, value, 0)
        if parent is None:
            self.roots.append(occ)
        else:
            parent.children.append(occ)
            parent.counts[block] = parent.counts.get(block, 0) + 1
        return occ

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
