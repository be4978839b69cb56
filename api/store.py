"""The app's database: migrated and opened at start-up, handed to the services by the routes.

Services open their own transactions on it (`Database.transaction()`); a request that needs no
stored data never opens one.
"""

from __future__ import annotations

from flask import Flask, current_app

from api.storage import Database, database_url, upgrade

EXTENSION = "trainweek.database"


def init_app(app: Flask) -> None:
    """Bring the schema up to date and open the database."""
    url = database_url(app.config, app.instance_path)
    # Every worker runs this; upgrade() takes the database's lock, so the first one migrates
    # and the others find the schema at head (see api/storage/migrate.py).
    upgrade(url)
    app.extensions[EXTENSION] = Database(url)


def database() -> Database:
    """The current app's database."""
    db: Database = current_app.extensions[EXTENSION]
    return db
