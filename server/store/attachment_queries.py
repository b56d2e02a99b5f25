"""The SQL for attachment metadata, each function run inside a transaction its caller opened."""

import sqlite3

from chatkit.store import NotFoundError
from chatkit.types import Attachment

from server.store.serialization import attachment_from_json, attachment_to_json


def save_attachment(connection: sqlite3.Connection, user_id: str, attachment: Attachment) -> None:
    connection.execute(
        """
        INSERT INTO attachments (user_id, id, data) VALUES (?, ?, ?)
        ON CONFLICT (user_id, id) DO UPDATE SET data = excluded.data
        """,
        (user_id, attachment.id, attachment_to_json(attachment)),
    )


def update_attachment(connection: sqlite3.Connection, user_id: str, attachment: Attachment) -> bool:
    """False when there is no such record (deleted meanwhile): nothing is written then."""
    cursor = connection.execute(
        "UPDATE attachments SET data = ? WHERE user_id = ? AND id = ?",
        (attachment_to_json(attachment), user_id, attachment.id),
    )
    return cursor.rowcount == 1


def load_attachment(connection: sqlite3.Connection, user_id: str, attachment_id: str) -> Attachment:
    row = connection.execute(
        "SELECT data FROM attachments WHERE user_id = ? AND id = ?", (user_id, attachment_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"attachment {attachment_id} not found")
    return attachment_from_json(row[0])


def delete_attachment(connection: sqlite3.Connection, user_id: str, attachment_id: str) -> None:
    connection.execute(
        "DELETE FROM attachments WHERE user_id = ? AND id = ?", (user_id, attachment_id)
    )


def delete_thread_attachments(
    connection: sqlite3.Connection, user_id: str, thread_id: str
) -> list[str]:
    """The ids of the records removed: their files are the caller's to delete."""
    rows = connection.execute(
        """
        DELETE FROM attachments WHERE user_id = ? AND json_extract(data, '$.thread_id') = ?
        RETURNING id
        """,
        (user_id, thread_id),
    ).fetchall()
    return [row[0] for row in rows]


def delete_unsent_attachments(
    connection: sqlite3.Connection, user_id: str, created_before: float
) -> list[str]:
    """Records never sent in a message (no thread) created before ``created_before`` (seconds
    since the epoch, as ``metadata.created_at`` keeps it); records without that time, from
    before it was kept, count as old."""
    rows = connection.execute(
        """
        DELETE FROM attachments
        WHERE user_id = ? AND json_extract(data, '$.thread_id') IS NULL
            AND coalesce(json_extract(data, '$.metadata.created_at'), 0) < ?
        RETURNING id
        """,
        (user_id, created_before),
    ).fetchall()
    return [row[0] for row in rows]


def all_attachment_ids(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT id FROM attachments")}
