"""``GET /api/attachments/{id}``: an attachment's bytes, for the built-in view's download link;
``POST /api/attachments/{id}/save``: the same bytes written into Downloads by the app, for the
native window, whose web engine drops downloads.

Sent as a download under the stored type, never shown inline: the bytes are the user's and
could be anything a browser would run (nosniff is set for every response, and again here so
the route does not depend on the middleware's order)."""

import re
from collections.abc import AsyncIterator
from pathlib import Path

from chatkit.store import NotFoundError
from chatkit.types import Attachment
from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from common.paths import downloads_dir
from server.export.export_file import ExportNotWritten, write_export
from server.http.services import LOCAL_USER_ID, AppServices
from server.routes.window import Window
from server.store.request_context import RequestContext

router = APIRouter(prefix="/api")

CHUNK_BYTES = 1024 * 1024
# What a file name may not hold on any of the systems the app runs on.
_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
MAX_NAME_LENGTH = 180


@router.get("/attachments/{attachment_id}")
async def download_attachment(attachment_id: str, app: AppServices) -> FileResponse:
    attachment, path = await _uploaded(attachment_id, app)
    return FileResponse(
        path,
        media_type=attachment.mime_type,
        filename=attachment.name,
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"},
    )


@router.post("/attachments/{attachment_id}/save")
async def save_attachment(attachment_id: str, app: AppServices, _window: Window) -> dict[str, str]:
    """Into Downloads under the attachment's own name made safe, never over another file."""
    attachment, path = await _uploaded(attachment_id, app)
    folder = await run_in_threadpool(downloads_dir)
    try:
        saved = await write_export(_read(path), folder, safe_file_name(attachment.name))
    except ExportNotWritten as error:
        raise HTTPException(status_code=503, detail=str(error)) from error
    return {"path": str(saved), "folder": str(saved.parent)}


def safe_file_name(name: str) -> str:
    """The last part of ``name`` as a path, without what file systems refuse or hide."""
    last = re.split(r"[/\\]", name)[-1]
    cleaned = _UNSAFE_IN_NAMES.sub("_", last).strip().lstrip(".")
    return cleaned[:MAX_NAME_LENGTH] or "attachment"


async def _uploaded(attachment_id: str, app: AppServices) -> tuple[Attachment, Path]:
    try:
        attachment = await app.store.load_attachment(
            attachment_id, RequestContext(user_id=LOCAL_USER_ID)
        )
        path = app.attachments.files.path_for(attachment_id)
    except (NotFoundError, ValueError) as error:
        raise HTTPException(status_code=404, detail=f"no attachment {attachment_id}") from error
    if not await run_in_threadpool(path.is_file):
        raise HTTPException(
            status_code=404, detail=f"the attachment {attachment_id} has not been uploaded"
        )
    return attachment, path


async def _read(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as file:
        while chunk := await run_in_threadpool(file.read, CHUNK_BYTES):
            yield chunk
