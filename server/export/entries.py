"""A thread's items as the history shows and exports them: the visible items, and beside them
what the user shared with each message, which the server keeps in hidden items that the ChatKit
protocol never sends to a client."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chatkit.types import HiddenContextItem, SDKHiddenContextItem, ThreadItem, ThreadMetadata
from pydantic import TypeAdapter

from common.shared_context import SharedContext
from server.agent.shared_context_item import shared_context_record
from server.hosted.hosted_marker import hosted_marker
from server.store.thread_activity import UPDATED_AT

_ITEM: TypeAdapter[ThreadItem] = TypeAdapter(ThreadItem)


@dataclass(frozen=True)
class SharedContextEntry:
    """The active window and selection shared with the user message ``message_id``."""

    item_id: str
    message_id: str
    created_at: datetime
    shared: SharedContext

    def as_json(self) -> dict[str, Any]:
        return {
            "type": "shared_context",
            "id": self.item_id,
            "message_id": self.message_id,
            "created_at": self.created_at.isoformat(),
            **self.shared.as_json(),
        }


Entry = ThreadItem | SharedContextEntry


def entries_of(items: Iterable[ThreadItem]) -> Iterator[Entry]:
    """The items in order, each shared context in place of its hidden item; other hidden
    items (the SDK's own bookkeeping) are left out."""
    for item in items:
        if isinstance(item, HiddenContextItem):
            record = shared_context_record(item)
            if record is not None:
                yield SharedContextEntry(item.id, record.message_id, item.created_at, record.shared)
        elif not isinstance(item, SDKHiddenContextItem):
            yield item


def item_json(item: ThreadItem) -> dict[str, Any]:
    """The item as the protocol sends it: the SDK's aliases, no nulls, no attachment metadata."""
    dumped: dict[str, Any] = _ITEM.dump_python(
        item,
        mode="json",
        by_alias=True,
        exclude_none=True,
        context={"exclude_metadata": True},
    )
    return dumped


def thread_json(thread: ThreadMetadata) -> dict[str, Any]:
    described: dict[str, Any] = {
        "id": thread.id,
        "title": thread.title,
        "created_at": thread.created_at.isoformat(),
    }
    if (updated_at := thread.metadata.get(UPDATED_AT)) is not None:
        described["updated_at"] = updated_at
    if (marker := hosted_marker(thread)) is not None:
        described["hosted"] = {"deleted": bool(marker.get("deleted"))}
    return described
