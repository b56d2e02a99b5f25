"""Threads, items and users for the store's tests, at fixed times so orders are known; and a
database as a newer app leaves it."""

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    InferenceOptions,
    ThreadMetadata,
    UserMessageItem,
    UserMessageTextContent,
)

from server.store import SQLiteStore
from server.store.schema import LATEST_VERSION


@dataclass(frozen=True)
class User:
    """A request context as the store sees one: only its user id."""

    user_id: str


def database_from_a_newer_app(path: Path) -> None:
    """A database at ``path`` with one migration more than this app knows."""
    SQLiteStore(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?, 'later')",
            (LATEST_VERSION + 1,),
        )
    connection.close()


ALICE = User("alice")
BOB = User("bob")

BASE_TIME = datetime(2025, 3, 1, 12, 0, 0, 123456)


def at(seconds: float) -> datetime:
    return BASE_TIME + timedelta(seconds=seconds)


def thread(
    thread_id: str = "thr_1", *, seconds: float = 0, title: str | None = None
) -> ThreadMetadata:
    return ThreadMetadata(id=thread_id, created_at=at(seconds), title=title)


def user_message(
    item_id: str,
    text: str,
    *,
    thread_id: str = "thr_1",
    seconds: float = 0,
    quoted_text: str | None = None,
) -> UserMessageItem:
    return UserMessageItem(
        id=item_id,
        thread_id=thread_id,
        created_at=at(seconds),
        content=[UserMessageTextContent(text=text)],
        quoted_text=quoted_text,
        inference_options=InferenceOptions(),
    )


def assistant_message(
    item_id: str, text: str, *, thread_id: str = "thr_1", seconds: float = 0
) -> AssistantMessageItem:
    return AssistantMessageItem(
        id=item_id,
        thread_id=thread_id,
        created_at=at(seconds),
        content=[AssistantMessageContent(text=text)],
    )
