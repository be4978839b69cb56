"""Migrations: applied from code, idempotent, safe when several processes start at once."""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from api.storage.migrate import alembic_config, current_revision, head_revision, upgrade
from api.storage.models import Base

TABLES = {"coaches", "profiles", "athletes", "solved_weeks", "idempotency_keys"}


def sqlite_url(tmp_path: Path) -> str:
    """A SQLite URL for a file that does not exist yet."""
    return f"sqlite:///{tmp_path / 'fresh.sqlite3'}"


def test_upgrade_on_an_empty_database_creates_the_schema_at_head(tmp_path):
    """Upgrading a brand-new file creates every table and records the newest revision."""
    url = sqlite_url(tmp_path)
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) >= TABLES
        assert current_revision(connection) == head_revision()
    engine.dispose()


def test_upgrading_twice_changes_nothing(tmp_path):
    """A second upgrade keeps both the schema and the rows already written."""
    url = sqlite_url(tmp_path)
    upgrade(url)
    engine = create_engine(url)
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    with engine.begin() as connection:
        before = connection.execute(text(schema)).all()
        connection.execute(
            text(
                "INSERT INTO coaches (name, token_hash, created_at) VALUES ('A', 'h', '2025-01-01')"
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        assert connection.execute(text(schema)).all() == before
        assert connection.execute(text("SELECT name FROM coaches")).scalars().all() == ["A"]
    engine.dispose()


def test_concurrent_upgrades_of_one_fresh_database_all_succeed(tmp_path):
    """Workers starting together each upgrade without 'table already exists' errors."""
    url = sqlite_url(tmp_path)
    errors: list[str] = []
    start = threading.Barrier(4)

    def worker() -> None:
        start.wait()
        try:
            upgrade(url)
        except BaseException as error:
            errors.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = create_engine(url)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
    engine.dispose()


def test_the_migrations_build_exactly_the_schema_the_models_describe(tmp_path):
    """Autogenerate finds no difference between the migrated database and the ORM models."""
    url = sqlite_url(tmp_path)
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


PLAN_ROWS = [
    "INSERT INTO coaches (id, name, token_hash, created_at) VALUES (1, 'A', 'h', '2025-01-01')",
    "INSERT INTO profiles (id, coach_id, name, description, weights, created_at, updated_at)"
    " VALUES (1, 1, 'p', '', '{\"level_fit\": 0}', '2025-01-01', '2025-01-01')",
    "INSERT INTO athletes (id, coach_id, name, level, phase, equipment, default_week,"
    " created_at, updated_at)"
    " VALUES (1, 1, 'Mia', 'beginner', NULL, 'gym', '{}', '2025-01-01', '2025-01-01')",
    "INSERT INTO plans (id, athlete_id, profile_id, request, weights, result, status, objective,"
    " created_at) VALUES (7, 1, 1, '{\"days\": {}}', '{\"level_fit\": 0}', '{}', 'optimal', 3,"
    " '2025-01-02')",
]
KEPT_ROW = (7, 1, 1, '{"days": {}}', '{"level_fit": 0}', "{}", "optimal", 3)
COLUMNS = "id, athlete_id, profile_id, request, weights, result, status, objective"


def test_plans_kept_at_revision_0001_become_solved_weeks_and_back(tmp_path):
    """A row of the old plans table is in solved_weeks after upgrading to head, with the schema
    the models describe, and back in plans after downgrading to 0001."""
    url = sqlite_url(tmp_path)
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        for statement in PLAN_ROWS:
            connection.execute(text(statement))
    upgrade(url)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert "plans" not in inspect(connection).get_table_names()
        kept = connection.execute(text(f"SELECT {COLUMNS} FROM solved_weeks")).all()
        assert [tuple(row) for row in kept] == [KEPT_ROW]
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    with engine.connect() as connection:
        assert current_revision(connection) == "0001"
        assert "solved_weeks" not in inspect(connection).get_table_names()
        indexes = {index["name"] for index in inspect(connection).get_indexes("plans")}
        assert indexes == {"ix_plans_athlete_id", "ix_plans_profile_id"}
        back = connection.execute(text(f"SELECT {COLUMNS} FROM plans")).all()
        assert [tuple(row) for row in back] == [KEPT_ROW]
    engine.dispose()


def test_rows_kept_at_revision_0002_start_at_version_1_and_downgrade_back(tmp_path):
    """Upgrading a database at 0002 gives its profiles and athletes version 1 and adds the
    idempotency keys; downgrading to 0002 removes what 0003 added and keeps the rows."""
    url = sqlite_url(tmp_path)
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
        for statement in PLAN_ROWS[:3]:
            connection.execute(text(statement))
    upgrade(url)
    with engine.connect() as connection:
        versions = [
            connection.execute(text(f"SELECT version FROM {table}")).scalar_one()
            for table in ("profiles", "athletes")
        ]
        assert versions == [1, 1]
        assert "idempotency_keys" in inspect(connection).get_table_names()
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0002")
    with engine.connect() as connection:
        assert "idempotency_keys" not in inspect(connection).get_table_names()
        columns = {column["name"] for column in inspect(connection).get_columns("profiles")}
        assert "version" not in columns
        assert connection.execute(text("SELECT name FROM profiles")).scalar_one() == "p"
    engine.dispose()
