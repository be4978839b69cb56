"""The app's stores, handed to the services by the routes: the database, migrated and opened at
start-up, and the weeks it solved lately (`WeekCache`, in memory, per worker).

Services open their own transactions on the database (`Database.transaction()`); a request that
needs no stored data never opens one.
"""

from __future__ import annotations

from flask import Flask, current_app

from api.services.week_cache import WeekCache
from api.storage import Database, database_url, upgrade

EXTENSION = "trainweek.database"
CACHE_EXTENSION = "trainweek.week_cache"


def init_app(app: Flask) -> None:
    """Bring the schema up to date and open the database."""
    url = database_url(app.config, app.instance_path)
    # Every worker runs this; upgrade() takes the database's lock, so the first one migrates
    # and the others find the schema at head (see api/storage/migrate.py).
    upgrade(url)
    app.extensions[EXTENSION] = Database(url)
    app.extensions[CACHE_EXTENSION] = WeekCache(app.config["WEEK_CACHE_MB"] * 2**20)


def database() -> Database:
    """The current app's database."""
    db: Database = current_app.extensions[EXTENSION]
    return db


def week_cache() -> WeekCache:
    """The current app's kept optimal weeks."""
    cache: WeekCache = current_app.extensions[CACHE_EXTENSION]
    return cache
