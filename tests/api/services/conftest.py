"""Fixtures for the services: a migrated database in a temp folder, and two signed-up coaches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.services.coaches import CoachIn, RegisteredCoach, register_coach
from api.storage import Database, upgrade


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite database in a temp folder, disposed after the test."""
    url = f"sqlite:///{tmp_path / 'services.sqlite3'}"
    upgrade(url)
    db = Database(url)
    yield db
    db.dispose()


@pytest.fixture
def coach(database: Database) -> RegisteredCoach:
    """A signed-up coach, Ana, with her token."""
    return register_coach(database, CoachIn(name="Ana"))


@pytest.fixture
def other_coach(database: Database) -> RegisteredCoach:
    """A second signed-up coach, Ben, who must never see Ana's things."""
    return register_coach(database, CoachIn(name="Ben"))
