"""Conversations written straight into a data directory's store, before a server opens it, at
fixed times one after another: the last conversation seeded is the newest."""

import asyncio
import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    Attachment,
    InferenceOptions,
    ThreadItem,
    ThreadMetadata,
    UserMessageItem,
    UserMessageTextContent,
)

from common.paths import database_path
from common.shared_context import SharedContext
from server.agent.shared_context_item import shared_context_item
from server.attachments.files import AttachmentFiles
from server.http.services import LOCAL_USER_ID
from server.store import SQLiteStore
from server.store.request_context import RequestContext

BASE_TIME = datetime(2025, 3, 1, 9, 0, 0, 250000)
CONTEXT = RequestContext(user_id=LOCAL_USER_ID)


@dataclass(frozen=True)
class Message:
    role: Literal["user", "assistant"]
    text: str
    # For a user message: stored as the server stores it (a hidden item, the selection quoted).
    shared: SharedContext | None = None
    # For a user message: each attachment's record (saved in the store and on the message) and
    # its bytes (in the data folder), as if uploaded and sent.
    attachments: list[tuple[Attachment, bytes]] = field(default_factory=list)


@dataclass(frozen=True)
class Conversation:
    title: str | None
    messages: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class Seeded:
    thread_id: str
    title: str | None
    item_ids: list[str]
    """The messages' ids, in order (hidden items left out)."""


def user(
    text: str,
    shared: SharedContext | None = None,
    attachments: list[tuple[Attachment, bytes]] | None = None,
) -> Message:
    return Message("user", text, shared, attachments or [])


def assistant(text: str) -> Message:
    return Message("assistant", text)


def seed_history(data_dir: Path, conversations: list[Conversation]) -> list[Seeded]:
    """Runs on a thread of its own: Playwright's sync API keeps an event loop running in the
    test's thread, where ``asyncio.run`` refuses to start."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with SQLiteStore(database_path(data_dir)) as store, ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(_seed(store, data_dir, conversations))).result()


async def _seed(
    store: SQLiteStore, data_dir: Path, conversations: list[Conversation]
) -> list[Seeded]:
    files = AttachmentFiles(data_dir)
    seeded = []
    for number, conversation in enumerate(conversations, start=1):
        started = BASE_TIME + timedelta(hours=number)
        thread_id = f"thr_seed{number:05d}"
        await store.save_thread(
            ThreadMetadata(id=thread_id, title=conversation.title, created_at=started), CONTEXT
        )
        ids = []
        for index, message in enumerate(conversation.messages, start=1):
            at = started + timedelta(seconds=index)
            item_id = f"msg_seed{number:05d}_{index:04d}"
            for attachment, data in message.attachments:
                files.write(attachment.id, [data])
                await store.save_attachment(_sent(attachment, thread_id, data), CONTEXT)
            for item in _items(thread_id, item_id, at, message):
                await store.add_thread_item(thread_id, item, CONTEXT)
            ids.append(item_id)
        seeded.append(Seeded(thread_id, conversation.title, ids))
    return seeded


def _sent(attachment: Attachment, thread_id: str, data: bytes) -> Attachment:
    """The record as the server keeps it once uploaded and sent (its ``metadata``)."""
    metadata = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "uploaded": True}
    return attachment.model_copy(update={"thread_id": thread_id, "metadata": metadata})


def _items(thread_id: str, item_id: str, at: datetime, message: Message) -> list[ThreadItem]:
    if message.role == "assistant":
        return [
            AssistantMessageItem(
                id=item_id,
                thread_id=thread_id,
                created_at=at,
                content=[AssistantMessageContent(text=message.text)],
            )
        ]
    shared = message.shared
    items: list[ThreadItem] = [
        UserMessageItem(
            id=item_id,
            thread_id=thread_id,
            created_at=at,
            content=[UserMessageTextContent(text=message.text)],
            quoted_text=shared.selection if shared else None,
            attachments=[
                _sent(attachment, thread_id, data) for attachment, data in message.attachments
            ],
            inference_options=InferenceOptions(),
        )
    ]
    if shared is not None:
        hidden = shared_context_item(f"{item_id}_cx", thread_id, item_id, shared)
        items.append(hidden.model_copy(update={"created_at": at + timedelta(milliseconds=1)}))
    return items
