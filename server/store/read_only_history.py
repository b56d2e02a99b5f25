"""The conversations in a database file, read without changing it: what ``chatkit-desktop
export`` reads, beside a running app that may be writing the same file. In WAL mode a reader
sees the last committed state and neither waits for nor blocks the app's writer, and a read-only
connection cannot checkpoint or recover the log either."""

import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

from chatkit.types import Page, ThreadItem, ThreadMetadata

from server.store import item_queries, thread_queries
from server.store.connections import open_read_only
from server.store.errors import StoreError, translate_sqlite_error
from server.store.keyset import checked_limit, checked_order
from server.store.migrations import schema_version
from server.store.request_context import RequestContext
from server.store.schema import LATEST_VERSION

T = TypeVar("T")


class ReadOnlyHistory:
    """The export's ``History``, on one connection. Raises ``StoreError`` when the file is
    missing, not ours, or at a schema version other than this app's.

    Its reads block: they are async only to fit the export's walk, in a command that has
    nothing else to do meanwhile."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise StoreError(f"there is no conversation database at {path} yet")
        try:
            self._connection = open_read_only(path)
        except sqlite3.Error as error:
            raise translate_sqlite_error(error, path) from error
        try:
            version = self._read(lambda connection: schema_version(connection, path))
            if version < LATEST_VERSION:
                # The app upgrades it when it opens it; a reader must not.
                raise StoreError(
                    f"the conversation database {path} is at schema version {version}; open "
                    f"ChatKit Desktop once to upgrade it to {LATEST_VERSION}, then export again"
                )
        except BaseException:
            self._connection.close()
            raise

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    async def load_thread(self, thread_id: str, context: RequestContext) -> ThreadMetadata:
        user_id = context.user_id
        return self._read(
            lambda connection: thread_queries.load_thread(connection, user_id, thread_id)
        )

    async def load_threads(
        self, limit: int, after: str | None, order: str, context: RequestContext
    ) -> Page[ThreadMetadata]:
        user_id, checked = context.user_id, checked_order(order)
        checked_limit(limit)
        return self._read(
            lambda connection: thread_queries.load_threads(
                connection, user_id, limit, after, checked
            )
        )

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: RequestContext
    ) -> Page[ThreadItem]:
        user_id, checked = context.user_id, checked_order(order)
        checked_limit(limit)
        return self._read(
            lambda connection: item_queries.load_items(
                connection, user_id, thread_id, limit, after, checked
            )
        )

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """One read transaction, so a page belongs to one moment of the writer's work."""
        try:
            self._connection.execute("BEGIN")
            try:
                return work(self._connection)
            finally:
                self._connection.execute("COMMIT")
        except sqlite3.Error as error:
            raise translate_sqlite_error(error, self.path) from error
