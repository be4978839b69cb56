"""Plans built in a line for the plan tests."""

from __future__ import annotations

from typing import Any

from solver.plan.domain import PlanRequest

START = "2027-03-01"
"""A Monday."""


def plan(*weeks: dict[str, Any], **fields: Any) -> PlanRequest:
    """A plan from `START` whose weeks are given by their days (keyed mon..sun)."""
    body: dict[str, Any] = {"start": START, "weeks": [{"days": days} for days in weeks]}
    return PlanRequest.model_validate({**body, **fields})


def closed_except(**days: dict[str, Any]) -> dict[str, Any]:
    """A week whose days are all unavailable but the ones given."""
    week: dict[str, Any] = {
        day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    }
    return {**week, **days}
