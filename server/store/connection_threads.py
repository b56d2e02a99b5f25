"""What the store's writer and readers share: connections used on threads of their own, so a
transaction never holds up the event loop, and no work is taken once the store is closed."""

import asyncio
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from server.store.errors import StoreClosedError, translate_sqlite_error

T = TypeVar("T")


class ConnectionThreads(ABC):
    def __init__(self, path: Path, threads: int, thread_name: str) -> None:
        self._path = path
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=thread_name)
        self._closed = False

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Runs ``work`` in one transaction on one of the threads (see ``_transaction``)."""
        if self._closed:
            raise StoreClosedError("the conversation store is closed")
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._executor, self._on_thread, work)
        except RuntimeError as error:
            # The executor shut down after the check above: ``close`` on another thread, or the
            # interpreter ending.
            raise StoreClosedError("the conversation store is closed") from error
        return await future

    def close(self) -> None:
        """Waits for the work already queued, then closes the connections."""
        if self._closed:
            return
        self._closed = True
        self._executor.shutdown(wait=True)
        self._close_connections()

    @abstractmethod
    def _transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """On one of the threads: ``work`` in a transaction on a connection of this kind."""

    @abstractmethod
    def _close_connections(self) -> None:
        """After the last transaction has ended."""

    def _on_thread(self, work: Callable[[sqlite3.Connection], T]) -> T:
        try:
            return self._transaction(work)
        except sqlite3.Error as error:
            raise translate_sqlite_error(error, self._path) from error
