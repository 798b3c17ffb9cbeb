"""First schema: establishments, people, contracts, drafts and answers, produced files, audit.

Frozen: a migration never imports the models (they move on; this stays what 0001 made).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

S = sa.String()


def _stamps() -> list[sa.Column]:
    return [sa.Column("created", S, nullable=False), sa.Column("updated", S, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "etablissement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column("raison_sociale", S, nullable=False),
        sa.Column("data", S, nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name="pk_etablissement"),
        sa.UniqueConstraint("siret", name="uq_etablissement_siret"),
    )
    op.create_table(
        "individu",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("etab_id", sa.Integer(), nullable=False),
        sa.Column("person_key", S, nullable=False),
        sa.Column("nir", S, nullable=False),
        sa.Column("ntt", S, nullable=False),
        sa.Column("nom", S, nullable=False),
        sa.Column("prenoms", S, nullable=False),
        sa.Column("naissance_date", S, nullable=False),
        sa.Column("data", S, nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["etab_id"], ["etablissement.id"], name="fk_individu_etab_id_etablissement", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_individu"),
        sa.UniqueConstraint("etab_id", "person_key", name="uq_individu_etab_person"),
    )
    op.create_index("ix_individu_etab_id", "individu", ["etab_id"])
    op.create_index("ix_individu_nir", "individu", ["nir"])
    op.create_table(
        "contrat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("individu_id", sa.Integer(), nullable=False),
        sa.Column("numero", S, nullable=False),
        sa.Column("debut", S, nullable=False),
        sa.Column("data", S, nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["individu_id"], ["individu.id"], name="fk_contrat_individu_id_individu", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_contrat"),
        sa.UniqueConstraint("individu_id", "numero", name="uq_contrat_individu_numero"),
    )
    op.create_index("ix_contrat_individu_id", "contrat", ["individu_id"])
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("etab_id", sa.Integer(), nullable=True),
        sa.Column("kind", S, nullable=False),
        sa.Column("period", S, nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("position", S, nullable=False),
        sa.Column("state", S, nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["etab_id"], ["etablissement.id"], name="fk_draft_etab_id_etablissement", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_draft"),
    )
    op.create_index("ix_draft_etab_id", "draft", ["etab_id"])
    op.create_table(
        "answer",
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("key", S, nullable=False),
        sa.Column("value", S, nullable=False),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("updated", S, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["draft.id"], name="fk_answer_draft_id_draft", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("draft_id", "key", name="pk_answer"),
    )
    op.create_table(
        "answer_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("key", S, nullable=False),
        sa.Column("value", S, nullable=True),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("at", S, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["draft.id"], name="fk_answer_history_draft_id_draft", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_answer_history"),
    )
    op.create_index("ix_answer_history_draft_key", "answer_history", ["draft_id", "key"])
    op.create_table(
        "produced_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("etab_id", sa.Integer(), nullable=True),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("path", S, nullable=False),
        sa.Column("sha256", S, nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("nature", S, nullable=False),
        sa.Column("type", S, nullable=False),
        sa.Column("test", sa.Boolean(), nullable=False),
        sa.Column("period", S, nullable=False),
        sa.Column("created", S, nullable=False),
        sa.Column("replaces", sa.Integer(), nullable=True),
        sa.Column("status", S, nullable=False),
        sa.ForeignKeyConstraint(["etab_id"], ["etablissement.id"], name="fk_produced_file_etab_id_etablissement", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["draft_id"], ["draft.id"], name="fk_produced_file_draft_id_draft", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["replaces"], ["produced_file.id"], name="fk_produced_file_replaces_produced_file", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_produced_file"),
    )
    for column in ("etab_id", "draft_id", "nature", "period", "replaces", "status"):
        op.create_index(f"ix_produced_file_{column}", "produced_file", [column])
    op.create_table(
        "file_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("nir", S, nullable=False),
        sa.Column("name", S, nullable=False),
        sa.ForeignKeyConstraint(["file_id"], ["produced_file.id"], name="fk_file_person_file_id_produced_file", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_file_person"),
    )
    op.create_index("ix_file_person_file_id", "file_person", ["file_id"])
    op.create_index("ix_file_person_nir", "file_person", ["nir"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", S, nullable=False),
        sa.Column("entity", S, nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("action", S, nullable=False),
        sa.Column("detail", S, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit"),
    )


def downgrade() -> None:
    for table in ("audit", "file_person", "produced_file", "answer_history", "answer", "draft", "contrat", "individu", "etablissement"):
        op.drop_table(table)
