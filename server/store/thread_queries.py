"""The SQL for threads, each function run inside a transaction its caller opened."""

import sqlite3

from chatkit.store import NotFoundError
from chatkit.types import Page, ThreadMetadata

from server.store.keyset import Order, Position, page_of, start_position
from server.store.serialization import thread_from_json, thread_to_json
from server.store.sort_keys import created_sort_key

THREAD_PAGE_SQL: dict[Order, str] = {
    "asc": """
        SELECT id, data FROM threads
        WHERE user_id = ? AND (created_key, seq) > (?, ?)
        ORDER BY created_key, seq
        LIMIT ?
    """,
    "desc": """
        SELECT id, data FROM threads
        WHERE user_id = ? AND (created_key, seq) < (?, ?)
        ORDER BY created_key DESC, seq DESC
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
        "SELECT data FROM threads WHERE user_id = ? AND id = ?", (user_id, thread_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"thread {thread_id} not found")
    return thread_from_json(row[0])


def save_thread(connection: sqlite3.Connection, user_id: str, thread: ThreadMetadata) -> None:
    connection.execute(
        """
        INSERT INTO threads (user_id, id, created_key, data) VALUES (?, ?, ?, ?)
        ON CONFLICT (user_id, id) DO UPDATE
        SET created_key = excluded.created_key, data = excluded.data
        """,
        (user_id, thread.id, created_sort_key(thread.created_at), thread_to_json(thread)),
    )


def load_threads(
    connection: sqlite3.Connection, user_id: str, limit: int, after: str | None, order: Order
) -> Page[ThreadMetadata]:
    position = start_position(order) if after is None else _position(connection, user_id, after)
    rows = connection.execute(THREAD_PAGE_SQL[order], (user_id, *position, limit + 1)).fetchall()
    return page_of(rows, limit, thread_from_json)


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
        "SELECT created_key, seq FROM threads WHERE user_id = ? AND id = ?", (user_id, thread_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"thread {thread_id} not found: it cannot start a page")
    return int(row[0]), int(row[1])
