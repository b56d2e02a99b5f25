"""Connections that only read, on a small pool of threads, concurrently with the writer.

In WAL mode a reader sees the last committed state and neither waits for nor blocks the writer.
"""

import asyncio
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from server.store.connections import open_connection
from server.store.errors import StoreClosedError, translate_sqlite_error

T = TypeVar("T")

# Two cores are common on the machines this runs on; more readers than that only queue in SQLite.
READER_THREADS = 4


class Readers:
    def __init__(self, path: Path, threads: int = READER_THREADS) -> None:
        self._path = path
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="store-reader")
        # As many connections as threads, opened when first needed, each used by one read at once.
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._opened: list[sqlite3.Connection] = []
        self._opened_lock = threading.Lock()
        self._closed = False

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Runs ``work`` in one read transaction, so all it reads belongs to one moment."""
        if self._closed:
            raise StoreClosedError("the conversation store is closed")
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._executor, self._read, work)
        except RuntimeError as error:
            raise StoreClosedError("the conversation store is closed") from error
        return await future

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        try:
            connection = self._take()
            try:
                connection.execute("BEGIN")
                try:
                    return work(connection)
                finally:
                    connection.execute("COMMIT")
            finally:
                self._idle.put(connection)
        except sqlite3.Error as error:
            raise translate_sqlite_error(error, self._path) from error

    def _take(self) -> sqlite3.Connection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            connection = open_connection(self._path, query_only=True)
            with self._opened_lock:
                self._opened.append(connection)
            return connection

    def close(self) -> None:
        """Waits for the reads already queued, then closes every connection."""
        if self._closed:
            return
        self._closed = True
        self._executor.shutdown(wait=True)
        with self._opened_lock:
            for connection in self._opened:
                connection.close()
            self._opened.clear()
