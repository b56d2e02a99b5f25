"""How a guard turns a request away: our JSON error for HTTP; for a WebSocket handshake, a close
before accepting, which the server answers with HTTP 403."""

from collections.abc import Mapping

from starlette.types import Receive, Scope, Send

from server.http.errors import error_response

# RFC 6455 "policy violation".
WEBSOCKET_POLICY_VIOLATION = 1008


async def refuse(
    scope: Scope,
    receive: Receive,
    send: Send,
    status_code: int,
    message: str,
    headers: Mapping[str, str] | None = None,
) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": WEBSOCKET_POLICY_VIOLATION})
        return
    await error_response(status_code, message, headers)(scope, receive, send)
