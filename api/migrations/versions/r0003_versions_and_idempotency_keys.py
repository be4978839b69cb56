"""Writes that race safely: row versions, the token a rotation replaced, idempotency keys.

`version` on profiles and athletes is SQLAlchemy's version counter (existing rows start at 1);
`coaches.previous_token_hash` tells a rotation that lost a race from a bad token; and
`idempotency_keys` remembers what a POST with an `Idempotency-Key` answered.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the version columns, the previous token hash and the idempotency keys table."""
    for table in ("profiles", "athletes"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("coaches") as batch:
        batch.add_column(sa.Column("previous_token_hash", sa.String(length=64), nullable=True))
        batch.create_index("ix_coaches_previous_token_hash", ["previous_token_hash"])
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("body", sa.JSON(), nullable=True),
        sa.Column("location", sa.String(length=2000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint("scope", "key_hash", name=op.f("uq_idempotency_keys_scope_key_hash")),
    )
    op.create_index("ix_idempotency_keys_expires_at", "idempotency_keys", ["expires_at"])


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_index("ix_idempotency_keys_expires_at", table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
    with op.batch_alter_table("coaches") as batch:
        batch.drop_index("ix_coaches_previous_token_hash")
        batch.drop_column("previous_token_hash")
    for table in ("athletes", "profiles"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
