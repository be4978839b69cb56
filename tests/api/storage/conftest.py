"""Fixtures for the rows layer: a migrated database in a temp folder, and two coaches' rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.storage import Database, upgrade
from api.storage.coaches import insert_coach
from api.storage.models import Coach


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite database in a temp folder, disposed after the test."""
    url = f"sqlite:///{tmp_path / 'storage.sqlite3'}"
    upgrade(url)
    db = Database(url)
    yield db
    db.dispose()


@pytest.fixture
def coach(database: Database) -> Coach:
    """Coach Ana's row; her token's hash is 'a' * 64."""
    with database.transaction() as session:
        return insert_coach(session, "Ana", "a" * 64)


@pytest.fixture
def other_coach(database: Database) -> Coach:
    """Coach Ben's row, whose things Ana must never reach; his token's hash is 'b' * 64."""
    with database.transaction() as session:
        return insert_coach(session, "Ben", "b" * 64)
