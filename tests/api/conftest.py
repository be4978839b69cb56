"""Fixtures for the HTTP API: an app on a private database, its client, two coaches, and a
solve that is always cross-checked by evaluate."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from api.store import EXTENSION
from solver import WeekRequest


@pytest.fixture
def app(private_database: str) -> Iterator[Flask]:
    """A fresh app in testing mode on the test's own database, closed afterwards."""
    app = create_app({"TESTING": True, "DATABASE_URL": private_database})
    yield app
    app.extensions[EXTENSION].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of the app."""
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


def bearer(token: str) -> dict[str, str]:
    """The Authorization header carrying `token`."""
    return {"Authorization": f"Bearer {token}"}


def register(client: FlaskClient, name: str) -> dict[str, str]:
    """Sign a coach up over HTTP; their Authorization header."""
    response = client.post("/v1/coaches", json={"name": name})
    assert response.status_code == 201, response.get_data(as_text=True)
    return bearer(response.get_json()["token"])


@pytest.fixture
def ana(client: FlaskClient) -> dict[str, str]:
    """Coach Ana's Authorization header."""
    return register(client, "Ana")


@pytest.fixture
def ben(client: FlaskClient) -> dict[str, str]:
    """Coach Ben's Authorization header: Ben must never reach Ana's things."""
    return register(client, "Ben")
