"""Reading threads and their entries page by page, so that an export of a long history never
holds more than a page of it in memory."""

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Protocol

from chatkit.store import NotFoundError
from chatkit.types import Page, ThreadItem, ThreadMetadata

from server.export.attachments import ExportedAttachments
from server.export.entries import Entry, entries_of
from server.export.formats import ExportFormat, encoded
from server.store.request_context import RequestContext

PAGE_SIZE = 100


class History(Protocol):
    """What an export reads: the app's ``SQLiteStore``, or ``chatkit-desktop export``'s
    read-only view of the same file."""

    async def load_threads(
        self, limit: int, after: str | None, order: str, context: RequestContext
    ) -> Page[ThreadMetadata]: ...

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: RequestContext
    ) -> Page[ThreadItem]: ...


async def all_threads(
    history: History, context: RequestContext, page_size: int = PAGE_SIZE
) -> AsyncIterator[ThreadMetadata]:
    """Last activity first, as the app lists them. A thread deleted while it is the cursor ends
    the walk with ``NotFoundError``: there is no place left to continue from.

    A thread answered during the walk moves to the top. One not reached yet is then left out,
    as a page in the app would leave it; when it is the cursor, the next page starts from its
    new place, and what was given already is not given twice."""
    after: str | None = None
    given: set[str] = set()
    while True:
        page = await history.load_threads(page_size, after, "desc", context)
        for thread in page.data:
            if thread.id not in given:
                given.add(thread.id)
                yield thread
        if not page.has_more or page.after is None:
            return
        after = page.after


async def thread_entries(
    history: History, thread_id: str, context: RequestContext, page_size: int = PAGE_SIZE
) -> AsyncIterator[Entry]:
    """Oldest first. A thread deleted part-way through ends with what was read of it."""
    after: str | None = None
    while True:
        try:
            page = await history.load_thread_items(thread_id, after, page_size, "asc", context)
        except NotFoundError:
            return
        for entry in entries_of(page.data):
            yield entry
        if not page.has_more or page.after is None:
            return
        after = page.after


def export_bytes(
    history: History,
    context: RequestContext,
    chosen: ExportFormat,
    single: ThreadMetadata | None,
    now: datetime,
    attachments: ExportedAttachments,
    on_thread_read: Callable[[], None] = lambda: None,
) -> AsyncIterator[bytes]:
    """``single``'s export, or every thread's when it is None, as the bytes to send or write.
    ``on_thread_read`` is called each time a thread has been read to its end."""

    async def threads() -> AsyncIterator[ThreadMetadata]:
        listed = all_threads(history, context) if single is None else _one(single)
        async for thread in listed:
            yield thread
            # Resumed when the renderer asks for the next thread: this one is read through.
            on_thread_read()

    pieces = chosen.render(
        threads(), lambda listed: thread_entries(history, listed, context), now, attachments
    )
    return encoded(pieces)


async def _one(thread: ThreadMetadata) -> AsyncIterator[ThreadMetadata]:
    yield thread
