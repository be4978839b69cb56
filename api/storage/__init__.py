"""Persistence only: the engine and transactions, the tables, migrations, and rows in and out.

Plain SQLAlchemy, no Flask and no domain: `api/services/` validates and combines what it reads
and writes here; a refusal the stored data forces (no such row, a name taken) is a
`StorageError`.
"""

from api.storage.database import Database, database_url
from api.storage.errors import Busy, Conflict, NotFound, Stale, StorageError, TokenReplaced
from api.storage.migrate import upgrade

__all__ = [
    "Busy",
    "Conflict",
    "Database",
    "NotFound",
    "Stale",
    "StorageError",
    "TokenReplaced",
    "database_url",
    "upgrade",
]
