"""A small HTTP/1.1 server on 127.0.0.1 whose event loop runs in a background thread.

It is built on asyncio and h11 (the HTTP/1.1 state machine uvicorn uses) rather than on
uvicorn itself because the fake needs things a production server avoids: closing a connection
in the middle of a response, holding a request forever, and stopping in milliseconds however
many requests are still open (uvicorn's own shutdown takes about 0.2 s even when idle).
"""

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import h11

from server.http.loopback_endpoint import bind_loopback

READ_SIZE = 65536
LOOP_CALL_TIMEOUT = 10.0

T = TypeVar("T")


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    """Names in lower case; a repeated header keeps its last value."""
    body: bytes


class HttpExchange:
    """How a handler answers one request: a whole response, a streamed one, or a dropped
    connection. Anything left unfinished when the handler returns drops the connection."""

    def __init__(self, connection: h11.Connection, writer: asyncio.StreamWriter) -> None:
        self._connection = connection
        self._writer = writer
        self.dropped = False

    @property
    def started(self) -> bool:
        return self._connection.our_state is not h11.SEND_RESPONSE

    async def respond(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        all_headers = {**headers, "content-length": str(len(body))}
        await self.start_stream(status, all_headers)
        await self.write(body)
        await self.end_stream()

    async def start_stream(self, status: int, headers: Mapping[str, str]) -> None:
        """Without a content-length, h11 frames the body with chunked transfer encoding."""
        await self._send(h11.Response(status_code=status, headers=list(headers.items())))

    async def write(self, data: bytes) -> None:
        if data:
            await self._send(h11.Data(data=data))

    async def end_stream(self) -> None:
        await self._send(h11.EndOfMessage())

    def drop(self) -> None:
        """Closes the connection without finishing the response; bytes already written are
        still delivered, so the client sees a body cut short."""
        self.dropped = True
        self._writer.close()

    async def _send(self, event: h11.Event) -> None:
        payload = self._connection.send(event)
        if payload:
            self._writer.write(payload)
            await self._writer.drain()


Handler = Callable[[HttpRequest, HttpExchange], Awaitable[None]]


class BackgroundHttpServer:
    """Serves ``handler`` from a thread of its own; ``start`` and ``stop`` are called from
    ordinary synchronous code. Exceptions a handler raises are kept in ``handler_errors``."""

    def __init__(self, handler: Handler) -> None:
        self._handler = handler
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self.port = 0
        self.handler_errors: list[Exception] = []

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        if self.running:
            raise RuntimeError("the server is already running")
        # The app's own binding: with Nagle's algorithm off, as a real API server has it.
        listener = bind_loopback(0)
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="fake-openai-http", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread
        try:
            self.port = listener.getsockname()[1]
            self._server = self._call_in_loop(
                asyncio.start_server(self._accept_connection, sock=listener)
            )
        except BaseException:
            listener.close()
            self._stop_loop()
            raise

    def stop(self) -> None:
        """Closes the listener and every open connection, even one whose request hangs."""
        if self._server is not None:
            self._call_in_loop(self._close(self._server))
            self._server = None
        self._stop_loop()

    def _call_in_loop(self, coroutine: Coroutine[Any, Any, T]) -> T:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(LOOP_CALL_TIMEOUT)

    async def _close(self, server: asyncio.Server) -> None:
        server.close()
        for task in self._connections:
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        await server.wait_closed()

    def _stop_loop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        self._call_in_loop(self._loop.shutdown_asyncgens())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(LOOP_CALL_TIMEOUT)
        self._loop.close()
        self._loop, self._thread = None, None

    def _accept_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        # A task of our own: asyncio 3.11 logs an error when a task it started for a
        # connection ends cancelled, which is how ``stop`` ends them.
        task = asyncio.get_running_loop().create_task(self._serve_connection(reader, writer))
        self._connections.add(task)
        task.add_done_callback(self._connections.discard)

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        connection = h11.Connection(h11.SERVER)
        try:
            while (request := await _read_request(connection, reader)) is not None:
                exchange = HttpExchange(connection, writer)
                await self._answer(request, exchange)
                reusable = connection.our_state is h11.DONE and connection.their_state is h11.DONE
                if exchange.dropped or not reusable:
                    break
                connection.start_next_cycle()
        except (ConnectionError, h11.ProtocolError):
            # A client that vanished or spoke malformed HTTP: nothing to answer, just close.
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _answer(self, request: HttpRequest, exchange: HttpExchange) -> None:
        try:
            await self._handler(request, exchange)
        except ConnectionError:
            # The client went away mid-answer: normal for timeouts and early closes.
            exchange.drop()
        except Exception as error:
            self.handler_errors.append(error)
            if exchange.started:
                exchange.drop()
            else:
                await exchange.respond(500, {"content-type": "text/plain"}, repr(error).encode())


async def _read_request(
    connection: h11.Connection, reader: asyncio.StreamReader
) -> HttpRequest | None:
    """The next whole request on the connection, or None once the client has closed it."""
    head: h11.Request | None = None
    body = bytearray()
    while True:
        event = connection.next_event()
        if event is h11.NEED_DATA:
            connection.receive_data(await reader.read(READ_SIZE))
        elif isinstance(event, h11.Request):
            head = event
        elif isinstance(event, h11.Data):
            body += event.data
        elif isinstance(event, h11.EndOfMessage) and head is not None:
            return _request_from(head, bytes(body))
        else:
            return None


def _request_from(head: h11.Request, body: bytes) -> HttpRequest:
    target = head.target.decode("latin-1")
    path, _, query = target.partition("?")
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in head.headers}
    return HttpRequest(head.method.decode("ascii"), path, query, headers, body)
