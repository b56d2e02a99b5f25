"""How a mirrored thread is marked in the store: ``metadata["hosted"]`` on the thread, so no
schema change is needed and every reader (the built-in view, search, export) sees it."""

from typing import Any

from chatkit.types import ThreadMetadata

HOSTED_METADATA_KEY = "hosted"
READ_ONLY_MESSAGE = (
    "This conversation is a copy of one hosted by your Agent Builder workflow; it can be read "
    "here but not continued. Continue it in ChatKit with Settings → Agent set to the workflow."
)


def hosted_marker(thread: ThreadMetadata) -> dict[str, Any] | None:
    """The thread's mark (``user``, ``last_item_id``, ``deleted``), or None for a local one."""
    marker = thread.metadata.get(HOSTED_METADATA_KEY)
    return marker if isinstance(marker, dict) else None


def is_hosted(thread: ThreadMetadata) -> bool:
    return hosted_marker(thread) is not None


# What would change a mirrored thread here; deleting it and reading it stay allowed.
REFUSED_ON_HOSTED_THREADS = frozenset(
    {
        "threads.add_user_message",
        "threads.add_client_tool_output",
        "threads.retry_after_item",
        "threads.custom_action",
        "threads.add_structured_input",
        "threads.update",
    }
)


def hosted_note(thread: ThreadMetadata) -> str:
    """What an export says after a mirrored thread's date; empty for a local thread."""
    marker = hosted_marker(thread)
    if marker is None:
        return ""
    deleted = " (deleted there)" if marker.get("deleted") else ""
    return f" · hosted by an Agent Builder workflow{deleted}"


def hosted_metadata_for_page(thread: ThreadMetadata) -> dict[str, Any]:
    """What the page is told of the mark: that the thread is hosted, and whether it was deleted
    there; the mirror's own bookkeeping stays on the server."""
    marker = hosted_marker(thread)
    if marker is None:
        return {}
    return {HOSTED_METADATA_KEY: {"deleted": bool(marker.get("deleted"))}}
