"""Shared fixtures: weeks built in a line, the repository's scenario folder, a private database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from solver import WeekRequest
from solver.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent


def week(days: dict[str, Any] | None = None, **fields: Any) -> WeekRequest:
    """A week request from `days` keyed mon..sun plus any other request fields."""
    return WeekRequest.model_validate({"days": days or {}, **fields})


def runs(*types: str, minutes: int = 45) -> dict[str, Any]:
    """A day holding runs of the given types."""
    return {"runs": [{"type": run_type, "minutes": minutes} for run_type in types]}


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
