"""The coach database: engine and transactions, tables, migrations, and a service per resource.

Plain Python over a SQLAlchemy session, no Flask: the blueprints in `api/` open a transaction,
call a service and turn its answer (or its `StorageError`) into HTTP.
"""

from api.storage.database import Database, database_url
from api.storage.errors import Conflict, NotFound, StorageError
from api.storage.migrate import upgrade

__all__ = ["Conflict", "Database", "NotFound", "StorageError", "database_url", "upgrade"]
