"""``SQLiteStore``: the SDK's ``Store`` on one SQLite file, every query scoped to one user.

Deletes are idempotent: deleting a thread, item or attachment that is not there (or is another
user's) does nothing. The SDK deletes items that were streamed but never stored (on
``thread.item.removed``), and a delete retried after a lost answer must not fail.

A page whose ``after`` names no thread or item of the user (or of the thread) raises
``NotFoundError``: starting over would show rows twice, and an empty page would silently end the
list.
"""

import asyncio
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self, TypeVar

from chatkit.store import Store, StoreItemType
from chatkit.types import Attachment, Page, ThreadItem, ThreadMetadata

from server.store import attachment_queries, item_queries, thread_queries
from server.store.ids import new_id
from server.store.keyset import checked_limit, checked_order
from server.store.opening import open_database
from server.store.progress import OpeningProgress, no_progress
from server.store.readers import Readers
from server.store.search import SearchHit, search_items
from server.store.writer import Writer


class UserContext(Protocol):
    """All the store needs of a request's context: whose data it may touch."""

    @property
    def user_id(self) -> str: ...


ContextT = TypeVar("ContextT", bound=UserContext)

DEFAULT_SEARCH_HITS = 20


class SQLiteStore(Store[ContextT]):
    """Ready once constructed: the file is checked, backed up if a migration is due, migrated.

    Raises a ``StoreError`` when it cannot be: damaged, foreign or too new (the file is then left
    exactly as it was), or not writable.
    """

    def __init__(
        self,
        path: Path,
        on_progress: OpeningProgress = no_progress,
        *,
        remove_attachment_files: Callable[[Iterable[str]], None] = lambda ids: None,
    ) -> None:
        """``on_progress`` hears each step of opening that may take long, as it starts.
        ``remove_attachment_files`` deletes the files of attachment records this store has
        deleted (blocking; called off the event loop): the store knows records, not files."""
        self.path = path
        self._remove_attachment_files = remove_attachment_files
        self._writer = Writer(open_database(path, on_progress), path)
        self._readers = Readers(path)

    def close(self) -> None:
        """Finishes the work already started, then releases the file. Safe to call twice."""
        self._readers.close()
        self._writer.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def generate_thread_id(self, context: ContextT) -> str:
        return new_id("thread")

    def generate_item_id(
        self, item_type: StoreItemType, thread: ThreadMetadata, context: ContextT
    ) -> str:
        return new_id(item_type)

    async def load_thread(self, thread_id: str, context: ContextT) -> ThreadMetadata:
        user_id = context.user_id
        return await self._readers.run(
            lambda connection: thread_queries.load_thread(connection, user_id, thread_id)
        )

    async def save_thread(self, thread: ThreadMetadata, context: ContextT) -> None:
        user_id = context.user_id
        await self._writer.run(
            lambda connection: thread_queries.save_thread(connection, user_id, thread)
        )

    async def load_threads(
        self, limit: int, after: str | None, order: str, context: ContextT
    ) -> Page[ThreadMetadata]:
        """By last activity (``desc``: the thread answered last first), each thread with its
        ``metadata["updated_at"]`` (``thread_activity.py``)."""
        user_id, checked = context.user_id, checked_order(order)
        checked_limit(limit)
        return await self._readers.run(
            lambda connection: thread_queries.load_threads(
                connection, user_id, limit, after, checked
            )
        )

    async def count_threads(self, context: ContextT) -> int:
        user_id = context.user_id
        return await self._readers.run(
            lambda connection: thread_queries.count_threads(connection, user_id)
        )

    async def delete_thread(self, thread_id: str, context: ContextT) -> None:
        """Its attachments go with it, records and files."""
        user_id = context.user_id

        def delete(connection: sqlite3.Connection) -> list[str]:
            thread_queries.delete_thread(connection, user_id, thread_id)
            return attachment_queries.delete_thread_attachments(connection, user_id, thread_id)

        removed = await self._writer.run(delete)
        # After the commit: a crash in between leaves files without records, which the
        # clean-up of unsent uploads removes, never records without files.
        await asyncio.to_thread(self._remove_attachment_files, removed)

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: ContextT
    ) -> Page[ThreadItem]:
        user_id, checked = context.user_id, checked_order(order)
        checked_limit(limit)
        return await self._readers.run(
            lambda connection: item_queries.load_items(
                connection, user_id, thread_id, limit, after, checked
            )
        )

    async def add_thread_item(self, thread_id: str, item: ThreadItem, context: ContextT) -> None:
        """An upsert, like ``save_item``: the SDK adds some items twice. Once this returns the
        item is on the disk."""
        await self._upsert_item(thread_id, item, context)

    async def save_item(self, thread_id: str, item: ThreadItem, context: ContextT) -> None:
        await self._upsert_item(thread_id, item, context)

    async def load_item(self, thread_id: str, item_id: str, context: ContextT) -> ThreadItem:
        user_id = context.user_id
        return await self._readers.run(
            lambda connection: item_queries.load_item(connection, user_id, thread_id, item_id)
        )

    async def delete_thread_item(self, thread_id: str, item_id: str, context: ContextT) -> None:
        user_id = context.user_id
        await self._writer.run(
            lambda connection: item_queries.delete_item(connection, user_id, thread_id, item_id)
        )

    async def save_attachment(self, attachment: Attachment, context: ContextT) -> None:
        user_id = context.user_id
        await self._writer.run(
            lambda connection: attachment_queries.save_attachment(connection, user_id, attachment)
        )

    async def update_attachment(self, attachment: Attachment, context: ContextT) -> bool:
        """Like ``save_attachment``, but never brings back a record deleted meanwhile;
        returns whether there was one."""
        user_id = context.user_id
        return await self._writer.run(
            lambda connection: attachment_queries.update_attachment(connection, user_id, attachment)
        )

    async def load_attachment(self, attachment_id: str, context: ContextT) -> Attachment:
        user_id = context.user_id
        return await self._readers.run(
            lambda connection: attachment_queries.load_attachment(
                connection, user_id, attachment_id
            )
        )

    async def delete_attachment(self, attachment_id: str, context: ContextT) -> None:
        user_id = context.user_id
        await self._writer.run(
            lambda connection: attachment_queries.delete_attachment(
                connection, user_id, attachment_id
            )
        )

    async def delete_unsent_attachments(self, created_before: float, context: ContextT) -> None:
        """Uploads never sent in a message, created before ``created_before`` (epoch
        seconds), records and files."""
        user_id = context.user_id
        removed = await self._writer.run(
            lambda connection: attachment_queries.delete_unsent_attachments(
                connection, user_id, created_before
            )
        )
        await asyncio.to_thread(self._remove_attachment_files, removed)

    async def attachment_ids(self) -> set[str]:
        """Every user's: for finding files that no record names."""
        return await self._readers.run(attachment_queries.all_attachment_ids)

    async def search(
        self, query: str, context: ContextT, limit: int = DEFAULT_SEARCH_HITS
    ) -> list[SearchHit]:
        """The user's items whose visible text holds every word of ``query`` (the last one also
        as a prefix), best first. Any text is a valid query; one without words finds nothing."""
        user_id = context.user_id
        return await self._readers.run(
            lambda connection: search_items(connection, user_id, query, limit)
        )

    async def _upsert_item(self, thread_id: str, item: ThreadItem, context: ContextT) -> None:
        user_id = context.user_id
        await self._writer.run(
            lambda connection: item_queries.upsert_item(connection, user_id, thread_id, item)
        )
