"""Calendars: the athlete's time zone and each athlete's calendar feed secret (its hash).

`athletes.timezone` is an IANA name or null (existing athletes: null, as before); the
`calendar_feeds` table holds at most one feed per athlete, deleted with the athlete.

Revision ID: 0004_calendars
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Named for the branch that added it: another 0004 may be merged beside it.
revision = "0004_calendars"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the athlete's time zone and the calendar feeds table."""
    with op.batch_alter_table("athletes") as batch:
        batch.add_column(sa.Column("timezone", sa.String(length=64), nullable=True))
    op.create_table(
        "calendar_feeds",
        sa.Column("athlete_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_calendar_feeds_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_calendar_feeds_secret_hash")),
    )


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_table("calendar_feeds")
    with op.batch_alter_table("athletes") as batch:
        batch.drop_column("timezone")
