"""Fixtures for the HTTP API: an app on a private database, its client, and two coaches."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from api.store import EXTENSION


@pytest.fixture
def app(private_database: str) -> Iterator[Flask]:
    """A fresh app in testing mode on the test's own database, closed afterwards."""
    app = create_app({"TESTING": True, "DATABASE_URL": private_database})
    yield app
    app.extensions[EXTENSION].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Flask's test client for the app."""
    return app.test_client()


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
