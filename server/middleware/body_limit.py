"""Refuses request bodies over a size limit with 413.

A declared ``Content-Length`` over the limit is refused before the app runs. Bytes are also
counted as the app receives them, whatever was declared, so a chunked body or a length that
lies is cut off the moment it passes the limit: the 413 goes out at once, the app gets an
error instead of more body, and nothing more is read from the client.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.middleware.headers import header_values
from server.middleware.path_rules import PathRule
from server.middleware.refusal import refuse

DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
# More digits than any limit has; int() would also refuse thousands of them with a ValueError.
_MAX_LENGTH_DIGITS = 18
# The rest of an oversized body may still be on its way: this connection cannot be reused.
_CLOSE_CONNECTION = {"Connection": "close"}


class BodyLimitExceeded(Exception):
    """Raised to the app in place of the body chunk that went over the limit."""


class BodyLimit:
    def __init__(
        self,
        app: ASGIApp,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        larger_limit: tuple[PathRule, int] | None = None,
    ) -> None:
        """``larger_limit``: paths with a limit of their own (uploads)."""
        if max_body_bytes < 0 or (larger_limit is not None and larger_limit[1] < 0):
            raise ValueError("the body limit cannot be negative")
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.larger_limit = larger_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_body_bytes = self.max_body_bytes
        if self.larger_limit is not None and self.larger_limit[0].matches(scope["path"]):
            max_body_bytes = self.larger_limit[1]
        lengths = header_values(scope, b"content-length")
        if lengths:
            if len(lengths) != 1 or not lengths[0].isdigit():
                await refuse(scope, receive, send, 400, "Invalid Content-Length", _CLOSE_CONNECTION)
                return
            if len(lengths[0]) > _MAX_LENGTH_DIGITS or int(lengths[0]) > max_body_bytes:
                await refuse_too_large(scope, receive, send, max_body_bytes)
                return
        exchange = _CountedExchange(scope, receive, send, max_body_bytes)
        try:
            await self.app(scope, exchange.receive, exchange.send)
        except BodyLimitExceeded:
            # Answered already, or the app had begun its answer and the server cuts it short.
            return


async def refuse_too_large(scope: Scope, receive: Receive, send: Send, max_body_bytes: int) -> None:
    message = f"The request body is larger than {max_body_bytes} bytes"
    await refuse(scope, receive, send, 413, message, _CLOSE_CONNECTION)


class _CountedExchange:
    """One request's receive and send, counting body bytes and answering 413 when over."""

    def __init__(self, scope: Scope, receive: Receive, send: Send, max_body_bytes: int) -> None:
        self.scope = scope
        self.max_body_bytes = max_body_bytes
        self._receive = receive
        self._send = send
        self.received_bytes = 0
        self.response_started = False
        self.refused = False

    async def receive(self) -> Message:
        if self.refused:
            raise BodyLimitExceeded
        message = await self._receive()
        if message["type"] == "http.request":
            self.received_bytes += len(message.get("body", b""))
            if self.received_bytes > self.max_body_bytes:
                self.refused = True
                if not self.response_started:
                    await refuse_too_large(
                        self.scope, self._receive, self._send, self.max_body_bytes
                    )
                raise BodyLimitExceeded
        return message

    async def send(self, message: Message) -> None:
        # After our 413, whatever the app answers to losing its body goes nowhere.
        if self.refused:
            return
        if message["type"] == "http.response.start":
            self.response_started = True
        await self._send(message)
