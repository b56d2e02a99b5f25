"""The JSON export: one valid document however many threads, written piece by piece."""

import json
from collections.abc import AsyncIterator
from datetime import datetime

from chatkit.types import InferenceOptions, ThreadMetadata, UserMessageItem, UserMessageTextContent

from common.shared_context import ActiveWindow, SharedContext
from server.export.attachments import ExportedAttachments
from server.export.entries import Entry, SharedContextEntry
from server.export.json_export import json_export

AT = datetime(2025, 3, 1, 9, 30)


def message(item_id: str, text: str) -> UserMessageItem:
    return UserMessageItem(
        id=item_id,
        thread_id="thr_1",
        created_at=AT,
        content=[UserMessageTextContent(text=text)],
        inference_options=InferenceOptions(),
    )


async def export_of(threads: list[ThreadMetadata], entries: dict[str, list[Entry]]) -> str:
    async def listed() -> AsyncIterator[ThreadMetadata]:
        for thread in threads:
            yield thread

    async def entries_of(thread_id: str) -> AsyncIterator[Entry]:
        for entry in entries.get(thread_id, []):
            yield entry

    return "".join(
        [piece async for piece in json_export(listed(), entries_of, AT, ExportedAttachments(None))]
    )


async def test_no_threads_is_still_a_document() -> None:
    document = json.loads(await export_of([], {}))

    assert document == {
        "format": "chatkit-desktop-export",
        "version": 1,
        "exported_at": "2025-03-01T09:30:00",
        "threads": [],
    }


async def test_threads_hold_their_items_and_shared_context() -> None:
    threads = [
        ThreadMetadata(id="thr_1", title="Ünïcode “title”", created_at=AT),
        ThreadMetadata(id="thr_2", created_at=AT),
    ]
    shared = SharedContextEntry(
        "cx_1", "msg_1", AT, SharedContext(ActiveWindow("Doc", "Writer"), 'a "quote"\n')
    )
    text = await export_of(threads, {"thr_1": [message("msg_1", "hé </script>"), shared]})

    document = json.loads(text)
    first, second = document["threads"]
    assert first["thread"] == {
        "id": "thr_1",
        "title": "Ünïcode “title”",
        "created_at": AT.isoformat(),
    }
    assert first["items"][0]["content"] == [{"type": "input_text", "text": "hé </script>"}]
    assert first["items"][1] == {
        "type": "shared_context",
        "id": "cx_1",
        "message_id": "msg_1",
        "created_at": AT.isoformat(),
        "active_window": {"title": "Doc", "app": "Writer"},
        "selection": 'a "quote"\n',
    }
    assert second == {
        "thread": {"id": "thr_2", "title": None, "created_at": AT.isoformat()},
        "items": [],
    }
    # Written as read: readable as UTF-8, not escaped to ASCII.
    assert "Ünïcode" in text
