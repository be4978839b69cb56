"""Where the database lives, how its connections are set up, and all-or-nothing transactions."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select, text

from api.storage import Busy, Conflict, Database, database_url
from api.storage.database import _sqlite_pragmas
from api.storage.models import Coach, Profile


def test_the_default_database_is_a_sqlite_file_in_a_new_instance_folder(tmp_path, monkeypatch):
    """With no DATABASE_URL, the instance folder is created and holds trainweek.sqlite3."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    instance = tmp_path / "instance"
    assert database_url({}, instance) == f"sqlite:///{instance / 'trainweek.sqlite3'}"
    assert instance.is_dir()


def test_database_url_comes_from_the_config_before_the_environment(tmp_path, monkeypatch):
    """config['DATABASE_URL'] wins over the environment, which wins over the default."""
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://env/trainweek")
    assert database_url({}, tmp_path) == "postgresql+psycopg://env/trainweek"
    assert database_url({"DATABASE_URL": "sqlite:///x.db"}, tmp_path) == "sqlite:///x.db"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
        ("postgresql+psycopg2://h/db", "postgresql+psycopg2://h/db"),
    ],
)
def test_postgresql_urls_without_a_driver_get_psycopg_3(tmp_path, given, used):
    """Heroku-style `postgres://` (which SQLAlchemy refuses) and `postgresql://` use psycopg 3,
    the driver trainweek installs; a URL naming its driver keeps it."""
    assert database_url({"DATABASE_URL": given}, tmp_path) == used


@pytest.mark.sqlite_only
def test_sqlite_connections_use_wal_and_enforce_foreign_keys(database):
    """Each connection runs in WAL mode with foreign keys on."""
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_profile_for_a_coach_that_does_not_exist_is_refused(database):
    """The foreign key to coaches holds: no orphan profile can be written (a Conflict, as for
    a request that raced the coach's deletion)."""
    with pytest.raises(Conflict, match="changed the same data"), database.transaction() as session:
        session.add(Profile(coach_id=999, name="orphan", description="", weights={}))


def test_an_error_mid_transaction_leaves_nothing_written(database):
    """A coach and a profile flushed in one transaction both vanish when it fails after them."""
    with pytest.raises(RuntimeError), database.transaction() as session:
        coach = Coach(name="Ana", token_hash="0" * 64)
        session.add(coach)
        session.flush()
        session.add(Profile(coach_id=coach.id, name="p", description="", weights={}))
        session.flush()
        raise RuntimeError("fails after both rows were written")
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Coach)) == 0
        assert session.scalar(select(func.count()).select_from(Profile)) == 0


class LockedOnce:
    """A DB-API connection whose first WAL switch is refused as a concurrent one would be."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def execute(self, statement: str) -> LockedOnce:
        self.statements.append(statement)
        if statement == "PRAGMA journal_mode = WAL" and self.statements.count(statement) == 1:
            raise sqlite3.OperationalError("database is locked")
        return self

    def fetchone(self) -> tuple[int, str, str]:
        return (0, "main", "/tmp/file.sqlite3")


def test_a_wal_switch_refused_by_a_concurrent_one_is_retried():
    """Two workers opening a new file at once: the one SQLite refuses tries again and succeeds."""
    connection = LockedOnce()
    _sqlite_pragmas(connection, None)  # type: ignore[arg-type]
    assert connection.statements.count("PRAGMA journal_mode = WAL") == 2
    assert "PRAGMA foreign_keys = ON" in connection.statements


@pytest.mark.sqlite_only
def test_a_write_lock_held_past_the_busy_timeout_is_busy(private_database, database):
    """Another connection holding SQLite's write lock longer than the busy timeout makes a
    write raise Busy (a 503 to retry), not OperationalError (a 500)."""
    impatient = Database(private_database, connect_args={"timeout": 0.05})
    holder = sqlite3.connect(private_database.removeprefix("sqlite:///"), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(Busy, match="retry"), impatient.transaction() as session:
            session.add(Coach(name="Ana", token_hash="0" * 64))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.dispose()


def test_a_versioned_row_changed_since_it_was_read_is_a_conflict(database):
    """A profile updated from a copy whose version another transaction has moved on is a
    Conflict, and the other transaction's change stays."""
    with database.transaction() as session:
        coach = Coach(name="Ana", token_hash="0" * 64)
        session.add(coach)
        session.flush()
        profile = Profile(coach_id=coach.id, name="p", description="", weights={})
        session.add(profile)
    with pytest.raises(Conflict, match="changed or deleted"), database.transaction() as session:
        mine = session.get(Profile, profile.id)
        assert mine is not None
        with database.transaction() as other:
            theirs = other.get(Profile, profile.id)
            assert theirs is not None
            theirs.name = "theirs"
        mine.name = "mine"
        session.flush()
    with database.transaction() as session:
        stored = session.get(Profile, profile.id)
        assert stored is not None and (stored.name, stored.version) == ("theirs", 2)
