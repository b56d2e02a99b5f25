"""The ``chatkit.store.Store`` implementation on SQLite, its schema and its migrations."""

from server.store.errors import (
    DatabaseDamagedError,
    ForeignDatabaseError,
    SchemaTooNewError,
    StoreBusyError,
    StoreClosedError,
    StoreError,
    StoreWriteError,
)
from server.store.highlight import HIGHLIGHT_END, HIGHLIGHT_START
from server.store.search import SearchHit
from server.store.sqlite_store import SQLiteStore, UserContext

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "DatabaseDamagedError",
    "ForeignDatabaseError",
    "SQLiteStore",
    "SchemaTooNewError",
    "SearchHit",
    "StoreBusyError",
    "StoreClosedError",
    "StoreError",
    "StoreWriteError",
    "UserContext",
]
