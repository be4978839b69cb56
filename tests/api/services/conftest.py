"""Fixtures for the services: two signed-up coaches (the database is tests/api/conftest.py's)."""

from __future__ import annotations

import pytest

from api.services.coaches import CoachIn, RegisteredCoach, register_coach
from api.storage import Database


@pytest.fixture
def coach(database: Database) -> RegisteredCoach:
    """A signed-up coach, Ana, with her token."""
    return register_coach(database, CoachIn(name="Ana"))


@pytest.fixture
def other_coach(database: Database) -> RegisteredCoach:
    """A second signed-up coach, Ben, who must never see Ana's things."""
    return register_coach(database, CoachIn(name="Ben"))
