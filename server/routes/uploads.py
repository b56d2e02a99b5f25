"""``POST /api/uploads/<token>``: the second phase of an attachment's upload, as its
``upload_descriptor`` names it: ``multipart/form-data`` with one ``file`` field.

The token in the path is the only credential (ChatKit's frame cannot add our Bearer header);
it is spent on the first try, whatever the outcome, and never appears in an answer."""

from chatkit.store import NotFoundError
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from server.attachments.attachment_store import UPLOAD_PATH_PREFIX
from server.attachments.content_types import ContentRefused
from server.attachments.upload_tokens import UploadLinkRefused
from server.http.services import AppServices
from server.settings.settings_file import MAX_ATTACHMENT_MB

router = APIRouter()

# ChatKit's frame, where the real component uploads from: it may read the answer, no one else.
CHATKIT_FRAME_ORIGIN = "https://cdn.platform.openai.com"
# Room for the multipart framing and the field's headers around the file itself.
MULTIPART_OVERHEAD_BYTES = 64 * 1024
MAX_UPLOAD_BODY_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024 + MULTIPART_OVERHEAD_BYTES


@router.post(UPLOAD_PATH_PREFIX + "{token}")
async def upload(token: str, request: Request, app: AppServices) -> Response:
    attachments = app.attachments
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > attachments.max_bytes() + MULTIPART_OVERHEAD_BYTES:
        raise HTTPException(status_code=413, detail="the file is over the attachment size limit")
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(
            status_code=415, detail="send the file as multipart/form-data in a 'file' field"
        )
    async with request.form(max_files=1, max_fields=8) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise HTTPException(status_code=400, detail="the form has no 'file' field")
        try:
            attachment = await attachments.receive_upload(token, file.file)
        except UploadLinkRefused as error:
            status = 410 if error.expired else 404
            raise HTTPException(status_code=status, detail=str(error)) from error
        except NotFoundError as error:
            raise HTTPException(status_code=404, detail="the attachment was deleted") from error
        except ContentRefused as error:
            raise HTTPException(status_code=400, detail=str(error)) from error
    body = attachment.model_dump_json(
        by_alias=True, exclude_none=True, context={"exclude_metadata": True}
    )
    # The upload is a simple cross-origin request from the frame: it arrives either way, but
    # without this header the frame's fetch could not read that it succeeded.
    allowed = (
        {"Access-Control-Allow-Origin": CHATKIT_FRAME_ORIGIN, "Vary": "Origin"}
        if request.headers.get("origin") == CHATKIT_FRAME_ORIGIN
        else {}
    )
    return Response(body, media_type="application/json", headers=allowed)
