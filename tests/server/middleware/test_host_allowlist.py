import httpx
import pytest

from server.middleware import loopback_hosts
from tests.server.middleware.guarded_app import PAGE
from tests.server.middleware.live_server import LiveServer
from tests.server.middleware.raw_http import raw_request

HOST_REFUSED = {"error": {"message": "This server answers only to its own address"}}


def test_loopback_hosts_are_the_three_loopback_names_with_the_port() -> None:
    assert loopback_hosts(8765) == {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"}


def test_names_without_a_port_are_ours_only_on_port_80() -> None:
    assert loopback_hosts(80) == {
        "127.0.0.1:80",
        "localhost:80",
        "[::1]:80",
        "127.0.0.1",
        "localhost",
        "[::1]",
    }


@pytest.mark.parametrize("port", [0, -1, 65536])
def test_a_port_out_of_range_is_refused(port: int) -> None:
    with pytest.raises(ValueError, match="not a TCP port"):
        loopback_hosts(port)


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LocalHost", "[::1]"])
def test_our_own_names_reach_the_page(client: httpx.Client, guarded: LiveServer, name: str) -> None:
    response = client.get("/", headers={"Host": f"{name}:{guarded.port}"})

    assert response.status_code == 200
    assert response.text == PAGE


FOREIGN_HOSTS = [
    "attacker.example:{port}",  # DNS rebinding: the attacker's name, resolved to 127.0.0.1
    "127.0.0.1.attacker.example:{port}",
    "localhost.:{port}",
    "127.0.0.1:{other_port}",
    "127.0.0.1",
    "localhost",
    "0.0.0.0:{port}",
    "127.0.0.2:{port}",
    "[::ffff:127.0.0.1]:{port}",
    "127.0.0.1:{port}@attacker.example",
]


@pytest.mark.parametrize("template", FOREIGN_HOSTS)
@pytest.mark.parametrize("path", ["/", "/static/app.js", "/api/echo"])
def test_a_foreign_host_is_refused_on_every_route_even_with_the_token(
    client: httpx.Client,
    guarded: LiveServer,
    authorized: dict[str, str],
    template: str,
    path: str,
) -> None:
    host = template.format(port=guarded.port, other_port=guarded.port + 1)

    response = client.get(path, headers={**authorized, "Host": host})

    assert response.status_code == 403
    assert response.json() == HOST_REFUSED


@pytest.mark.parametrize(
    "request_head",
    [
        # HTTP/1.0 may leave Host out.
        b"GET / HTTP/1.0",
        # HTTP/1.1 requires it, but httptools, unlike h11, lets the request through.
        b"GET / HTTP/1.1\r\nConnection: close",
    ],
)
def test_a_request_without_host_is_refused(guarded: LiveServer, request_head: bytes) -> None:
    response = raw_request(guarded.port, request_head)

    assert response.status == 403
    assert response.body == b'{"error":{"message":"This server answers only to its own address"}}'


def test_two_host_headers_are_refused(guarded: LiveServer) -> None:
    host = guarded.host.encode()
    response = raw_request(
        guarded.port,
        b"GET / HTTP/1.1\r\nHost: %s\r\nHost: attacker.example\r\nConnection: close" % host,
    )

    assert response.status in (400, 403)
