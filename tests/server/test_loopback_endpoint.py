"""The address taken before the server starts: a real socket on 127.0.0.1."""

import socket

import pytest

from server.loopback_endpoint import LoopbackEndpoint


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
