"""The SDK's ``AttachmentStore`` for two-phase uploads to this server.

``attachments.create`` gives an attachment whose ``upload_descriptor`` points at
``/api/uploads/<token>`` on this server; the SDK saves that record itself. The upload then
writes the bytes under the attachment's id (``files.py``), checked against the announced type
and size as they arrive, and only once the file is whole and on the disk marks the record
uploaded. A crash at any point leaves either no file or a file no sent message names, never a
record pointing at a missing or half file.

What the record keeps beyond the SDK's fields lives in its ``metadata`` (never sent to
clients): ``created_at`` (epoch seconds), ``size`` (announced, then stored), ``uploaded``,
``sha256``. The thread it was sent in is the SDK's own ``thread_id``.
"""

import asyncio
import logging
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from chatkit.store import AttachmentStore, NotFoundError
from chatkit.types import (
    Attachment,
    AttachmentCreateParams,
    AttachmentUploadDescriptor,
    FileAttachment,
    ImageAttachment,
)
from pydantic import AnyUrl

from server.attachments.content_types import (
    ContentRefused,
    check_supported,
    checked_chunks,
    is_image,
)
from server.attachments.files import AttachmentFiles
from server.attachments.previews import PLACEHOLDER_PREVIEW, PreviewFailed, preview_data_url
from server.attachments.upload_tokens import UploadTokens
from server.settings.settings_file import SettingsFile
from server.store import SQLiteStore
from server.store.ids import new_id
from server.store.request_context import RequestContext

logger = logging.getLogger(__name__)

UPLOAD_PATH_PREFIX = "/api/uploads/"
UNSENT_LIFETIME_SECONDS = 24 * 60 * 60
CLEAN_UP_EVERY_SECONDS = 60 * 60
# A file whose record was created after the clean-up read the records is not an orphan.
UNNAMED_GRACE_SECONDS = 60 * 60
_CHUNK_BYTES = 1024 * 1024
# The clean-up is every user's; the store scopes by user, and there is one.
_LOCAL = RequestContext(user_id="local")


class DesktopAttachmentStore(AttachmentStore[RequestContext]):
    def __init__(
        self,
        store: SQLiteStore,
        files: AttachmentFiles,
        settings_file: SettingsFile,
        base_url: str,
        clock: Callable[[], float],
    ) -> None:
        """``clock``: epoch seconds; tests move it instead of waiting ten minutes or a day."""
        self.store = store
        self.files = files
        self._settings_file = settings_file
        self._base_url = base_url.rstrip("/")
        self.clock = clock
        self._tokens = UploadTokens(lambda: self.clock())

    def generate_attachment_id(self, mime_type: str, context: RequestContext) -> str:
        # The SDK's default has 32 random bits; ids name files, and a collision would put one
        # upload's bytes under another's record.
        return new_id("attachment")

    def max_bytes(self) -> int:
        return self._settings_file.load().attachment_max_mb * 1024 * 1024

    def check_announced(self, params: AttachmentCreateParams) -> None:
        """Raises ``ContentRefused`` for what could never be uploaded; the route calls it
        before the SDK, which would answer any exception with a bare 500."""
        check_supported(params.mime_type)
        if params.size < 0:
            raise ContentRefused("the announced size cannot be negative")
        limit = self.max_bytes()
        if params.size > limit:
            raise ContentRefused(
                f"the file is {params.size} bytes; attachments may be at most "
                f"{limit // (1024 * 1024)} MB (setting attachment_max_mb)"
            )

    async def create_attachment(
        self, input: AttachmentCreateParams, context: RequestContext
    ) -> Attachment:
        # The SDK saves what this returns; writing it here as well would race that save.
        self.check_announced(input)
        attachment_id = self.generate_attachment_id(input.mime_type, context)
        token = self._tokens.issue(attachment_id)
        fields: dict[str, Any] = {
            "id": attachment_id,
            "name": input.name,
            "mime_type": input.mime_type,
            "upload_descriptor": AttachmentUploadDescriptor(
                url=AnyUrl(f"{self._base_url}{UPLOAD_PATH_PREFIX}{token}"),
                method="POST",
                headers={},
            ),
            "metadata": {"created_at": self.clock(), "size": input.size, "uploaded": False},
        }
        if is_image(input.mime_type):
            return ImageAttachment(preview_url=AnyUrl(PLACEHOLDER_PREVIEW), **fields)
        return FileAttachment(**fields)

    async def delete_attachment(self, attachment_id: str, context: RequestContext) -> None:
        self._tokens.revoke(attachment_id)
        try:
            await asyncio.to_thread(self.files.delete, attachment_id)
        except ValueError:
            # Not an id this server could have made: there is no file to delete.
            return

    async def receive_upload(self, token: str, upload: BinaryIO) -> Attachment:
        """Stores the bytes of the upload ``token`` was issued for and marks its record
        uploaded. Raises ``UploadLinkRefused``, ``NotFoundError`` (the attachment was deleted
        meanwhile) or ``ContentRefused``; on any of them no file is left."""
        attachment_id = self._tokens.take(token)
        attachment = await self.store.load_attachment(attachment_id, _LOCAL)
        metadata = dict(attachment.metadata or {})
        announced = int(metadata.get("size", -1))
        if announced > self.max_bytes():
            raise ContentRefused("the file is over the attachment size limit")
        chunks = checked_chunks(_read_chunks(upload), attachment.mime_type, announced)
        stored = await asyncio.to_thread(self.files.write, attachment_id, chunks)
        update: dict[str, Any] = {"upload_descriptor": None}
        if isinstance(attachment, ImageAttachment):
            try:
                preview = await asyncio.to_thread(
                    lambda: preview_data_url(
                        self.files.read_bytes(attachment_id), attachment.mime_type
                    )
                )
            except PreviewFailed as error:
                await asyncio.to_thread(self.files.delete, attachment_id)
                unreadable = f"the file is not a readable {attachment.mime_type}"
                raise ContentRefused(unreadable) from error
            update["preview_url"] = AnyUrl(preview)
        metadata.update(uploaded=True, size=stored.size, sha256=stored.sha256)
        update["metadata"] = metadata
        uploaded = attachment.model_copy(update=update)
        if not await self.store.update_attachment(uploaded, _LOCAL):
            # attachments.delete came while the bytes were arriving.
            await asyncio.to_thread(self.files.delete, attachment_id)
            raise NotFoundError(f"attachment {attachment_id} was deleted during its upload")
        return uploaded

    async def remove_unsent(self) -> None:
        """Uploads no message took within a day, and files no record names."""
        await self.store.delete_unsent_attachments(self.clock() - UNSENT_LIFETIME_SECONDS, _LOCAL)
        named = await self.store.attachment_ids()
        await asyncio.to_thread(
            self.files.remove_unnamed, named, self.clock() - UNNAMED_GRACE_SECONDS
        )

    async def clean_up_forever(self) -> None:
        """At start and every hour until cancelled (at shutdown)."""
        await asyncio.to_thread(self.files.remove_leftover_uploads)
        while True:
            try:
                await self.remove_unsent()
            except Exception:
                logger.exception("Could not remove unsent attachments; trying again later")
            await asyncio.sleep(CLEAN_UP_EVERY_SECONDS)


def _read_chunks(upload: BinaryIO) -> Iterator[bytes]:
    while chunk := upload.read(_CHUNK_BYTES):
        yield chunk
