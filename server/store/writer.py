"""The one connection that writes, on a thread of its own.

Every write of a store goes through here, one transaction at a time, so writes never contend
with each other inside the process; ``BEGIN IMMEDIATE`` takes the file's write lock up front, so
a write racing another process waits (busy timeout) instead of failing half-way.
"""

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from server.store.connection_threads import ConnectionThreads

T = TypeVar("T")


class Writer(ConnectionThreads):
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        super().__init__(path, 1, "store-writer")
        self._connection = connection

    def _transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """All of ``work`` or nothing is kept."""
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            result = work(connection)
            connection.execute("COMMIT")
        except BaseException:
            # SQLite rolls some failures (a full disk among them) back by itself.
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return result

    def _close_connections(self) -> None:
        # Keeps the query planner's statistics fresh, as SQLite advises at close; only an
        # optimisation, so a disk that refuses it must not stop the file from being released.
        with contextlib.suppress(sqlite3.Error):
            self._connection.execute("PRAGMA optimize")
        self._connection.close()
