import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send

from server.middleware.origin_check import OriginCheck
from server.middleware.path_rules import PathRule
from tests.server.middleware.live_server import LiveServer
from tests.server.middleware.raw_http import raw_request

ORIGIN_REFUSED = {"error": {"message": "Requests from other origins are refused"}}


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]"])
def test_our_own_origin_passes(
    client: httpx.Client, guarded: LiveServer, authorized: dict[str, str], name: str
) -> None:
    response = client.get(
        "/api/echo", headers={**authorized, "Origin": f"http://{name}:{guarded.port}"}
    )

    assert response.status_code == 200


def test_no_origin_passes(client: httpx.Client, authorized: dict[str, str]) -> None:
    response = client.get("/api/echo", headers=authorized)

    assert response.status_code == 200


FOREIGN_ORIGINS = [
    "null",
    "http://attacker.example",
    "http://attacker.example:{port}",
    "https://127.0.0.1:{port}",
    "http://127.0.0.1:{other_port}",
    "http://127.0.0.1",
    "http://127.0.0.1:{port}.attacker.example",
    "file://",
    "*",
    "",
]


@pytest.mark.parametrize("template", FOREIGN_ORIGINS)
@pytest.mark.parametrize("path", ["/", "/api/echo"])
def test_a_foreign_origin_is_refused_even_with_the_token(
    client: httpx.Client,
    guarded: LiveServer,
    authorized: dict[str, str],
    template: str,
    path: str,
) -> None:
    origin = template.format(port=guarded.port, other_port=guarded.port + 1)

    response = client.get(path, headers={**authorized, "Origin": origin})

    assert response.status_code == 403
    assert response.json() == ORIGIN_REFUSED


def test_a_foreign_post_is_refused_before_its_body_is_parsed(
    client: httpx.Client, authorized: dict[str, str]
) -> None:
    response = client.post(
        "/chatkit",
        headers={**authorized, "Origin": "http://attacker.example"},
        content=b'{"type": "threads.list", "params": {}}',
    )

    assert response.status_code == 403


def test_a_second_origin_header_cannot_hide_a_foreign_one(guarded: LiveServer) -> None:
    response = raw_request(
        guarded.port,
        b"GET / HTTP/1.1\r\nHost: %s\r\nOrigin: %s\r\nOrigin: http://attacker.example\r\n"
        b"Connection: close" % (guarded.host.encode(), guarded.url.encode()),
    )

    assert response.status == 403


def test_a_cors_preflight_gets_no_cors_headers(client: httpx.Client, guarded: LiveServer) -> None:
    for origin in ("http://attacker.example", guarded.url):
        response = client.options(
            "/api/echo",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization",
            },
        )

        assert response.status_code in (401, 403)
        assert not [name for name in response.headers if name.startswith("access-control-")]


@pytest.mark.parametrize(("path", "passes"), [("/api/uploads/t", True), ("/api/upload", False)])
async def test_only_the_any_origin_paths_take_a_foreign_origin(path: str, passes: bool) -> None:
    reached: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    check = OriginCheck(
        app,
        allowed_origins=frozenset({"http://127.0.0.1:1"}),
        any_origin=PathRule.of(prefixes=["/api/uploads/"]),
    )
    headers = [(b"origin", b"https://cdn.platform.openai.com")]
    scope = {"type": "http", "method": "POST", "path": path, "headers": headers}

    await check(scope, receive, send)

    assert (reached == [path]) is passes
    assert sent[0]["status"] == (200 if passes else 403)
