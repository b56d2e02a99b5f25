import httpx
import pytest

from tests.server.middleware.guarded_app import CONTENT_SECURITY_POLICY, TOKEN, StreamGate
from tests.server.middleware.live_server import LiveServer
from tests.server.middleware.raw_http import raw_request

AUTHORIZED = {"Authorization": f"Bearer {TOKEN}"}
THREADS_LIST = b'{"type": "threads.list", "params": {}}'


@pytest.fixture(scope="module")
def responses(guarded_server: LiveServer, stream_gate: StreamGate) -> dict[str, httpx.Headers]:
    """The headers of one response of each kind the server gives, refusals and failures too."""
    stream_gate.released.set()
    with httpx.Client(base_url=guarded_server.url, timeout=10) as client:
        replies = {
            "page": client.get("/"),
            "static": client.get("/static/app.js"),
            "api": client.get("/api/echo", headers=AUTHORIZED),
            "chatkit": client.post("/chatkit", headers=AUTHORIZED, content=THREADS_LIST),
            "chatkit 400": client.post("/chatkit", headers=AUTHORIZED, content=b"[]"),
            "stream": client.get("/api/events", headers=AUTHORIZED),
            "401": client.get("/api/echo"),
            "403 host": client.get("/api/echo", headers={**AUTHORIZED, "Host": "attacker.example"}),
            "403 origin": client.get("/", headers={"Origin": "http://attacker.example"}),
            "404": client.get("/missing", headers=AUTHORIZED),
            "405": client.delete("/api/echo", headers=AUTHORIZED),
            "500": client.get("/api/fail", headers=AUTHORIZED),
        }
    stream_gate.reset()
    oversize = raw_request(
        guarded_server.port,
        b"POST /api/upload HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
        b"Content-Length: 999999999" % (guarded_server.host.encode(), TOKEN.encode()),
    )
    statuses = {kind: reply.status_code for kind, reply in replies.items()}
    assert list(statuses.values()) == [200, 200, 200, 200, 400, 200, 401, 403, 403, 404, 405, 500]
    assert oversize.status == 413
    return {
        **{kind: reply.headers for kind, reply in replies.items()},
        "413": httpx.Headers(oversize.headers),
    }


def test_every_response_says_nosniff(responses: dict[str, httpx.Headers]) -> None:
    for kind, headers in responses.items():
        assert headers.get("X-Content-Type-Options") == "nosniff", kind


def test_api_and_chatkit_responses_are_not_stored(responses: dict[str, httpx.Headers]) -> None:
    for kind in ("api", "chatkit", "chatkit 400", "stream", "401", "403 host", "405", "413", "500"):
        assert responses[kind].get("Cache-Control") == "no-store", kind


def test_only_the_page_gets_the_content_security_policy(
    responses: dict[str, httpx.Headers],
) -> None:
    assert responses["page"]["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    for kind, headers in responses.items():
        if kind != "page":
            assert "Content-Security-Policy" not in headers, kind


def test_no_response_ever_carries_a_cors_header(responses: dict[str, httpx.Headers]) -> None:
    for kind, headers in responses.items():
        assert not [name for name in headers if name.startswith("access-control-")], kind
