"""Migrations: applied from code, idempotent, safe when several processes start at once.

Each test runs on SQLite and on PostgreSQL (`private_database` is an empty database of either).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, text

from api.storage.migrate import alembic_config, current_revision, head_revision, upgrade
from api.storage.models import Base

TABLES = {
    "coaches",
    "profiles",
    "athletes",
    "solved_weeks",
    "idempotency_keys",
    "calendar_feeds",
}


def schema(connection: Connection) -> dict[str, Any]:
    """Every table's columns, keys and indexes, as the database reports them."""
    found = inspect(connection)
    return {
        table: {
            "columns": [
                (column["name"], str(column["type"]), column["nullable"], column["default"])
                for column in found.get_columns(table)
            ],
            "primary_key": found.get_pk_constraint(table),
            "foreign_keys": sorted(found.get_foreign_keys(table), key=lambda key: key["name"]),
            "unique": sorted(found.get_unique_constraints(table), key=lambda key: key["name"]),
            "indexes": sorted(found.get_indexes(table), key=lambda index: index["name"]),
        }
        for table in sorted(found.get_table_names())
    }


def test_upgrade_on_an_empty_database_creates_the_schema_at_head(private_database):
    """Upgrading a brand-new database creates every table and records the newest revision."""
    url = private_database
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) >= TABLES
        assert current_revision(connection) == head_revision()
    engine.dispose()


def test_upgrading_twice_changes_nothing(private_database):
    """A second upgrade keeps both the schema and the rows already written."""
    url = private_database
    upgrade(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        before = schema(connection)
        connection.execute(
            text(
                "INSERT INTO coaches (name, token_hash, created_at) VALUES ('A', 'h', '2025-01-01')"
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        assert schema(connection) == before
        assert connection.execute(text("SELECT name FROM coaches")).scalars().all() == ["A"]
    engine.dispose()


def test_concurrent_upgrades_of_one_fresh_database_all_succeed(private_database):
    """Workers starting together each upgrade without 'table already exists' errors."""
    url = private_database
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


def test_the_migrations_build_exactly_the_schema_the_models_describe(private_database):
    """Autogenerate finds no difference between the migrated database and the ORM models."""
    url = private_database
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
KEPT_ROW = (7, 1, 1, {"days": {}}, {"level_fit": 0}, {}, "optimal", 3)
COLUMNS = "id, athlete_id, profile_id, request, weights, result, status, objective"


def rows(connection: Connection, table: str) -> list[tuple[Any, ...]]:
    """The plan columns of every row, JSON decoded (SQLite hands back text, PostgreSQL values)."""
    return [
        tuple(
            json.loads(value) if index in (3, 4, 5) and isinstance(value, str) else value
            for index, value in enumerate(row)
        )
        for row in connection.execute(text(f"SELECT {COLUMNS} FROM {table}"))
    ]


@pytest.fixture
def second_database(
    private_database: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Another empty database on the same backend as the test's own."""
    if private_database.startswith("sqlite"):
        yield f"sqlite:///{tmp_path_factory.mktemp('second') / 'second.sqlite3'}"
        return
    cluster = request.getfixturevalue("postgres_cluster")
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)


def test_the_migrated_schema_is_the_one_the_models_create(private_database, second_database):
    """Migrating from an empty database gives the very tables, keys, indexes and column
    defaults (PostgreSQL: the id sequences, named after their tables) that create_all gives."""
    upgrade(private_database)
    Base.metadata.create_all(reference := create_engine(second_database))
    migrated = create_engine(private_database)
    with migrated.connect() as left, reference.connect() as right:
        from_migrations = schema(left)
        del from_migrations["alembic_version"]
        assert from_migrations == schema(right)
    migrated.dispose()
    reference.dispose()


def test_plans_kept_at_revision_0001_become_solved_weeks_and_back(private_database):
    """A row of the old plans table is in solved_weeks after upgrading to head, with the schema
    the models describe, and back in plans after downgrading to 0001."""
    url = private_database
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        for statement in PLAN_ROWS:
            connection.execute(text(statement))
    upgrade(url)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert "plans" not in inspect(connection).get_table_names()
        assert rows(connection, "solved_weeks") == [KEPT_ROW]
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    with engine.connect() as connection:
        assert current_revision(connection) == "0001"
        assert "solved_weeks" not in inspect(connection).get_table_names()
        indexes = {index["name"] for index in inspect(connection).get_indexes("plans")}
        assert indexes == {"ix_plans_athlete_id", "ix_plans_profile_id"}
        assert rows(connection, "plans") == [KEPT_ROW]
    engine.dispose()


def test_rows_kept_at_revision_0002_start_at_version_1_and_downgrade_back(private_database):
    """Upgrading a database at 0002 gives its profiles and athletes version 1 and adds the
    idempotency keys; downgrading to 0002 removes what 0003 added and keeps the rows."""
    url = private_database
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


def test_athletes_kept_at_revision_0003_get_no_zone_and_no_feed_and_downgrade_back(
    private_database,
):
    """Upgrading a database at 0003 keeps its athletes with a null timezone and adds the
    calendar feeds table; downgrading to 0003 removes both and keeps the athletes."""
    url = private_database
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0003")
        for statement in PLAN_ROWS[:3]:
            connection.execute(text(statement))
    upgrade(url)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        zone = connection.execute(text("SELECT timezone FROM athletes")).scalar_one()
        assert zone is None
        assert "calendar_feeds" in inspect(connection).get_table_names()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO calendar_feeds (athlete_id, secret_hash, created_at)"
                " VALUES (1, 's', '2025-01-03')"
            )
        )
        command.downgrade(alembic_config(connection), "0003")
    with engine.connect() as connection:
        assert "calendar_feeds" not in inspect(connection).get_table_names()
        columns = {column["name"] for column in inspect(connection).get_columns("athletes")}
        assert "timezone" not in columns
        assert connection.execute(text("SELECT name FROM athletes")).scalar_one() == "Mia"
    engine.dispose()


def test_athletes_kept_at_revision_0004_get_no_plan_and_downgrade_back(private_database):
    """Upgrading a database at 0004 keeps its athletes and adds the athlete plans table, empty;
    a plan stored goes with its athlete; downgrading to 0004 drops the table, athletes kept."""
    url = private_database
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0004_calendars")
        for statement in PLAN_ROWS[:3]:
            connection.execute(text(statement))
    upgrade(url)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert connection.execute(text("SELECT COUNT(*) FROM athlete_plans")).scalar_one() == 0
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO athlete_plans (athlete_id, plan, created_at, updated_at)"
                " VALUES (1, '{\"start\": \"2027-03-01\"}', '2025-01-03', '2025-01-03')"
            )
        )
        assert connection.execute(text("SELECT version FROM athlete_plans")).scalar_one() == 1
        command.downgrade(alembic_config(connection), "0004_calendars")
    with engine.connect() as connection:
        assert "athlete_plans" not in inspect(connection).get_table_names()
        assert connection.execute(text("SELECT name FROM athletes")).scalar_one() == "Mia"
    engine.dispose()


def test_athletes_kept_at_revision_0005_get_no_modifiers_and_downgrade_back(private_database):
    """Upgrading a database at 0005 keeps its athletes with no age, lifting years or cap and
    nothing to avoid; downgrading to 0005 drops the four columns, athletes kept."""
    url = private_database
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0005_athlete_plans")
        for statement in PLAN_ROWS[:3]:
            connection.execute(text(statement))
    upgrade(url)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        row = connection.execute(
            text("SELECT age, strength_training_age, avoid, max_strength_minutes FROM athletes")
        ).one()
        assert (row[0], row[1], row[3]) == (None, None, None)
        assert row[2] in ([], "[]")
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0005_athlete_plans")
    with engine.connect() as connection:
        columns = {column["name"] for column in inspect(connection).get_columns("athletes")}
        assert not columns & {"age", "strength_training_age", "avoid", "max_strength_minutes"}
        assert connection.execute(text("SELECT name FROM athletes")).scalar_one() == "Mia"
    engine.dispose()
