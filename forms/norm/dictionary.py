"""The NEODeS norm as data: blocks, rubriques, controls and usages of one norm version.

The data files under `forms/norm/data/` are compiled from the norm material by
`scripts/compile_norm.py`; nothing here reads the material itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any, Literal

DEFAULT_VERSION = "P26V01"
KNOWN_VERSIONS = ("P26V01", "P25V01")
NATURES = ("01", "04", "05", "07", "10")
UsageLetter = Literal["O", "C", "F", "I", "?"]

# A DSN date is JJMMAAAA; amounts are '-?digits.dd'. The CT marks real dates with type D.
DATE_TYPE = "D"


@dataclass(frozen=True, slots=True)
class Block:
    code: str
    label: str
    parent: str | None
    order: int
    min: int
    max: int | None
    natures: dict[str, tuple[int, int | None]]
    rubriques: tuple[str, ...]

    def cardinality(self, nature: str | None) -> tuple[int, int | None]:
        """(min, max) under its parent for this nature: the XSD's where known, else generic."""
        if nature is not None and nature in self.natures:
            return self.natures[nature]
        return self.min, self.max


@dataclass(frozen=True, slots=True)
class Rubrique:
    code: str
    label: str
    type: str
    min_length: int
    max_length: int
    pattern: str | None
    codes: dict[str, str]
    regex: re.Pattern[str] | None = field(compare=False, repr=False)

    @property
    def block(self) -> str:
        return self.code[:10]

    @property
    def is_date(self) -> bool:
        return self.type == DATE_TYPE

    def code_label(self, value: str) -> str | None:
        return self.codes.get(value)


@dataclass(frozen=True, slots=True)
class Control:
    id: str
    rubrique: str
    family: str
    severity: str  # "blocking" | "warning"
    refs: tuple[str, ...]

    @property
    def official_id(self) -> str:
        """The id as the norm writes it (two rules of a rubrique may share one: `#2`)."""
        return self.id.split("#")[0]

    @property
    def blocking(self) -> bool:
        return self.severity == "blocking"


@dataclass(frozen=True, slots=True)
class Usage:
    letter: UsageLetter
    condition: str = ""
    evidence: str = ""
    confidence: str = ""
    origin: str = ""
    reason: str = ""


UNKNOWN_USAGE = Usage("?")


class Norm:
    """One version of the norm. Get it with `load_norm(version)` (cached)."""

    def __init__(self, data: dict[str, Any], usage: dict[str, Any]) -> None:
        self.version: str = data["version"]
        self.ct: str = data["ct"]
        self.blocks: dict[str, Block] = {
            code: Block(
                code=code,
                label=b["label"],
                parent=b["parent"],
                order=b["order"],
                min=b["min"],
                max=b["max"],
                natures={n: (c[0], c[1]) for n, c in b["natures"].items()},
                rubriques=tuple(b["rubriques"]),
            )
            for code, b in data["blocks"].items()
        }
        self.rubriques: dict[str, Rubrique] = {
            code: Rubrique(
                code=code,
                label=r["label"],
                type=r["type"],
                min_length=r["min"],
                max_length=r["max"],
                pattern=r["regex"],
                codes=r["codes"],
                regex=re.compile(r["regex"], re.ASCII) if r["regex"] else None,
            )
            for code, r in data["rubriques"].items()
        }
        self.controls: dict[str, Control] = {
            cid: Control(cid, c["rubrique"], c["family"], c["severity"], tuple(c["refs"]))
            for cid, c in data["controls"].items()
        }
        self._usage: dict[str, dict[str, Usage]] = {
            nature: {
                code: Usage(
                    u["usage"],
                    u.get("condition", ""),
                    u.get("evidence", ""),
                    u.get("confidence", ""),
                    u.get("origin", ""),
                    u.get("reason", ""),
                )
                for code, u in entries.items()
            }
            for nature, entries in usage["natures"].items()
        }
        self.usage_notes: tuple[str, ...] = tuple(usage.get("notes", ()))
        self.usage_assumptions: tuple[dict[str, str], ...] = tuple(usage.get("assumptions", ()))

    def __repr__(self) -> str:
        return f"<Norm {self.version} ({self.ct})>"

    # -- blocks -------------------------------------------------------------------------
    def block(self, code: str) -> Block:
        return self.blocks[code]

    @cached_property
    def _children(self) -> dict[str | None, tuple[str, ...]]:
        out: dict[str | None, list[str]] = {}
        for b in sorted(self.blocks.values(), key=lambda b: b.order):
            out.setdefault(b.parent, []).append(b.code)
        return {k: tuple(v) for k, v in out.items()}

    def children(self, block: str | None) -> tuple[str, ...]:
        """Child blocks in document order (`None`: the blocks at the root of a file)."""
        return self._children.get(block, ())

    def ancestors(self, block: str) -> tuple[str, ...]:
        """Parent, grand-parent… up to the root."""
        out = []
        parent = self.blocks[block].parent
        while parent is not None:
            out.append(parent)
            parent = self.blocks[parent].parent
        return tuple(out)

    # -- rubriques ----------------------------------------------------------------------
    def rubrique(self, code: str) -> Rubrique:
        return self.rubriques[code]

    def label(self, code: str) -> str:
        """Label of a rubrique or block code; the code itself when unknown."""
        if code in self.rubriques:
            return self.rubriques[code].label
        if code in self.blocks:
            return self.blocks[code].label
        return code

    def code_label(self, rubrique: str, value: str) -> str | None:
        r = self.rubriques.get(rubrique)
        return r.codes.get(value) if r else None

    # -- controls -----------------------------------------------------------------------
    def controls_of(self, rubrique: str) -> list[Control]:
        return [c for c in self.controls.values() if c.rubrique == rubrique]

    def control_text(self, control_id: str) -> dict[str, str]:
        """The official rule text and message of a control ({} when the norm has none)."""
        return dict(self._texts["controls"].get(control_id, {}))

    def description(self, code: str) -> str:
        kind = "rubriques" if code in self.rubriques else "blocks"
        return self._texts[kind].get(code, "")

    @cached_property
    def _texts(self) -> dict[str, Any]:
        return _read_json(f"{self.version}-texts.json")

    # -- usage --------------------------------------------------------------------------
    def usage(self, code: str, nature: str) -> Usage:
        """Usage of a block or rubrique for a nature (a rubrique's usage holds when its block
        is present). `?` when not established: never a reason for a finding."""
        return self._usage.get(nature, {}).get(code, UNKNOWN_USAGE)

    def usages(self, nature: str) -> dict[str, Usage]:
        return dict(self._usage.get(nature, {}))


def _read_json(name: str) -> dict[str, Any]:
    data = resources.files("forms.norm").joinpath("data", name).read_bytes()
    return json.loads(data)


@cache
def load_norm(version: str = DEFAULT_VERSION) -> Norm:
    """The norm of a version in KNOWN_VERSIONS (KeyError otherwise)."""
    if version not in KNOWN_VERSIONS:
        raise KeyError(version)
    return Norm(_read_json(f"{version}.json"), _read_json(f"usage-{version}.json"))
