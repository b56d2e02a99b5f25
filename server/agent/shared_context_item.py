"""The hidden thread item that keeps what a user shared with a message in the model's view on
later turns, and lets the history show it beside that message."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chatkit.types import HiddenContextItem

from common.shared_context import SharedContext, SharedContextError, shared_context_from_json

KIND = "shared_context"


@dataclass(frozen=True)
class SharedContextRecord:
    message_id: str
    shared: SharedContext


def shared_context_item(
    item_id: str, thread_id: str, message_id: str, shared: SharedContext
) -> HiddenContextItem:
    return HiddenContextItem(
        id=item_id,
        thread_id=thread_id,
        created_at=datetime.now(),
        content={"kind": KIND, "message_id": message_id, **shared.as_json()},
    )


def shared_context_record(item: HiddenContextItem) -> SharedContextRecord | None:
    content: Any = item.content
    if not isinstance(content, dict) or content.get("kind") != KIND:
        return None
    try:
        shared = shared_context_from_json(
            {part: content[part] for part in ("active_window", "selection") if part in content}
        )
    except SharedContextError:
        return None
    if shared is None:
        return None
    return SharedContextRecord(message_id=str(content.get("message_id", "")), shared=shared)


def describe_for_model(record: SharedContextRecord) -> str:
    lines = ["Context the user shared with their message (they chose to send it):"]
    window = record.shared.active_window
    if window is not None:
        lines.append(f"- Active window: {window.title!r} in the application {window.app!r}")
    if record.shared.selection:
        lines.append("- Text they had selected:")
        lines.append(f"<selection>\n{record.shared.selection}\n</selection>")
    return "\n".join(lines)
