"""POST /v1/weeks/alternatives via the test client: a solved week in, every other day out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from api.app import create_app
from tests.helpers import plan_of

ROOT = Path(__file__).resolve().parents[3]
PROBLEM = "application/problem+json"


@pytest.fixture
def client() -> FlaskClient:
    """A test client of a fresh app (no database needed: alternatives read none)."""
    return create_app({"TESTING": True}).test_client()


@pytest.fixture
def hansons() -> dict[str, Any]:
    """The Hansons scenario as a request body (the scenario's own fields left out)."""
    data = json.loads((ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json").read_text())
    return {key: value for key, value in data.items() if key in ("days", "athlete", "strength")}


def solved(client: FlaskClient, request: dict[str, Any]) -> dict[str, Any]:
    """The `days` of the /v1/weeks/solve answer for `request`."""
    response = client.post("/v1/weeks/solve", json=request)
    assert response.status_code == 200, response.get_data(as_text=True)
    return dict(response.get_json()["days"])


def first_placed(days: dict[str, Any]) -> tuple[str, str]:
    """The first day holding strength, and its session id."""
    day = next(day for day, plan in days.items() if plan["strength"])
    return day, days[day]["strength"][0]["session"]


def test_a_solved_week_posted_back_as_is_gets_six_days(client, hansons):
    """The solve answer's `days`, posted unchanged, gets the six other days, each allowed with a
    cost delta that evaluate confirms, or forbidden with a rule and a reason."""
    days = solved(client, hansons)
    day, session = first_placed(days)
    response = client.post(
        "/v1/weeks/alternatives",
        json={"request": hansons, "week": days, "day": day, "session": session},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert sorted(a["day"] for a in answer["alternatives"]) == sorted(set(days) - {day})
    base = client.post(
        "/v1/weeks/evaluate", json={"request": hansons, "plan": plan_of({"days": days})}
    )
    for option in answer["alternatives"]:
        plan = plan_of({"days": days})
        plan[day] = [entry for entry in plan[day] if entry["session"] != session]
        plan[option["day"]] = [*plan.get(option["day"], []), {"session": session}]
        scored = client.post(
            "/v1/weeks/evaluate", json={"request": hansons, "plan": plan}
        ).get_json()
        if option["allowed"]:
            assert option["cost_delta"] == scored["objective"] - base.get_json()["objective"]
        else:
            assert option["rule"] in {v["rule"] for v in scored["violations"]}
            assert option["reason"]


def test_the_day_before_a_key_run_is_forbidden_naming_the_run(client, hansons):
    """Heavy legs on Thursday cannot move to Wednesday: the answer names the rule and
    Thursday's tempo run."""
    week = {"thu": {"strength": [{"session": "lower_body_core"}]}}
    body = {"request": hansons, "week": week, "day": "thu", "session": "lower_body_core"}
    answer = client.post("/v1/weeks/alternatives", json=body).get_json()
    wednesday = next(a for a in answer["alternatives"] if a["day"] == "wed")
    assert wednesday["allowed"] is False
    assert wednesday["rule"] == "no_heavy_legs_before_key_run"
    assert "Thu's key tempo run" in wednesday["reason"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"day": "wed"}, "session"),
        ({"session": "plyometrics"}, "session"),
        ({"day": "someday"}, "day"),
        ({"week": {"thu": {"strength": [{"session": "nope"}]}}}, "week.thu.strength[0].session"),
        ({"week": {"funday": {"strength": []}}}, "week"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, hansons, change, field):
    """A session not on that day, an unknown day or session id: 400 problem naming the field."""
    body = {
        "request": hansons,
        "week": {"thu": {"strength": [{"session": "lower_body_core"}]}},
        "day": "thu",
        "session": "lower_body_core",
        **change,
    }
    response = client.post("/v1/weeks/alternatives", json=body)
    assert response.status_code == 400
    assert response.content_type == PROBLEM
    assert any(error["field"].startswith(field) for error in response.get_json()["errors"])


@pytest.fixture
def evening() -> dict[str, Any]:
    """A timed library week: Monday free only 18:00-21:00, Tuesday's intervals at 07:00."""
    path = ROOT / "scenarios" / "evening-lift-before-0700-intervals.json"
    data = json.loads(path.read_text())
    return {key: value for key, value in data.items() if key in ("days", "athlete", "strength")}


def test_a_timed_week_gets_an_alternative_per_window_with_its_start(client, evening):
    """The solve answer's timed `days` posted back: each alternative on a day with times has
    `at`; moving the session there (at that start) and scoring it with evaluate gives the
    answer's cost delta; the window before Tuesday's 07:00 intervals names the 24 h rule."""
    days = solved(client, evening)
    day, session = first_placed(days)
    assert days[day]["strength"][0]["at"]
    body = {"request": evening, "week": days, "day": day, "session": session}
    response = client.post("/v1/weeks/alternatives", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert answer["at"] == days[day]["strength"][0]["at"]
    assert all(option["at"] for option in answer["alternatives"])
    assert len(answer["alternatives"]) > 6  # days with two windows count twice
    base = client.post(
        "/v1/weeks/evaluate", json={"request": evening, "plan": plan_of({"days": days})}
    ).get_json()
    for option in answer["alternatives"]:
        plan = plan_of({"days": days})
        plan[day] = [entry for entry in plan[day] if entry["session"] != session]
        moved = {"session": session, "at": option["at"]}
        plan[option["day"]] = [*plan.get(option["day"], []), moved]
        scored = client.post("/v1/weeks/evaluate", json={"request": evening, "plan": plan})
        assert scored.status_code == 200, scored.get_data(as_text=True)
        if option["allowed"]:
            assert option["cost_delta"] == scored.get_json()["objective"] - base["objective"]
        else:
            assert option["rule"] in {v["rule"] for v in scored.get_json()["violations"]}
    # Tuesday's heavy legs (after the intervals) cannot go to the evening before them.
    assert (day, session) == ("tue", "strength_control")
    monday = next(a for a in answer["alternatives"] if a["day"] == "mon")
    assert monday["rule"] == "no_heavy_legs_before_key_run"
    assert "Tue's 07:00 key intervals run" in monday["reason"]


def test_an_untimed_week_answers_as_before_without_at(client, hansons):
    """No day with times: no `at` anywhere in the answer."""
    days = solved(client, hansons)
    day, session = first_placed(days)
    body = {"request": hansons, "week": days, "day": day, "session": session}
    answer = client.post("/v1/weeks/alternatives", json=body).get_json()
    assert "at" not in answer
    assert len(answer["alternatives"]) == 6
    assert all("at" not in option for option in answer["alternatives"])


def test_at_on_a_day_without_times_is_a_400_naming_it(client, hansons):
    """A session's `at` on a day that has no times is refused, naming the field."""
    week = {"thu": {"strength": [{"session": "lower_body_core", "at": "18:00"}]}}
    body = {"request": hansons, "week": week, "day": "thu", "session": "lower_body_core"}
    response = client.post("/v1/weeks/alternatives", json=body)
    assert response.status_code == 400
    assert response.content_type == PROBLEM
    fields = [error["field"] for error in response.get_json()["errors"]]
    assert "week.thu.strength[0].at" in fields
