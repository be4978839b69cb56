"""Bring the database schema up to date with Alembic, from code, at start-up.

Every process that creates the app runs `upgrade`: gunicorn workers, `flask run`, the tests. So two
workers may start at once on an empty database. Each runs the whole upgrade inside one transaction
that first takes the database's write lock (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a transaction
advisory lock). The second waits for the first to commit, then finds the schema at head and does
nothing. The lock lives in the database, not in a file beside it, so it also holds when the
workers run on different hosts against one PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, event, text

from api.storage.database import is_sqlite, new_engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

# Long enough to wait for another worker's migration to finish.
LOCK_TIMEOUT_S = 60
# Any fixed number, the same in every process: PostgreSQL's advisory locks are keyed by integer.
ADVISORY_LOCK_KEY = 0x7472_6E77  # "trnw"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config built in code: no alembic.ini, whatever the working directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(url: str) -> None:
    """Migrate the database at `url` to the newest schema; a no-op when it is already there."""
    engine = _migration_engine(url)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
                )
            command.upgrade(alembic_config(connection), "head")
    finally:
        engine.dispose()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None before the first migration."""
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision among the migrations shipped with the package."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _migration_engine(url: str) -> Engine:
    engine = new_engine(url, connect_args={"timeout": LOCK_TIMEOUT_S} if is_sqlite(url) else {})
    if engine.dialect.name == "sqlite":
        # The driver's own transaction handling only begins before DML and never takes the write
        # lock up front: take over and begin every transaction with BEGIN IMMEDIATE, so the whole
        # upgrade, version check included, runs under the lock.
        event.listen(engine, "connect", _driver_autocommit)
        event.listen(engine, "begin", _begin_immediate)
    return engine


def _driver_autocommit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")
