"""Athlete modifiers: age, years of lifting, movements to avoid, a weekly strength cap.

Athletes kept before get none of them (null, and an empty `avoid`): they solve as before.

Revision ID: 0006_athlete_modifiers
Revises: 0005_athlete_plans
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_athlete_modifiers"
down_revision = "0005_athlete_plans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the four columns to athletes."""
    with op.batch_alter_table("athletes") as batch:
        batch.add_column(sa.Column("age", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("strength_training_age", sa.Float(), nullable=True))
        batch.add_column(sa.Column("avoid", sa.JSON(), server_default="[]", nullable=False))
        batch.add_column(sa.Column("max_strength_minutes", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Drop what upgrade added."""
    with op.batch_alter_table("athletes") as batch:
        batch.drop_column("max_strength_minutes")
        batch.drop_column("avoid")
        batch.drop_column("strength_training_age")
        batch.drop_column("age")
