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
