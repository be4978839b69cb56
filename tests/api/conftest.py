"""Fixtures for the API: an app on a private database (with settings a test may change), its
client, the database alone, two coaches."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from api.storage import Database, upgrade
from api.store import EXTENSION
from solver import WeekRequest
from tests.helpers import register


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Settings the test's app gets on top of testing mode: none, unless a test parametrizes
    `app_config` (e.g. `{"HISTORY_LIMIT": 2}`)."""
    return {}


@pytest.fixture
def app(private_database: str, app_config: dict[str, Any]) -> Iterator[Flask]:
    """A fresh app in testing mode on the test's own database, closed afterwards."""
    app = create_app({"TESTING": True, "DATABASE_URL": private_database, **app_config})
    yield app
    app.extensions[EXTENSION].dispose()


@pytest.fixture
def database(private_database: str) -> Iterator[Database]:
    """The test's own database, migrated, without an app: for services and rows."""
    upgrade(private_database)
    db = Database(private_database)
    yield db
    db.dispose()


@pytest.fixture
def make_app() -> Iterator[Callable[..., Flask]]:
    """Build apps with settings of one's own (on the test's database); each is closed after the
    test, so no connection outlives it (PostgreSQL's driver warns about one that does)."""
    made: list[Flask] = []

    def build(config: dict[str, Any] | None = None) -> Flask:
        app = create_app(config)
        made.append(app)
        return app

    yield build
    for app in made:
        app.extensions[EXTENSION].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def hansons_body(hansons_week: WeekRequest) -> dict[str, Any]:
    """The Hansons week as a JSON request body."""
    return hansons_week.model_dump(mode="json", exclude_defaults=True)


@pytest.fixture
def ana(client: FlaskClient) -> dict[str, str]:
    """Coach Ana's Authorization header."""
    return register(client, "Ana")


@pytest.fixture
def ben(client: FlaskClient) -> dict[str, str]:
    """Coach Ben's Authorization header: Ben must never reach Ana's things."""
    return register(client, "Ben")
