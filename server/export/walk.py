"""Reading threads and their entries page by page, so that an export of a long history never
holds more than a page of it in memory."""

from collections.abc import AsyncIterator

from chatkit.store import NotFoundError
from chatkit.types import ThreadMetadata

from server.export.entries import Entry, entries_of
from server.store import SQLiteStore
from server.store.request_context import RequestContext

PAGE_SIZE = 100


async def all_threads(
    store: SQLiteStore, context: RequestContext, page_size: int = PAGE_SIZE
) -> AsyncIterator[ThreadMetadata]:
    """Newest first, as the app lists them. A thread deleted while it is the cursor ends the
    walk with ``NotFoundError``: there is no place left to continue from."""
    after: str | None = None
    while True:
        page = await store.load_threads(page_size, after, "desc", context)
        for thread in page.data:
            yield thread
        if not page.has_more or page.after is None:
            return
        after = page.after


async def thread_entries(
    store: SQLiteStore, thread_id: str, context: RequestContext, page_size: int = PAGE_SIZE
) -> AsyncIterator[Entry]:
    """Oldest first. A thread deleted part-way through ends with what was read of it."""
    after: str | None = None
    while True:
        try:
            page = await store.load_thread_items(thread_id, after, page_size, "asc", context)
        except NotFoundError:
            return
        for entry in entries_of(page.data):
            yield entry
        if not page.has_more or page.after is None:
            return
        after = page.after
