"""What a control reports: a finding, with where it is, how serious, and a plain message."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    BLOCKING = "bloquant"
    NON_BLOCKING = "non bloquant"
    INFO = "information"


@dataclass(slots=True)
class Finding:
    """One thing a control found. `line` is None for a file-level finding."""

    control: str  # e.g. "S21.G00.60.005/CCH-11", or one of ours such as "STR-01"
    severity: Severity
    message: str  # already in the user's language
    line: int | None = None
    rubrique: str | None = None  # rubrique or block code
    label: str | None = None
    declaration: int | None = None  # 1-based rank of the declaration in the envoi
    individual: str | None = None  # name and masked NIR
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "rubrique": self.rubrique,
            "label": self.label,
            "control": self.control,
            "severity": str(self.severity),
            "blocking": self.blocking,
            "message": self.message,
            "declaration": self.declaration,
            "individual": self.individual,
        }


def mask_nir(nir: str | None, show: bool = False) -> str:
    """A NIR is personal data: show only its first digit (sex) and last two unless asked."""
    if not nir:
        return ""
    if show or len(nir) < 5:
        return nir
    return nir[0] + "•" * (len(nir) - 3) + nir[-2:]
