"""Fixtures for the storage services: a migrated database in a temp folder, and two coaches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.storage import Database, upgrade
from api.storage.coaches import CoachIn, RegisteredCoach, register_coach


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite database in a temp folder, disposed after the test."""
    url = f"sqlite:///{tmp_path / 'trainweek.sqlite3'}"
    upgrade(url)
    db = Database(url)
    yield db
    db.dispose()


@pytest.fixture
def coach(database: Database) -> RegisteredCoach:
    """A registered coach, Ana."""
    with database.transaction() as session:
        return register_coach(session, CoachIn(name="Ana"))


@pytest.fixture
def other_coach(database: Database) -> RegisteredCoach:
    """A second registered coach, Ben, who must never see Ana's things."""
    with database.transaction() as session:
        return register_coach(session, CoachIn(name="Ben"))
