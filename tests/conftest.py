"""Shared fixtures: the Hansons week and a private database per test, on SQLite and PostgreSQL.

Every test that builds the app or a database (it uses the `app` or `database` fixture, or names
`private_database` itself) runs twice: on a SQLite file and on a database of its own in a
throwaway PostgreSQL cluster (`tests/postgres.py`). Without PostgreSQL installed the second run
is skipped, saying so; under CI it fails instead. The second run is marked `postgresql` (`-m "not
postgresql"` leaves it out); `@pytest.mark.sqlite_only` keeps a test about SQLite itself to the
first.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from solver import WeekRequest
from solver.scenario import Scenario
from tests.helpers import ROOT
from tests.postgres import Cluster, find_binaries

BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql))
BUILDS_A_DATABASE = {"app", "database"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each test that builds the app or a database on both backends."""
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    own_arguments = set(inspect.signature(metafunc.function).parameters)
    if BUILDS_A_DATABASE & set(metafunc.fixturenames) or "private_database" in own_arguments:
        metafunc.parametrize("private_database", BACKENDS, indirect=True)


@pytest.fixture
def hansons_week() -> WeekRequest:
    """The Hansons beginner marathon week, ten weeks out: a published week from the library."""
    return Scenario.load(ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json").request


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster for the whole session, started on first use."""
    binaries = find_binaries()
    if binaries is None:
        message = (
            "PostgreSQL is not installed (no initdb and pg_ctl in $PG_BINDIR, on PATH or in "
            "/usr/lib/postgresql/*/bin): `apt-get install postgresql` to run these tests on it"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run them")
        pytest.skip(message)
    cluster = Cluster(binaries)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(autouse=True)
def private_database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh, empty database per test, its URL also in DATABASE_URL, so no app a test creates
    (nor the CLI it runs) touches the repository's instance folder or another test's data.

    A SQLite file unless the test runs on PostgreSQL (see `pytest_generate_tests`).
    """
    backend = getattr(request, "param", "sqlite")
    cluster: Cluster | None = None
    if backend == "postgresql":
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database()
    else:
        url = f"sqlite:///{tmp_path / 'trainweek.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    if cluster is not None:
        cluster.drop_database(url)
