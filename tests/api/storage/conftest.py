"""Fixtures for the rows layer: two coaches' rows (the database is tests/api/conftest.py's)."""

from __future__ import annotations

import pytest

from api.storage import Database
from api.storage.coaches import insert_coach
from api.storage.models import Coach


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
