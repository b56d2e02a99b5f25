"""A tiny app behind the loopback guards: the shapes of route the real app has, and nothing of
its logic. A public page and script, a protected JSON route, a protected SSE stream, POST
routes that read their body (raw, as a FastAPI body parameter, and as a ChatKit request), a
WebSocket, and a route that fails."""

import asyncio
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, HTTPException, Request, WebSocket
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from server.http.errors import install_error_handlers
from server.middleware import install_loopback_guards
from server.protocol.errors import ChatKitRequestError
from server.protocol.request_parsing import parse_chatkit_request

TOKEN = "test-token-" + "x" * 40
MAX_BODY_BYTES = 64 * 1024
CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'"
PAGE = "<!doctype html><title>page</title>"
FAILURE_TEXT = "secret failure detail 7f3a"
GATE_TIMEOUT = 10.0


@dataclass
class StreamGate:
    """Holds the SSE route between its first and second event until the test releases it."""

    released: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)

    def reset(self) -> None:
        self.released.clear()
        self.finished.clear()


def build_guarded_app(port: int, gate: StreamGate) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/")
    async def page() -> HTMLResponse:
        return HTMLResponse(PAGE)

    @app.get("/static/app.js")
    async def script() -> Response:
        return Response("console.log(1)", media_type="text/javascript")

    @app.get("/api/echo")
    async def echo(request: Request) -> dict[str, str]:
        return {"path": request.url.path}

    @app.post("/api/upload")
    async def upload(request: Request) -> dict[str, int]:
        return {"received": len(await request.body())}

    @app.post("/api/json")
    async def json_body(payload: dict[str, Any]) -> dict[str, int]:
        return {"keys": len(payload)}

    @app.post("/chatkit")
    async def chatkit(request: Request) -> dict[str, str]:
        try:
            parsed = parse_chatkit_request(await request.body())
        except ChatKitRequestError as error:
            raise HTTPException(status_code=400, detail=str(error)) from error
        return {"type": parsed.type}

    @app.get("/api/events")
    async def events() -> StreamingResponse:
        async def stream() -> AsyncIterator[bytes]:
            yield b"data: first\n\n"
            await asyncio.to_thread(gate.released.wait, GATE_TIMEOUT)
            yield b"data: second\n\n"
            gate.finished.set()

        return StreamingResponse(stream(), media_type="text/event-stream")

    @app.get("/api/fail")
    async def fail() -> None:
        raise RuntimeError(FAILURE_TEXT)

    @app.websocket("/api/socket")
    async def socket(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("hello")
        await websocket.close()

    install_error_handlers(app)
    install_loopback_guards(
        app,
        port=port,
        token=TOKEN,
        public_paths={"/"},
        public_prefixes=("/static/",),
        max_body_bytes=MAX_BODY_BYTES,
        content_security_policy=CONTENT_SECURITY_POLICY,
    )
    return app
