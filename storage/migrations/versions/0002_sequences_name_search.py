"""Counters that never go back (numéro d'ordre, identifiant métier), and a search key for
names (upper case, no accents) filled in for the files already recorded.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def name_key(name: str) -> str:
    """Frozen copy of `storage.store.name_key` as it was for this migration."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.upper().split())


def upgrade() -> None:
    op.create_table(
        "sequence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("etab_key", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sequence"),
        sa.UniqueConstraint("etab_key", "name", name="uq_sequence_etab_name"),
    )
    op.add_column("file_person", sa.Column("name_key", sa.String(), nullable=False, server_default=""))
    op.create_index("ix_file_person_name_key", "file_person", ["name_key"])
    bind = op.get_bind()
    person = sa.table("file_person", sa.column("id", sa.Integer()), sa.column("name", sa.String()), sa.column("name_key", sa.String()))
    for row_id, name in bind.execute(sa.select(person.c.id, person.c.name)).all():
        bind.execute(person.update().where(person.c.id == row_id).values(name_key=name_key(name)))


def downgrade() -> None:
    op.drop_index("ix_file_person_name_key", table_name="file_person")
    with op.batch_alter_table("file_person") as batch:
        batch.drop_column("name_key")
    op.drop_table("sequence")
