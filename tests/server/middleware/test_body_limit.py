import json

import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send

from server.middleware import DEFAULT_MAX_BODY_BYTES
from server.middleware.body_limit import BodyLimit, BodyLimitExceeded
from server.middleware.path_rules import PathRule
from tests.server.middleware.guarded_app import MAX_BODY_BYTES, TOKEN
from tests.server.middleware.live_server import LiveServer
from tests.server.middleware.raw_http import raw_request, send_chunked_until_answered

TOO_LARGE = {"error": {"message": f"The request body is larger than {MAX_BODY_BYTES} bytes"}}
CHUNK = b"x" * 16384
# Far more than the limit: the server must answer long before all of it is sent.
MAX_CHUNKS = 64
ROUTES_READING_THE_BODY = ["/api/upload", "/api/json", "/chatkit"]


def head(server: LiveServer, path: str, *extra: bytes) -> bytes:
    lines = [
        b"POST %s HTTP/1.1" % path.encode(),
        b"Host: " + server.host.encode(),
        b"Authorization: Bearer " + TOKEN.encode(),
        b"Content-Type: application/json",
        *extra,
    ]
    return b"\r\n".join(lines)


def test_the_default_limit_is_16_mib() -> None:
    assert DEFAULT_MAX_BODY_BYTES == 16 * 1024 * 1024


def test_a_body_at_the_limit_is_read_whole(
    client: httpx.Client, authorized: dict[str, str]
) -> None:
    response = client.post("/api/upload", headers=authorized, content=b"x" * MAX_BODY_BYTES)

    assert response.status_code == 200
    assert response.json() == {"received": MAX_BODY_BYTES}


@pytest.mark.parametrize("path", ROUTES_READING_THE_BODY)
def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(
    guarded: LiveServer, path: str
) -> None:
    # Only the head goes out: the answer must come without the server waiting for a body.
    response = raw_request(
        guarded.port, head(guarded, path, b"Content-Length: %d" % (MAX_BODY_BYTES + 1))
    )

    assert response.status == 413
    assert response.headers["connection"] == "close"
    assert json.loads(response.body) == TOO_LARGE


def test_an_absurd_declared_length_is_refused(guarded: LiveServer) -> None:
    response = raw_request(
        guarded.port, head(guarded, "/api/upload", b"Content-Length: " + b"9" * 40)
    )

    assert response.status in (400, 413)


@pytest.mark.parametrize("path", ROUTES_READING_THE_BODY)
def test_a_chunked_body_is_cut_off_as_soon_as_it_passes_the_limit(
    guarded: LiveServer, path: str
) -> None:
    response, chunks_sent = send_chunked_until_answered(
        guarded.port, head(guarded, path), CHUNK, MAX_CHUNKS
    )

    assert response.status == 413
    assert response.headers["connection"] == "close"
    assert json.loads(response.body) == TOO_LARGE
    assert chunks_sent < MAX_CHUNKS // 2


def test_a_chunked_body_under_the_limit_is_read_whole(guarded: LiveServer) -> None:
    response, chunks_sent = send_chunked_until_answered(
        guarded.port, head(guarded, "/api/upload"), CHUNK, 3
    )

    assert (response.status, chunks_sent) == (200, 3)
    assert response.body == b'{"received":%d}' % (3 * len(CHUNK))


def test_an_unauthenticated_chunked_body_is_not_read(guarded: LiveServer) -> None:
    unauthenticated = b"\r\n".join(
        line for line in head(guarded, "/api/upload").split(b"\r\n") if b"Authorization" not in line
    )

    response, chunks_sent = send_chunked_until_answered(
        guarded.port, unauthenticated, CHUNK, MAX_CHUNKS
    )

    assert response.status == 401
    assert chunks_sent <= 1


class FakePeer:
    """Stands in for an ASGI server that trusts a Content-Length less than h11 does."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.sent: list[Message] = []

    async def receive(self) -> Message:
        body = self.chunks.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(self.chunks)}

    async def send(self, message: Message) -> None:
        self.sent.append(message)


def http_scope(*headers: tuple[bytes, bytes]) -> Scope:
    return {"type": "http", "method": "POST", "path": "/api/upload", "headers": list(headers)}


async def test_a_lying_content_length_does_not_get_past_the_count() -> None:
    app_saw: list[bytes] = []
    app_failed: list[BaseException] = []

    async def reading_app(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            while True:
                message = await receive()
                app_saw.append(message["body"])
                if not message["more_body"]:
                    break
        except BodyLimitExceeded as error:
            app_failed.append(error)
            raise
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"read it all"})

    peer = FakePeer([b"a" * 60, b"b" * 60, b"c" * 60])
    limit = BodyLimit(reading_app, max_body_bytes=100)

    await limit(http_scope((b"content-length", b"10")), peer.receive, peer.send)

    assert app_saw == [b"a" * 60]
    assert len(app_failed) == 1
    assert peer.sent[0]["status"] == 413
    assert b"read it all" not in b"".join(message.get("body", b"") for message in peer.sent)
    # Nothing read past the chunk that went over.
    assert peer.chunks == [b"c" * 60]


async def test_whatever_the_app_answers_after_the_413_is_dropped() -> None:
    async def app_answering_its_own_error(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await receive()
        except BodyLimitExceeded:
            await send({"type": "http.response.start", "status": 400, "headers": []})
            await send({"type": "http.response.body", "body": b"could not read the body"})

    peer = FakePeer([b"x" * 200])

    await BodyLimit(app_answering_its_own_error, max_body_bytes=100)(
        http_scope(), peer.receive, peer.send
    )

    assert [message.get("status") for message in peer.sent if "status" in message] == [413]
    assert b"could not read" not in b"".join(message.get("body", b"") for message in peer.sent)


@pytest.mark.parametrize(
    "lengths",
    [[b"abc"], [b"-1"], [b"1e3"], [b""], [b"10", b"10"], [b" 10"]],
)
async def test_an_invalid_content_length_is_refused(lengths: list[bytes]) -> None:
    async def unreachable_app(scope: Scope, receive: Receive, send: Send) -> None:
        raise AssertionError("never called")

    peer = FakePeer([b""])
    headers = [(b"content-length", length) for length in lengths]

    await BodyLimit(unreachable_app, max_body_bytes=100)(
        http_scope(*headers), peer.receive, peer.send
    )

    assert peer.sent[0]["status"] == 400


def test_a_negative_limit_is_refused() -> None:
    async def unreachable_app(scope: Scope, receive: Receive, send: Send) -> None:
        raise AssertionError("never called")

    with pytest.raises(ValueError, match="negative"):
        BodyLimit(unreachable_app, max_body_bytes=-1)


@pytest.mark.parametrize(("path", "status"), [("/api/uploads/t", 200), ("/api/upload", 413)])
async def test_paths_with_a_larger_limit_get_it_and_no_others(path: str, status: int) -> None:
    async def reading_app(scope: Scope, receive: Receive, send: Send) -> None:
        while (await receive())["more_body"]:
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    peer = FakePeer([b"x" * 150, b"y" * 150])
    limit = BodyLimit(
        reading_app,
        max_body_bytes=100,
        larger_limit=(PathRule.of(prefixes=["/api/uploads/"]), 1000),
    )

    await limit({**http_scope(), "path": path}, peer.receive, peer.send)

    assert peer.sent[0]["status"] == status
