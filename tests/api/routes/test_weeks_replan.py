"""POST /v1/weeks/replan: the week as it happens, over HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.helpers import runs

PROBLEM = "application/problem+json"
REQUEST: dict[str, Any] = {
    "days": {
        "mon": runs("easy"),
        "tue": runs("intervals"),
        "thu": runs("easy"),
        "sat": runs("long", minutes=100),
    },
    "week_of": "2026-11-30",
}


def held_week(client: FlaskClient) -> dict[str, Any]:
    """The week /v1/weeks/solve answers for REQUEST: its days."""
    response = client.post("/v1/weeks/solve", json=REQUEST)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["days"]


def first_session(week: dict[str, Any]) -> tuple[str, str]:
    """The first day holding strength, and its session."""
    day = next(d for d, plan in week.items() if plan["strength"])
    return day, week[day]["strength"][0]["session"]


def test_replan_keeps_the_past_and_lists_what_changed(client: FlaskClient) -> None:
    """A missed session: the past keeps what happened, and `changes` names it with the rule
    id past_as_it_happened."""
    week = held_week(client)
    day, session = first_session(week)
    body = {
        "request": REQUEST,
        "week": week,
        "today": "sun",
        "missed": [{"day": day, "session": session}],
    }
    response = client.post("/v1/weeks/replan", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert answer["today"] == "sun"
    assert session not in [s["session"] for s in answer["days"][day]["strength"]]
    change = next(c for c in answer["changes"] if c["session"] == session and c["day"] == day)
    assert "past_as_it_happened" in change["reasons"]


def test_replan_with_heavy_legs_takes_heavy_sessions_off_today_and_tomorrow(
    client: FlaskClient,
) -> None:
    """Heavy legs from Monday: no heavy-leg session Mon or Tue."""
    week = held_week(client)
    body = {"request": REQUEST, "week": week, "today": "mon", "legs": "heavy"}
    answer = client.post("/v1/weeks/replan", json=body).get_json()
    for day in ("mon", "tue"):
        assert all(
            s["leg_load"] not in ("heavy", "moderate") for s in answer["days"][day]["strength"]
        )


@pytest.mark.parametrize(
    ("happened", "field"),
    [
        ({"today": "2026-12-08"}, "today"),
        ({"done": [{"day": "mon", "session": "plyometrics"}]}, "done[0].session"),
        ({"moved": [{"day": "mon", "run": "easy", "to": "2026-11-29"}]}, "moved[0].to"),
    ],
)
def test_what_the_week_does_not_hold_is_400_naming_the_field(
    client: FlaskClient, happened: dict[str, Any], field: str
) -> None:
    """A today outside the week, a done session never planned, a move out of the week: 400
    problems naming the field."""
    week = held_week(client)
    body = {"request": REQUEST, "week": week, "today": "wed", **happened}
    response = client.post("/v1/weeks/replan", json=body)
    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    assert field in {error["field"] for error in response.get_json()["errors"]}


def test_a_schema_error_is_400_naming_the_field(client: FlaskClient) -> None:
    """An unknown legs word is refused by the schema, naming the field."""
    body = {"request": REQUEST, "week": {}, "today": "mon", "legs": "wobbly"}
    response = client.post("/v1/weeks/replan", json=body)
    assert response.status_code == 400 and response.mimetype == PROBLEM
    assert any(error["field"].startswith("legs") for error in response.get_json()["errors"])


def test_a_replan_without_a_week_is_422_with_conflicts(client: FlaskClient) -> None:
    """Heavy legs moved by the runner to the day before the long run: 422 with the rules."""
    week = {"mon": {"strength": [{"session": "strength_control"}]}}
    body = {
        "request": REQUEST,
        "week": week,
        "today": "mon",
        "moved": [{"day": "mon", "session": "strength_control", "to": "fri"}],
    }
    response = client.post("/v1/weeks/replan", json=body)
    assert response.status_code == 422 and response.mimetype == PROBLEM
    rules = {c["rule"] for c in response.get_json()["conflicts"]}
    assert {"past_as_it_happened", "no_heavy_legs_before_key_run"} <= rules
