"""An athlete's stored solves are their history: the table plans becomes solved_weeks.

"Plan" is kept for multi-week training plans. The rows stay as they are; the table's indexes
and named constraints take the new table's name, as `api/storage/models.py` names them, and so
does PostgreSQL's sequence behind `id`, which a new table would get as `solved_weeks_id_seq`.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CONSTRAINTS = ("pk_{table}", "fk_{table}_athlete_id_athletes", "fk_{table}_profile_id_profiles")
INDEXES = ("ix_{table}_athlete_id", "ix_{table}_profile_id")


def upgrade() -> None:
    """Rename plans to solved_weeks."""
    _rename("plans", "solved_weeks")


def downgrade() -> None:
    """Rename solved_weeks back to plans."""
    _rename("solved_weeks", "plans")


def _rename(old: str, new: str) -> None:
    op.rename_table(old, new)
    if op.get_context().dialect.name == "postgresql":
        for name in CONSTRAINTS:
            op.execute(
                f"ALTER TABLE {new} RENAME CONSTRAINT {name.format(table=old)} "
                f"TO {name.format(table=new)}"
            )
        for name in INDEXES:
            op.execute(f"ALTER INDEX {name.format(table=old)} RENAME TO {name.format(table=new)}")
        # The column's default names the sequence by its oid: renaming it keeps ids running on.
        op.execute(f"ALTER SEQUENCE IF EXISTS {old}_id_seq RENAME TO {new}_id_seq")
        return
    # SQLite renames neither constraints nor indexes: rebuild the table under the new names.
    for name in INDEXES:
        op.drop_index(name.format(table=old), table_name=new)
    with op.batch_alter_table(new, recreate="always") as batch:
        batch.drop_constraint(f"pk_{old}", type_="primary")
        batch.create_primary_key(f"pk_{new}", ["id"])
        batch.drop_constraint(f"fk_{old}_athlete_id_athletes", type_="foreignkey")
        batch.drop_constraint(f"fk_{old}_profile_id_profiles", type_="foreignkey")
        batch.create_foreign_key(
            f"fk_{new}_athlete_id_athletes", "athletes", ["athlete_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_foreign_key(
            f"fk_{new}_profile_id_profiles", "profiles", ["profile_id"], ["id"], ondelete="SET NULL"
        )
    op.create_index(f"ix_{new}_athlete_id", new, ["athlete_id"])
    op.create_index(f"ix_{new}_profile_id", new, ["profile_id"])
