"""The database: where it lives, how connections start, one transaction per unit of work."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from api.storage.errors import Busy, Conflict

DATABASE_FILE = "trainweek.sqlite3"
WAL_ATTEMPTS = 10


def database_url(config: Mapping[str, Any], instance_path: str | os.PathLike[str]) -> str:
    """The database to use: `DATABASE_URL` from the config, else from the environment, else a
    SQLite file in the instance folder (the folder is created)."""
    url = config.get("DATABASE_URL") or os.environ.get("DATABASE_URL")
    if url:
        return with_postgresql_driver(str(url))
    folder = Path(instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / DATABASE_FILE}"


def with_postgresql_driver(url: str) -> str:
    """A PostgreSQL URL that names no driver gets psycopg 3, the one trainweek installs
    (`trainweek[postgresql]`); SQLAlchemy would pick psycopg2. Heroku-style `postgres://`,
    which SQLAlchemy no longer accepts at all, too."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def new_engine(url: str, **options: Any) -> Engine:
    """An engine for `url`; on SQLite, every connection gets WAL mode and foreign keys.

    SQL parameters stay out of error messages: they hold request bodies and token hashes, and
    an unexpected error's message ends up in the log.
    """
    engine = create_engine(url, hide_parameters=True, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # SQLite leaves foreign keys off unless asked, per connection; WAL lets readers and the one
    # writer proceed at once, which matters with several gunicorn workers on the same file.
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
    if not _in_memory(dbapi_connection):
        _use_wal(dbapi_connection)


def _use_wal(dbapi_connection: sqlite3.Connection) -> None:
    # Switching a new file to WAL needs an exclusive lock. When two workers switch at once, SQLite
    # refuses one of them at once ("database is locked") rather than let both wait on each other,
    # so retry: by then the other has switched the file, and WAL mode is kept in the file.
    for attempt in range(1, WAL_ATTEMPTS + 1):
        try:
            dbapi_connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == WAL_ATTEMPTS:
                raise
            time.sleep(0.02 * attempt)


def _in_memory(dbapi_connection: sqlite3.Connection) -> bool:
    row = dbapi_connection.execute("PRAGMA database_list").fetchone()
    return not row or not row[2]


def _locked(error: OperationalError) -> bool:
    """Whether the error is SQLite's "database is locked" (or "busy"): a lock, not a fault."""
    message = str(error.orig).lower()
    return "database is locked" in message or "database is busy" in message


def is_sqlite(url: str) -> bool:
    """Whether `url` names a SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


class Database:
    """An engine and its sessions; `transaction()` is the only way the API writes."""

    def __init__(self, url: str, **engine_options: Any) -> None:
        self.url = url
        self.engine = new_engine(url, **engine_options)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back entirely on any error.

        This is the one place where a write that lost a race to another request becomes a
        refusal the client can act on, whichever database and whichever table: a constraint
        violated (a name taken meanwhile, a row referred to deleted meanwhile) or a versioned
        row changed or deleted since it was read is Conflict; SQLite's write lock still held by
        another request after the busy timeout is Busy.
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except IntegrityError:
            raise Conflict(
                "another request changed the same data at the same time (a name taken, or "
                "something this refers to deleted); read it again and retry"
            ) from None
        except StaleDataError:
            raise Conflict(
                "another request changed or deleted this at the same time; read it again and retry"
            ) from None
        except OperationalError as error:
            if _locked(error):
                raise Busy("the database is busy with other writes; retry shortly") from None
            raise

    def dispose(self) -> None:
        """Close every pooled connection (at shutdown, or before a test removes the file)."""
        self.engine.dispose()
