"""``POST /api/hosted/sync``: copies what is new in the hosted threads into the local store. The
page calls it when an answer ends (ChatKit's ``chatkit.response.end``), naming its thread."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request

from server.hosted.mirror import HostedMirror
from server.hosted.openai_access import HostedError

router = APIRouter(prefix="/api/hosted")

MAX_THREAD_ID_LENGTH = 256


@router.post("/sync")
async def sync_hosted_threads(
    request: Request, body: Annotated[dict[str, Any] | None, Body()] = None
) -> dict[str, Any]:
    thread_id = (body or {}).get("thread_id")
    if thread_id is not None and (
        not isinstance(thread_id, str) or not 0 < len(thread_id) <= MAX_THREAD_ID_LENGTH
    ):
        raise HTTPException(status_code=400, detail="thread_id must be a thread's id, or absent")
    mirror: HostedMirror = request.app.state.hosted_mirror
    try:
        report = await mirror.sync(None if thread_id is None else [thread_id])
    except HostedError as error:
        raise HTTPException(status_code=error.status, detail=error.message) from None
    return report.as_json()
