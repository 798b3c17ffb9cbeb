"""The tables (SQLModel). Records of `forms.model` are kept whole as JSON in `data`, with the
columns used to find them again beside it: a new field of a record needs no migration.

Every change of the schema is an Alembic migration in `storage/migrations/versions/`
(`docs/storage.md`); `tests/storage/test_migrations.py` checks that these classes and the
migrated schema agree.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


class Base(SQLModel):
    metadata = metadata


def _fk(target: str, ondelete: str, nullable: bool = True, index: bool = True) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


class EtablissementRow(Base, table=True):
    __tablename__ = "etablissement"
    id: int | None = Field(default=None, primary_key=True)
    siret: str = Field(max_length=14, unique=True)
    raison_sociale: str = ""
    data: str = "{}"
    created: str = ""
    updated: str = ""


class IndividuRow(Base, table=True):
    __tablename__ = "individu"
    __table_args__ = (UniqueConstraint("etab_id", "person_key", name="uq_individu_etab_person"),)
    id: int | None = Field(default=None, primary_key=True)
    etab_id: int = Field(sa_column=_fk("etablissement.id", "CASCADE", nullable=False))
    person_key: str = ""
    nir: str = Field(default="", index=True)
    ntt: str = ""
    nom: str = ""
    prenoms: str = ""
    naissance_date: str = ""
    data: str = "{}"
    created: str = ""
    updated: str = ""


class ContratRow(Base, table=True):
    __tablename__ = "contrat"
    __table_args__ = (UniqueConstraint("individu_id", "numero", name="uq_contrat_individu_numero"),)
    id: int | None = Field(default=None, primary_key=True)
    individu_id: int = Field(sa_column=_fk("individu.id", "CASCADE", nullable=False))
    numero: str = ""
    debut: str = ""
    data: str = "{}"
    created: str = ""
    updated: str = ""


class DraftRow(Base, table=True):
    __tablename__ = "draft"
    id: int | None = Field(default=None, primary_key=True)
    etab_id: int | None = Field(default=None, sa_column=_fk("etablissement.id", "SET NULL"))
    kind: str = ""
    period: str = ""
    step: int = 0
    position: str = ""
    state: str = "en_cours"
    created: str = ""
    updated: str = ""


class AnswerRow(Base, table=True):
    __tablename__ = "answer"
    draft_id: int = Field(sa_column=Column(Integer, ForeignKey("draft.id", ondelete="CASCADE"), primary_key=True))
    key: str = Field(primary_key=True)
    value: str = ""
    valid: bool = True
    updated: str = ""


class AnswerHistoryRow(Base, table=True):
    """Append-only: every accepted answer (None: deleted), to revert one and to audit."""

    __tablename__ = "answer_history"
    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(sa_column=_fk("draft.id", "CASCADE", nullable=False, index=False))
    key: str = ""
    value: str | None = None
    valid: bool = True
    at: str = ""


class ProducedFileRow(Base, table=True):
    __tablename__ = "produced_file"
    id: int | None = Field(default=None, primary_key=True)
    etab_id: int | None = Field(default=None, sa_column=_fk("etablissement.id", "SET NULL"))
    draft_id: int | None = Field(default=None, sa_column=_fk("draft.id", "SET NULL"))
    path: str = ""
    sha256: str = ""
    size: int = 0
    nature: str = Field(default="", index=True)
    type: str = ""
    test: bool = False
    period: str = Field(default="", index=True)
    created: str = ""
    replaces: int | None = Field(default=None, sa_column=_fk("produced_file.id", "SET NULL"))
    status: str = Field(default="exporte", index=True)


class FilePersonRow(Base, table=True):
    """The people a produced file names, for the search by name or NIR."""

    __tablename__ = "file_person"
    id: int | None = Field(default=None, primary_key=True)
    file_id: int = Field(sa_column=_fk("produced_file.id", "CASCADE", nullable=False))
    nir: str = Field(default="", index=True)
    name: str = ""
    name_key: str = Field(default="", index=True)  # 0002: upper case, no accents


class AuditRow(Base, table=True):
    """Who changed what, when (field names and actions, never a credential)."""

    __tablename__ = "audit"
    id: int | None = Field(default=None, primary_key=True)
    at: str = ""
    entity: str = ""
    entity_id: int | None = None
    action: str = ""
    detail: str = ""


class SequenceRow(Base, table=True):
    """0002: counters that never go back (numéro d'ordre, identifiant métier)."""

    __tablename__ = "sequence"
    __table_args__ = (UniqueConstraint("etab_key", "name", name="uq_sequence_etab_name"),)
    id: int | None = Field(default=None, primary_key=True)
    etab_key: int = 0  # the establishment's id, 0 for none
    name: str = ""
    value: int = 0


Index("ix_answer_history_draft_key", AnswerHistoryRow.__table__.c.draft_id, AnswerHistoryRow.__table__.c.key)
