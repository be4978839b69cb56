"""Athlete plans: the training plan a coach stores for an athlete (one at most).

`athlete_plans` holds the plan as JSON, versioned like the athlete, deleted with the athlete.

Revision ID: 0005_athlete_plans
Revises: 0004_calendars
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Named for the branch that added it: another 0005 may be merged beside it.
revision = "0005_athlete_plans"
down_revision = "0004_calendars"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the athlete plans table."""
    op.create_table(
        "athlete_plans",
        sa.Column("athlete_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_athlete_plans_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name=op.f("pk_athlete_plans")),
    )


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_table("athlete_plans")
