"""An export as one JSON document, written piece by piece:

``{"format": "chatkit-desktop-export", "version": 1, "exported_at": …, "threads": [{"thread":
{id, title, created_at, updated_at}, "items": [...]}, …]}``, the threads in the app's order (last
activity first, ``updated_at`` in UTC). Items are as the ChatKit protocol sends them;
what the user shared with a message is an entry of type ``shared_context`` naming its
``message_id``, placed after that message. A message's ``attachments`` also give each file's
``size`` and ``sha256`` and, when asked for, its bytes as ``data_base64``
(``server/export/attachments.py``).
"""

import json
from collections.abc import AsyncIterator, Callable
from datetime import datetime

from chatkit.types import ThreadMetadata, UserMessageItem

from server.export.attachments import ExportedAttachments
from server.export.entries import Entry, SharedContextEntry, item_json, thread_json

FORMAT_NAME = "chatkit-desktop-export"
FORMAT_VERSION = 1


async def _entry_json(entry: Entry, attachments: ExportedAttachments) -> str:
    if isinstance(entry, SharedContextEntry):
        return json.dumps(entry.as_json(), ensure_ascii=False)
    document = item_json(entry)
    if isinstance(entry, UserMessageItem) and entry.attachments:
        document["attachments"] = [
            await attachments.as_json(attachment) for attachment in entry.attachments
        ]
    return json.dumps(document, ensure_ascii=False)


async def json_export(
    threads: AsyncIterator[ThreadMetadata],
    entries: Callable[[str], AsyncIterator[Entry]],
    exported_at: datetime,
    attachments: ExportedAttachments,
) -> AsyncIterator[str]:
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": exported_at.isoformat(),
    }
    # The header's closing brace gives way to the list of threads.
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "threads": ['
    thread_separator = "\n"
    async for thread in threads:
        described = json.dumps(thread_json(thread), ensure_ascii=False)
        yield f'{thread_separator}{{"thread": {described}, "items": ['
        thread_separator = ",\n"
        item_separator = "\n"
        async for entry in entries(thread.id):
            yield item_separator + await _entry_json(entry, attachments)
            item_separator = ",\n"
        yield "\n]}"
    yield "\n]}\n"
