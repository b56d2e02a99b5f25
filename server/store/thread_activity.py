"""A thread's last activity: when its newest item was created, or the thread itself while it
has none (the later of the two). It orders the list of threads, newest activity first, and
reaches the page as ``metadata["updated_at"]``.

The store keeps it in ``threads.updated_key`` (a sort key, ``sort_keys.py``) and recomputes it
whenever an item is added, replaced or deleted: one UPDATE whose subquery is a single seek to
the end of the thread's range in ``items_by_thread_created``, so it costs the same however long
the thread. Recomputing, rather than keeping the larger of the old value and the new item's,
keeps the column exactly what schema version 3 computed from the items: deleting a thread's
newest items (a retried answer) moves it back, and its next answer forward again.

``updated_at`` in a thread's metadata belongs to the store: it is set on every read from the
column and dropped from what is saved, so a thread loaded and saved again (a new title) never
carries a stale time into its JSON.
"""

import sqlite3

from chatkit.types import ThreadMetadata

from server.store.sort_keys import utc_iso_of_sort_key

UPDATED_AT = "updated_at"

_REFRESH_SQL = """
    UPDATE threads SET updated_key = max(
        created_key,
        coalesce(
            (SELECT max(items.created_key) FROM items WHERE items.thread_seq = threads.seq),
            created_key
        )
    )
    WHERE seq = ?
"""


def refresh_last_activity(connection: sqlite3.Connection, thread_seq: int) -> None:
    connection.execute(_REFRESH_SQL, (thread_seq,))


def with_updated_at(thread: ThreadMetadata, updated_key: int) -> ThreadMetadata:
    thread.metadata[UPDATED_AT] = utc_iso_of_sort_key(updated_key)
    return thread


def without_updated_at(thread: ThreadMetadata) -> ThreadMetadata:
    """``thread`` as it is saved: its metadata without the store's ``updated_at``."""
    if UPDATED_AT not in thread.metadata:
        return thread
    kept = {key: value for key, value in thread.metadata.items() if key != UPDATED_AT}
    return thread.model_copy(update={"metadata": kept})
