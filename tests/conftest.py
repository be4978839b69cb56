"""Shared fixtures: the Hansons week and a private database per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver import WeekRequest
from solver.scenario import Scenario
from tests.helpers import ROOT


@pytest.fixture
def hansons_week() -> WeekRequest:
    """Hansons beginner marathon plan, ten weeks out (a published week from DOMAIN.md)."""
    return Scenario.load(ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json").request


@pytest.fixture(autouse=True)
def private_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point DATABASE_URL at a fresh file per test, so no app a test creates (nor the CLI it
    runs) touches the repository's instance folder or another test's data."""
    url = f"sqlite:///{tmp_path / 'trainweek.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url
