"""HTTP over a bare socket, for requests httpx will not make: a foreign or missing Host, two
Host headers, a body sent chunk by chunk while watching for an early answer."""

import select
import socket
from dataclasses import dataclass

import h11

TIMEOUT = 10.0


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes


def raw_request(port: int, head: bytes, body: bytes = b"") -> RawResponse:
    """Sends ``head`` (request line and headers, without the blank line) and ``body``, then
    reads one response. The request should ask for ``Connection: close``."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as connection:
        connection.sendall(head + b"\r\n\r\n" + body)
        return read_response(connection)


def read_response(connection: socket.socket) -> RawResponse:
    parser = h11.Connection(h11.CLIENT)
    # h11 must believe it sent a request before it will read a response.
    parser.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
    status = 0
    headers: dict[str, str] = {}
    body = b""
    while True:
        event = parser.next_event()
        if event is h11.NEED_DATA:
            parser.receive_data(connection.recv(65536))
        elif isinstance(event, h11.Response):
            status = event.status_code
            headers = {name.decode(): value.decode() for name, value in event.headers}
        elif isinstance(event, h11.Data):
            body += bytes(event.data)
        elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
            return RawResponse(status, headers, body)


def send_chunked_until_answered(
    port: int, head: bytes, chunk: bytes, max_chunks: int
) -> tuple[RawResponse, int]:
    """Streams ``chunk`` repeatedly as a chunked body without Content-Length, stopping as soon
    as the server answers. Returns the answer and how many chunks went out before it."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as connection:
        connection.sendall(head + b"\r\nTransfer-Encoding: chunked\r\n\r\n")
        framed = b"%x\r\n%s\r\n" % (len(chunk), chunk)
        for sent in range(max_chunks):
            readable, _, _ = select.select([connection], [], [], 0.05)
            if readable:
                return read_response(connection), sent
            connection.sendall(framed)
        connection.sendall(b"0\r\n\r\n")
        return read_response(connection), max_chunks
