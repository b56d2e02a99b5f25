"""Threads, items and users for the store's tests, at fixed times so orders are known."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    InferenceOptions,
    ThreadMetadata,
    UserMessageItem,
    UserMessageTextContent,
)


@dataclass(frozen=True)
class User:
    """A request context as the store sees one: only its user id."""

    user_id: str


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
