"""The SQL for threads, each function run inside a transaction its caller opened.

The list is ordered by last activity (``thread_activity.py``), paged by keyset on
(``updated_key``, ``seq``). A thread answered while someone pages moves: the next page still
starts right after its cursor in the new order, so nothing already shown comes back and nothing
below is skipped; a thread that moved above the cursor is seen on the next first page (ChatKit
and the built-in view fetch one whenever a conversation changes). Only when the cursor's own
thread was answered does the next page start from its new place, near the top, and repeat
threads already shown: the protocol's cursor is a thread id, not a position.
"""

import sqlite3

from chatkit.store import NotFoundError
from chatkit.types import Page, ThreadMetadata

from server.store.keyset import Order, Position, page_of, start_position
from server.store.serialization import thread_from_json, thread_to_json
from server.store.sort_keys import created_sort_key
from server.store.thread_activity import refresh_last_activity, with_updated_at, without_updated_at

THREAD_PAGE_SQL: dict[Order, str] = {
    "asc": """
        SELECT id, data, updated_key FROM threads
        WHERE user_id = ? AND (updated_key, seq) > (?, ?)
        ORDER BY updated_key, seq
        LIMIT ?
    """,
    "desc": """
        SELECT id, data, updated_key FROM threads
        WHERE user_id = ? AND (updated_key, seq) < (?, ?)
        ORDER BY updated_key DESC, seq DESC
        LIMIT ?
    """,
}


def thread_seq(connection: sqlite3.Connection, user_id: str, thread_id: str) -> int:
    row = connection.execute(
        "SELECT seq FROM threads WHERE user_id = ? AND id = ?", (user_id, thread_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"thread {thread_id} not found")
    return int(row[0])


def load_thread(connection: sqlite3.Connection, user_id: str, thread_id: str) -> ThreadMetadata:
    row = connection.execute(
        "SELECT data, updated_key FROM threads WHERE user_id = ? AND id = ?", (user_id, thread_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"thread {thread_id} not found")
    return with_updated_at(thread_from_json(row[0]), row[1])


def save_thread(connection: sqlite3.Connection, user_id: str, thread: ThreadMetadata) -> None:
    created_key = created_sort_key(thread.created_at)
    (seq,) = connection.execute(
        """
        INSERT INTO threads (user_id, id, created_key, updated_key, data) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (user_id, id) DO UPDATE
        SET created_key = excluded.created_key, data = excluded.data
        RETURNING seq
        """,
        (user_id, thread.id, created_key, created_key, thread_to_json(without_updated_at(thread))),
    ).fetchone()
    # Saving a thread is no activity; its creation time may have changed, though.
    refresh_last_activity(connection, seq)


def load_threads(
    connection: sqlite3.Connection, user_id: str, limit: int, after: str | None, order: Order
) -> Page[ThreadMetadata]:
    position = start_position(order) if after is None else _position(connection, user_id, after)
    rows = connection.execute(THREAD_PAGE_SQL[order], (user_id, *position, limit + 1)).fetchall()
    return page_of(rows, limit, lambda row: with_updated_at(thread_from_json(row[1]), row[2]))


def count_threads(connection: sqlite3.Connection, user_id: str) -> int:
    (count,) = connection.execute(
        "SELECT count(*) FROM threads WHERE user_id = ?", (user_id,)
    ).fetchone()
    return int(count)


def delete_thread(connection: sqlite3.Connection, user_id: str, thread_id: str) -> None:
    """Its items go with it (ON DELETE CASCADE), and with them their search entries."""
    connection.execute("DELETE FROM threads WHERE user_id = ? AND id = ?", (user_id, thread_id))


def _position(connection: sqlite3.Connection, user_id: str, thread_id: str) -> Position:
    row = connection.execute(
        "SELECT updated_key, seq FROM threads WHERE user_id = ? AND id = ?", (user_id, thread_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"thread {thread_id} not found: it cannot start a page")
    return int(row[0]), int(row[1])
