"""A solved-plan answer in the shape the plan solver returns, built from an imported plan, so
the writers can be tested without the solver (the plan model lives on its own branch)."""

from __future__ import annotations

import datetime as dt
from typing import Any

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SESSION = {
    "session": "lower_heavy",
    "name": "Lower body heavy",
    "leg_load": "heavy",
    "needs_gym": True,
    "minutes": 45,
    "exercises": ["Back squat", "Romanian deadlift"],
    "position": "after_run",
}


def result_of(
    plan: dict[str, Any], strength_on: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The plan as a result: every date with its runs, strength on the given ISO dates."""
    strength_on = strength_on or {}
    start = dt.date.fromisoformat(plan["start"])
    days, weeks = [], []
    for week_index, week in enumerate(plan["weeks"]):
        monday = start + dt.timedelta(days=7 * week_index)
        weeks.append({"start": monday.isoformat(), "phase": week.get("phase", "build")})
        for day_index, day_id in enumerate(DAYS):
            date = (monday + dt.timedelta(days=day_index)).isoformat()
            runs = week["days"].get(day_id, {}).get("runs", [])
            days.append(
                {
                    "date": date,
                    "weekday": day_id,
                    "runs": [{"key": False, **run} for run in runs],
                    "strength": [strength_on[date]] if date in strength_on else [],
                }
            )
    return {"status": "optimal", "days": days, "weeks": weeks}
