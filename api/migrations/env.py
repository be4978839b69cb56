"""Alembic's entry point: migrate over the connection `api.storage.migrate` hands in."""

from __future__ import annotations

from alembic import context

from api.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations through api.storage.migrate.upgrade(url), which holds the lock"
    )

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
