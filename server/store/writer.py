"""The one connection that writes, on a thread of its own.

Every write of a store goes through here, one transaction at a time, so writes never contend
with each other inside the process; ``BEGIN IMMEDIATE`` takes the file's write lock up front, so
a write racing another process waits (busy timeout) instead of failing half-way.
"""

import asyncio
import contextlib
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from server.store.errors import StoreClosedError, translate_sqlite_error

T = TypeVar("T")


class Writer:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self._path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self._closed = False

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Runs ``work`` in one transaction on the writer thread; all of it or nothing is kept."""
        if self._closed:
            raise StoreClosedError("the conversation store is closed")
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._executor, self._transaction, work)
        except RuntimeError as error:
            raise StoreClosedError("the conversation store is closed") from error
        return await future

    def _transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        connection = self._connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = work(connection)
                connection.execute("COMMIT")
            except BaseException:
                # SQLite rolls some failures (a full disk among them) back by itself.
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise translate_sqlite_error(error, self._path) from error
        return result

    def close(self) -> None:
        """Waits for the writes already queued, then closes the connection."""
        if self._closed:
            return
        self._closed = True
        self._executor.shutdown(wait=True)
        # Keeps the query planner's statistics fresh, as SQLite advises at close; only an
        # optimisation, so a disk that refuses it must not stop the file from being released.
        with contextlib.suppress(sqlite3.Error):
            self._connection.execute("PRAGMA optimize")
        self._connection.close()
