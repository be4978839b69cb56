"""The app's database: migrated and opened at start-up, one transaction per unit of work.

Views write only inside `transaction()`. A service refusing the request raises a `StorageError`
(or the view raises any error); leaving the `with` block by an exception rolls the whole
transaction back, and the handlers here turn the refusal into a problem.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from flask import Flask, Response, current_app
from sqlalchemy.orm import Session

from api.problems import problem
from api.storage import Conflict, Database, NotFound, database_url, upgrade

EXTENSION = "trainweek.database"


def init_app(app: Flask) -> None:
    """Bring the schema up to date, open the database and answer storage errors as problems."""
    url = database_url(app.config, app.instance_path)
    # Every worker runs this; upgrade() takes the database's lock, so the first one migrates
    # and the others find the schema at head (see api/storage/migrate.py).
    upgrade(url)
    app.extensions[EXTENSION] = Database(url)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(Conflict, _conflict)


def database() -> Database:
    """The current app's database."""
    db: Database = current_app.extensions[EXTENSION]
    return db


def transaction() -> AbstractContextManager[Session]:
    """A session committed when the block ends, rolled back whole if it raises."""
    return database().transaction()


def _not_found(error: NotFound) -> Response:
    return problem(404, str(error))


def _conflict(error: Conflict) -> Response:
    return problem(409, str(error))
