"""The address taken before the server starts: a real socket on 127.0.0.1."""

import asyncio
import socket

import pytest

from server.http.loopback_endpoint import LoopbackEndpoint


def test_a_free_loopback_port_is_bound_and_listening() -> None:
    endpoint = LoopbackEndpoint.open()
    try:
        assert endpoint.socket.getsockname()[0] == "127.0.0.1"
        assert endpoint.port > 0
        with socket.create_connection(("127.0.0.1", endpoint.port), timeout=5):
            pass
        assert endpoint.url == f"http://127.0.0.1:{endpoint.port}"
        assert endpoint.page_url == f"{endpoint.url}/#token={endpoint.token}"
    finally:
        endpoint.close()
    assert endpoint.socket.fileno() == -1


def test_each_endpoint_has_its_own_256_bit_token() -> None:
    first, second = LoopbackEndpoint.open(), LoopbackEndpoint.open()
    try:
        assert first.token != second.token
        assert len(first.token) >= 43
    finally:
        first.close()
        second.close()


def test_a_port_in_use_is_refused_with_os_error() -> None:
    taken = LoopbackEndpoint.open()
    try:
        with pytest.raises(OSError):
            LoopbackEndpoint.open(taken.port)
    finally:
        taken.close()


async def test_connections_it_accepts_send_small_writes_at_once() -> None:
    """Accepted as uvicorn accepts them. With Nagle's algorithm on, an answer's first event on
    a kept-alive connection waited about 40 ms for the client's delayed ACK."""
    endpoint = LoopbackEndpoint.open()
    accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def on_connection(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connection = writer.get_extra_info("socket")
        accepted.set_result(connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(on_connection, sock=endpoint.socket)
    _, writer = await asyncio.open_connection("127.0.0.1", endpoint.port)
    try:
        nodelay = await asyncio.wait_for(accepted, 5)
    finally:
        writer.close()
        await writer.wait_closed()
        server.close()
        await server.wait_closed()
    assert nodelay == 1
