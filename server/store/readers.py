"""Connections that only read, on a small pool of threads, concurrently with the writer.

In WAL mode a reader sees the last committed state and neither waits for nor blocks the writer.
"""

import queue
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from server.store.connection_threads import ConnectionThreads
from server.store.connections import open_connection

T = TypeVar("T")

# Two cores are common on the machines this runs on; more readers than that only queue in SQLite.
READER_THREADS = 4


class Readers(ConnectionThreads):
    def __init__(self, path: Path, threads: int = READER_THREADS) -> None:
        super().__init__(path, threads, "store-reader")
        # As many connections as threads, opened when first needed, each used by one read at once.
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._opened: list[sqlite3.Connection] = []
        self._opened_lock = threading.Lock()

    def _transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """One read transaction, so all ``work`` reads belongs to one moment."""
        connection = self._take()
        try:
            connection.execute("BEGIN")
            try:
                return work(connection)
            finally:
                connection.execute("COMMIT")
        finally:
            self._idle.put(connection)

    def _take(self) -> sqlite3.Connection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            connection = open_connection(self._path, query_only=True)
            with self._opened_lock:
                self._opened.append(connection)
            return connection

    def _close_connections(self) -> None:
        with self._opened_lock:
            for connection in self._opened:
                connection.close()
            self._opened.clear()
