"""The tests' throwaway PostgreSQL cluster (tests/postgres.py) drops what each test created."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@pytest.mark.postgresql
def test_a_dropped_database_is_gone(postgres_cluster):
    """A database per test would otherwise pile up in memory over a full run (gigabytes)."""
    url = postgres_cluster.create_database()
    name = make_url(url).database
    engine = create_engine(url)
    with engine.connect() as connection:
        connection.execute(text("CREATE TABLE t (id integer)"))
        connection.commit()
    engine.dispose()
    postgres_cluster.drop_database(url)
    admin = create_engine(make_url(url).set(database="postgres"))
    with admin.connect() as connection:
        names = connection.execute(text("SELECT datname FROM pg_database")).scalars().all()
    admin.dispose()
    assert name not in names
