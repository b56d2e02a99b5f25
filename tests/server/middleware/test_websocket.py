"""A WebSocket handshake meets the same guards as any request: a browser lets any page open a
WebSocket to us, so a route added later must not be open to them."""

import base64
import os
import socket

import pytest

from tests.server.middleware.guarded_app import TOKEN
from tests.server.middleware.live_server import LiveServer
from tests.server.middleware.raw_http import TIMEOUT


def handshake_status(server: LiveServer, *extra: bytes) -> int:
    key = base64.b64encode(os.urandom(16))
    lines = [
        b"GET /api/socket HTTP/1.1",
        b"Upgrade: websocket",
        b"Connection: Upgrade",
        b"Sec-WebSocket-Key: " + key,
        b"Sec-WebSocket-Version: 13",
        *extra,
    ]
    with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as connection:
        connection.sendall(b"\r\n".join(lines) + b"\r\n\r\n")
        status_line = connection.recv(4096).split(b"\r\n", 1)[0]
    return int(status_line.split()[1])


def test_the_right_host_and_token_open_the_socket(guarded: LiveServer) -> None:
    status = handshake_status(
        guarded,
        b"Host: " + guarded.host.encode(),
        b"Origin: " + guarded.url.encode(),
        b"Authorization: Bearer " + TOKEN.encode(),
    )

    assert status == 101


@pytest.mark.parametrize(
    ("host", "origin", "authorization"),
    [
        ("attacker.example:{port}", None, f"Bearer {TOKEN}"),
        ("127.0.0.1:{port}", "http://attacker.example", f"Bearer {TOKEN}"),
        ("127.0.0.1:{port}", "null", f"Bearer {TOKEN}"),
        ("127.0.0.1:{port}", "http://127.0.0.1:{port}", None),
        ("127.0.0.1:{port}", None, "Bearer wrong"),
    ],
)
def test_a_handshake_failing_any_guard_is_refused(
    guarded: LiveServer, host: str, origin: str | None, authorization: str | None
) -> None:
    extra = [b"Host: " + host.format(port=guarded.port).encode()]
    if origin is not None:
        extra.append(b"Origin: " + origin.format(port=guarded.port).encode())
    if authorization is not None:
        extra.append(b"Authorization: " + authorization.encode())

    assert handshake_status(guarded, *extra) == 403
