"""Fixtures for the storage layer: a migrated database in a temp folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.storage import Database, upgrade


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite database in a temp folder, disposed after the test."""
    url = f"sqlite:///{tmp_path / 'trainweek.sqlite3'}"
    upgrade(url)
    db = Database(url)
    yield db
    db.dispose()

