"""The export formats, their file names, and the bytes a download streams."""

import re
import unicodedata
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime

from chatkit.types import ThreadMetadata

from server.export.attachments import ExportedAttachments
from server.export.entries import Entry
from server.export.json_export import json_export
from server.export.markdown import markdown_export

Renderer = Callable[
    [
        AsyncIterator[ThreadMetadata],
        Callable[[str], AsyncIterator[Entry]],
        datetime,
        ExportedAttachments,
    ],
    AsyncIterator[str],
]


@dataclass(frozen=True)
class ExportFormat:
    extension: str
    media_type: str
    render: Renderer


FORMATS = {
    "md": ExportFormat("md", "text/markdown; charset=utf-8", markdown_export),
    "json": ExportFormat("json", "application/json", json_export),
}


def format_named(name: str) -> ExportFormat:
    """Raises ``ValueError`` with a sentence listing the formats."""
    chosen = FORMATS.get(name)
    if chosen is None:
        raise ValueError(f"format must be one of: {', '.join(FORMATS)}")
    return chosen


# Enough to recognise a conversation by its file name.
_SLUG_LENGTH = 48
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Each write to the socket costs a send and an await; a page of small items becomes one.
CHUNK_BYTES = 64 * 1024


def export_filename(thread: ThreadMetadata | None, extension: str, now: datetime) -> str:
    """Only ASCII letters, digits, ``-`` and ``.``, so it needs no quoting in a header."""
    if thread is None:
        return f"chatkit-conversations-{now:%Y-%m-%d-%H%M%S}.{extension}"
    ascii_title = (
        unicodedata.normalize("NFKD", thread.title or "").encode("ascii", "ignore").decode()
    )
    slug = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")[:_SLUG_LENGTH].strip("-")
    return f"chatkit-{slug or 'conversation'}-{thread.created_at:%Y-%m-%d}.{extension}"


async def encoded(
    pieces: AsyncIterator[str], chunk_bytes: int = CHUNK_BYTES
) -> AsyncIterator[bytes]:
    buffer: list[bytes] = []
    size = 0
    async for piece in pieces:
        data = piece.encode("utf-8")
        buffer.append(data)
        size += len(data)
        if size >= chunk_bytes:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)
