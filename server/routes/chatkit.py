"""``POST /chatkit``: the ChatKit protocol. Everything a client sends is validated here first, so
a client's mistake is a 4xx with a message, never the SDK's bare 500."""

from chatkit.store import NotFoundError
from chatkit.types import AttachmentsCreateReq, ChatKitReq
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response, StreamingResponse

from common.shared_context import SharedContextError, parse_shared_context
from server.attachments.content_types import ContentRefused
from server.hosted.hosted_marker import READ_ONLY_MESSAGE, REFUSED_ON_HOSTED_THREADS, is_hosted
from server.http.history_requests import HISTORY_REQUEST_TYPES, answer_history_request
from server.http.services import LOCAL_USER_ID, AppServices, Services
from server.protocol.errors import ChatKitRequestError
from server.protocol.request_parsing import (
    SHARED_CONTEXT_REQUEST_TYPES,
    USER_MESSAGE_REQUEST_TYPES,
    parse_chatkit_request,
    referenced_ids,
)
from server.store.request_context import RequestContext

router = APIRouter()

# No transcription backend exists behind this app.
UNSUPPORTED_REQUEST_TYPES = frozenset({"input.transcribe"})


@router.post("/chatkit")
async def chatkit(request: Request, app: AppServices) -> Response:
    raw = await request.body()
    try:
        parsed = parse_chatkit_request(raw)
        shared = (
            parse_shared_context(parsed.metadata)
            if parsed.type in SHARED_CONTEXT_REQUEST_TYPES
            else None
        )
    except (ChatKitRequestError, SharedContextError) as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    if parsed.type in UNSUPPORTED_REQUEST_TYPES:
        raise HTTPException(status_code=400, detail=f"{parsed.type} is not supported by this app")

    context = RequestContext(user_id=LOCAL_USER_ID, shared_context=shared)
    if isinstance(parsed, AttachmentsCreateReq):
        try:
            app.attachments.check_announced(parsed.params)
        except ContentRefused as error:
            raise HTTPException(status_code=400, detail=str(error)) from error
    try:
        await _check_references_exist(parsed, app, context)
        await _check_attachments_sendable(parsed, app, context)
        if parsed.type in HISTORY_REQUEST_TYPES:
            body = await answer_history_request(parsed, app.store, context)
            return Response(body, media_type="application/json")
        chatkit_server = await app.chatkit_server.get()
        result = await chatkit_server.process_parsed(parsed, context)
    except NotFoundError as error:
        raise HTTPException(status_code=404, detail=str(error) or "not found") from error
    # Duck-typed: naming NonStreamingResult would import chatkit.server, the slow import.
    if hasattr(result, "json"):
        return Response(result.json, media_type="application/json")
    return StreamingResponse(result, media_type="text/event-stream")


async def _check_references_exist(
    parsed: ChatKitReq, app: Services, context: RequestContext
) -> None:
    """The SDK answers an unknown thread with an empty stream; say 404 instead. A thread
    mirrored from a hosted workflow is read-only here: a 409 says so."""
    thread_id, item_id = referenced_ids(parsed)
    if thread_id is None:
        return
    thread = await app.store.load_thread(thread_id, context)
    if parsed.type in REFUSED_ON_HOSTED_THREADS and is_hosted(thread):
        raise HTTPException(status_code=409, detail=READ_ONLY_MESSAGE)
    if item_id is not None:
        await app.store.load_item(thread_id, item_id, context)


async def _check_attachments_sendable(
    parsed: ChatKitReq, app: Services, context: RequestContext
) -> None:
    """Before the SDK saves anything: it would store the message, then fail on an id it cannot
    load, leaving a 200 stream that dies and a message naming nothing."""
    if parsed.type not in USER_MESSAGE_REQUEST_TYPES:
        return
    thread_id = getattr(parsed.params, "thread_id", None)
    for attachment_id in parsed.params.input.attachments:  # type: ignore[union-attr]
        shown = attachment_id if len(attachment_id) <= 64 else attachment_id[:64] + "…"
        try:
            attachment = await app.store.load_attachment(attachment_id, context)
        except NotFoundError:
            raise HTTPException(
                status_code=400, detail=f"no attachment {shown!r}: it was never created"
            ) from None
        if not (attachment.metadata or {}).get("uploaded"):
            raise HTTPException(
                status_code=400, detail=f"the attachment {shown!r} has not been uploaded yet"
            )
        if attachment.thread_id is not None and attachment.thread_id != thread_id:
            raise HTTPException(
                status_code=400,
                detail=f"the attachment {shown!r} belongs to another conversation",
            )
