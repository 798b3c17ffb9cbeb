"""Plain records the storage hands to the other layers (never live ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field

DRAFT_STATES = ("en_cours", "valide", "invalide", "termine")
FILE_STATUSES = ("brouillon", "controle", "exporte", "depose")


@dataclass
class Draft:
    id: int
    etab_id: int | None
    kind: str
    period: str
    answers: dict[str, str] = field(default_factory=dict)
    step: int = 0
    position: str = ""
    state: str = "en_cours"
    created: str = ""
    updated: str = ""
    invalid: set[str] = field(default_factory=set)  # keys whose saved answer was not valid


@dataclass
class ProducedFile:
    id: int
    etab_id: int | None
    draft_id: int | None
    path: str
    sha256: str
    size: int
    nature: str
    type: str
    test: bool
    period: str
    created: str
    replaces: int | None
    status: str
    people: list[tuple[str, str]] = field(default_factory=list)  # (NIR, name)

    def to_json(self) -> dict:
        return {
            "id": self.id, "etab_id": self.etab_id, "draft_id": self.draft_id, "path": self.path,
            "sha256": self.sha256, "size": self.size, "nature": self.nature, "type": self.type,
            "test": self.test, "period": self.period, "created": self.created,
            "replaces": self.replaces, "status": self.status,
            "people": [{"nir": nir, "name": name} for nir, name in self.people],
        }
