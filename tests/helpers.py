"""Helpers the tests share: weeks built in a line, and HTTP calls every API test makes.

Imported by the tests themselves; `conftest.py` holds only fixtures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from solver import WeekRequest, solve
from solver.replan import ReplanRequest

ROOT = Path(__file__).resolve().parent.parent


def week(days: dict[str, Any] | None = None, **fields: Any) -> WeekRequest:
    """A week request from `days` keyed mon..sun plus any other request fields."""
    return WeekRequest.model_validate({"days": days or {}, **fields})


def runs(*types: str, minutes: int = 45) -> dict[str, Any]:
    """A day holding runs of the given types."""
    return {"runs": [{"type": run_type, "minutes": minutes} for run_type in types]}


def replan_body(request: WeekRequest, today: str, **happened: Any) -> ReplanRequest:
    """A replan of the week `request` solves to, from `today`, with what `happened`."""
    held = solve(request).model_dump(mode="json")["days"]
    return ReplanRequest.model_validate(
        {"request": request, "week": held, "today": today, **happened}
    )


def plan_of(week: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """The strength of a solved week (JSON) as an evaluate plan."""
    return {
        day: [{"session": session["session"]} for session in day_plan["strength"]]
        for day, day_plan in week["days"].items()
    }


def solve_checked(client: FlaskClient, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/weeks/solve expecting 200, and check /v1/weeks/evaluate scores the week the same."""
    response = client.post("/v1/weeks/solve", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    week = response.get_json()
    scored = client.post("/v1/weeks/evaluate", json={"request": body, "plan": plan_of(week)})
    assert scored.status_code == 200, scored.get_data(as_text=True)
    assert scored.get_json()["feasible"] is True
    assert scored.get_json()["objective"] == week["objective"]
    return week


def bearer(token: str) -> dict[str, str]:
    """The Authorization header carrying `token`."""
    return {"Authorization": f"Bearer {token}"}


def register(client: FlaskClient, name: str) -> dict[str, str]:
    """Sign a coach up over HTTP; their Authorization header."""
    response = client.post("/v1/coaches", json={"name": name})
    assert response.status_code == 201, response.get_data(as_text=True)
    return bearer(response.get_json()["token"])
