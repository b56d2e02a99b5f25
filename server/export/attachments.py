"""What an export says of a message's attachments: the protocol's fields, the size and SHA-256
of the stored bytes and, when asked for (``?include=attachments``), the bytes themselves in
base64. The store's record gives the size and digest when it has them; otherwise they are
read from the file, off the event loop."""

import asyncio
import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from chatkit.types import Attachment
from pydantic import TypeAdapter

from server.attachments.files import AttachmentFiles

_ATTACHMENT: TypeAdapter[Attachment] = TypeAdapter(Attachment)
_READ_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFacts:
    size: int
    sha256: str


class ExportedAttachments:
    """``files`` is None where the export has no access to the data folder's files."""

    def __init__(self, files: AttachmentFiles | None, *, include_bytes: bool = False) -> None:
        self.files = files
        self.include_bytes = include_bytes

    async def as_json(self, attachment: Attachment) -> dict[str, Any]:
        described: dict[str, Any] = _ATTACHMENT.dump_python(
            attachment,
            mode="json",
            exclude_none=True,
            exclude={"upload_descriptor"},
            context={"exclude_metadata": True},
        )
        facts = await self._facts(attachment)
        if facts is not None:
            described.update(size=facts.size, sha256=facts.sha256)
        if self.include_bytes and self.files is not None:
            data = await asyncio.to_thread(_read, self.files, attachment.id)
            if data is not None:
                described["data_base64"] = base64.b64encode(data).decode("ascii")
        return described

    async def size(self, attachment: Attachment) -> int | None:
        recorded = (attachment.metadata or {}).get("size")
        if isinstance(recorded, int):
            return recorded
        if self.files is None:
            return None
        return await asyncio.to_thread(_size, self.files, attachment.id)

    async def _facts(self, attachment: Attachment) -> StoredFacts | None:
        recorded = attachment.metadata or {}
        size, sha256 = recorded.get("size"), recorded.get("sha256")
        if isinstance(size, int) and isinstance(sha256, str):
            return StoredFacts(size, sha256)
        if self.files is None:
            return None
        return await asyncio.to_thread(_digest, self.files, attachment.id)


# A record whose file is gone (deleted meanwhile, never uploaded) is still listed, without
# what only the file could tell.
def _digest(files: AttachmentFiles, attachment_id: str) -> StoredFacts | None:
    digest, size = hashlib.sha256(), 0
    try:
        with files.path_for(attachment_id).open("rb") as file:
            while chunk := file.read(_READ_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except (FileNotFoundError, ValueError):
        return None
    return StoredFacts(size, digest.hexdigest())


def _size(files: AttachmentFiles, attachment_id: str) -> int | None:
    try:
        return files.path_for(attachment_id).stat().st_size
    except (FileNotFoundError, ValueError):
        return None


def _read(files: AttachmentFiles, attachment_id: str) -> bytes | None:
    try:
        return files.read_bytes(attachment_id)
    except (FileNotFoundError, ValueError):
        return None
