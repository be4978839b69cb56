"""Alembic migrations of the coach database; applied by `api.storage.migrate.upgrade`."""
