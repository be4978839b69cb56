"""Fixtures for the HTTP API: an app, its test client, and a solve that is always cross-checked."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from solver import WeekRequest


@pytest.fixture
def app() -> Flask:
    """A fresh app in testing mode."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Flask's test client for the app."""
    return app.test_client()


@pytest.fixture
def hansons_body(hansons_week: WeekRequest) -> dict[str, Any]:
    """The Hansons week as a JSON request body."""
    return hansons_week.model_dump(mode="json", exclude_defaults=True)


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
