"""The SQL for a thread's items, each function run inside a transaction its caller opened.

Items are reached through their thread, and their thread through its owner: an id of another
user's thread or item finds nothing.
"""

import sqlite3

from chatkit.store import NotFoundError
from chatkit.types import Page, ThreadItem

from server.store.item_text import visible_text
from server.store.keyset import Order, Position, page_of, start_position
from server.store.serialization import item_from_json, item_to_json
from server.store.sort_keys import created_sort_key
from server.store.thread_activity import refresh_last_activity
from server.store.thread_queries import thread_seq

ITEM_PAGE_SQL: dict[Order, str] = {
    "asc": """
        SELECT id, data FROM items
        WHERE thread_seq = ? AND (created_key, seq) > (?, ?)
        ORDER BY created_key, seq
        LIMIT ?
    """,
    "desc": """
        SELECT id, data FROM items
        WHERE thread_seq = ? AND (created_key, seq) < (?, ?)
        ORDER BY created_key DESC, seq DESC
        LIMIT ?
    """,
}


def upsert_item(
    connection: sqlite3.Connection, user_id: str, thread_id: str, item: ThreadItem
) -> None:
    """Inserts the item, or replaces the one with its id in this thread.

    The key is (thread, id), so an upsert can only ever replace an item of the same thread of
    the same user; an id met in another thread is another row. The row keeps its seq, so a
    re-added item keeps its place among items of equal created_at. The thread's last activity
    follows.
    """
    owner = thread_seq(connection, user_id, thread_id)
    connection.execute(
        """
        INSERT INTO items (thread_seq, id, created_key, data, text) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (thread_seq, id) DO UPDATE
        SET created_key = excluded.created_key, data = excluded.data, text = excluded.text
        """,
        (owner, item.id, created_sort_key(item.created_at), item_to_json(item), visible_text(item)),
    )
    refresh_last_activity(connection, owner)


def load_item(
    connection: sqlite3.Connection, user_id: str, thread_id: str, item_id: str
) -> ThreadItem:
    row = connection.execute(
        """
        SELECT items.data FROM items JOIN threads ON threads.seq = items.thread_seq
        WHERE threads.user_id = ? AND threads.id = ? AND items.id = ?
        """,
        (user_id, thread_id, item_id),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"item {item_id} not found in thread {thread_id}")
    return item_from_json(row[0])


def load_items(
    connection: sqlite3.Connection,
    user_id: str,
    thread_id: str,
    limit: int,
    after: str | None,
    order: Order,
) -> Page[ThreadItem]:
    owner = thread_seq(connection, user_id, thread_id)
    position = start_position(order) if after is None else _position(connection, owner, after)
    rows = connection.execute(ITEM_PAGE_SQL[order], (owner, *position, limit + 1)).fetchall()
    return page_of(rows, limit, lambda row: item_from_json(row[1]))


def delete_item(connection: sqlite3.Connection, user_id: str, thread_id: str, item_id: str) -> None:
    """The thread's last activity follows: its newest remaining item, or its creation."""
    owner = connection.execute(
        "SELECT seq FROM threads WHERE user_id = ? AND id = ?", (user_id, thread_id)
    ).fetchone()
    if owner is None:
        return
    deleted = connection.execute(
        "DELETE FROM items WHERE thread_seq = ? AND id = ?", (owner[0], item_id)
    )
    if deleted.rowcount:
        refresh_last_activity(connection, owner[0])


def _position(connection: sqlite3.Connection, owner: int, item_id: str) -> Position:
    row = connection.execute(
        "SELECT created_key, seq FROM items WHERE thread_seq = ? AND id = ?", (owner, item_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"item {item_id} not found in its thread: it cannot start a page")
    return int(row[0]), int(row[1])
