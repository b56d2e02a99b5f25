"""``POST /api/ask`` and ``GET /api/events``: "ask about this", from outside the page to it.

The shortcut (in the desktop app) and ``chatkit-desktop ask`` publish an ask; every open page
hears it on its event stream, shows what will be shared, and puts the composer in front of the
user. Going through the server, the same flow reaches a browser tab under ``serve``.
"""

import json
from collections.abc import AsyncIterator
from typing import Any, Protocol

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, StrictBool
from starlette.concurrency import run_in_threadpool

from common.shared_context import SharedContext, SharedContextError, parse_shared_context
from server.http.ask_events import AskEvent, AskEvents
from server.http.services import AppServices
from server.routes.insert import forget_captured_window

router = APIRouter(prefix="/api")


class ContextSource(Protocol):
    """What was in front of the user just now, as the shortcut reads it, in the shape of
    ``metadata.context``, with the parts the settings do not share left unread. Blocking, and
    bounded in time."""

    def capture(self) -> dict[str, Any]: ...


def attach_context_source(app: FastAPI, source: ContextSource) -> None:
    app.state.context_source = source


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    context: dict[str, Any] | None = None
    """What to ask about, in the shape of ``metadata.context``."""
    capture: StrictBool = False
    """Read the active window and the selection, as the shortcut does (only where the app can)."""


@router.post("/ask", status_code=202)
async def ask(body: AskRequest, request: Request, app: AppServices) -> dict[str, Any]:
    try:
        shared = parse_shared_context({"context": body.context})
    except SharedContextError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    settings = await run_in_threadpool(app.settings_file.load)
    kept, withheld = (shared or SharedContext()).shared_under(settings.sharing)
    context = kept.as_json()
    source: ContextSource | None = getattr(request.app.state, "context_source", None)
    if body.capture and source is not None:
        # Given parts win over captured ones: they are what the caller chose to ask about.
        context = {**await run_in_threadpool(source.capture), **context}
    else:
        forget_captured_window(request.app)
    _event, pages = app.ask_events.deliver_now(context)
    controller = getattr(request.app.state, "window_controller", None)
    if controller is not None:
        controller.show()
    return {
        "context": context,
        "withheld": withheld,
        "pages": pages,
        "window": controller is not None,
    }


def _server_sent(event: AskEvent | None) -> bytes:
    if event is None:
        return b": keep-alive\n\n"
    return f"event: ask\ndata: {json.dumps(event.as_json())}\n\n".encode()


async def _stream(events: AskEvents) -> AsyncIterator[bytes]:
    # A first line at once: the page knows it is listening before anything happens.
    yield b": listening\n\n"
    async for event in events.listen():
        yield _server_sent(event if isinstance(event, AskEvent) else None)


@router.get("/events")
async def events(app: AppServices) -> StreamingResponse:
    return StreamingResponse(
        _stream(app.ask_events),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store"},
    )
