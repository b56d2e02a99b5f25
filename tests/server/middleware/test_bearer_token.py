import hmac
import logging
import re

import httpx
import pytest
from starlette.types import Receive, Scope, Send

from server.http.loopback_endpoint import new_bearer_token
from server.middleware.bearer_token import BearerToken
from server.middleware.path_rules import PathRule
from tests.server.middleware.guarded_app import PAGE, TOKEN
from tests.server.middleware.live_server import LiveServer
from tests.server.middleware.raw_http import raw_request


async def unreachable_app(scope: Scope, receive: Receive, send: Send) -> None:
    raise AssertionError("never called")


def test_a_new_token_carries_256_random_bits_in_url_safe_characters() -> None:
    tokens = {new_bearer_token() for _ in range(100)}

    assert len(tokens) == 100
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", token)


@pytest.mark.parametrize("weak", ["", "short", "x" * 42, "a" * 50 + " b", "é" * 50])
def test_a_weak_or_unsendable_token_is_refused_without_being_shown(weak: str) -> None:
    with pytest.raises(ValueError) as raised:
        BearerToken(unreachable_app, weak, PathRule.of())

    if weak:
        assert weak not in str(raised.value)


def test_without_a_token_a_protected_route_answers_401_with_a_bearer_challenge(
    client: httpx.Client,
) -> None:
    response = client.get("/api/echo")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json() == {"error": {"message": "Authorization required"}}


BAD_AUTHORIZATIONS = [
    f"Bearer {TOKEN[:-1]}",
    f"Bearer {TOKEN}x",
    f"Bearer {TOKEN.upper()}",
    f"Bearer x{TOKEN}",
    # Another launch's token: well formed, just not ours (fixed so parallel workers agree).
    "Bearer " + "K" * 43,
    f"Bearer {TOKEN} {TOKEN}",
]


@pytest.mark.parametrize("authorization", BAD_AUTHORIZATIONS)
def test_a_wrong_token_is_refused(client: httpx.Client, authorization: str) -> None:
    response = client.get("/api/echo", headers={"Authorization": authorization})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json() == {"error": {"message": "Invalid token"}}
    assert TOKEN not in response.text


MALFORMED_AUTHORIZATIONS = [
    TOKEN,
    f"Basic {TOKEN}",
    f"Token {TOKEN}",
    f"Bearer{TOKEN}",
    "Bearer",
    "",
]


@pytest.mark.parametrize("authorization", MALFORMED_AUTHORIZATIONS)
def test_a_token_under_another_scheme_or_none_is_refused(
    client: httpx.Client, authorization: str
) -> None:
    response = client.get("/api/echo", headers={"Authorization": authorization})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_the_right_token_passes_whatever_the_case_of_the_scheme(
    client: httpx.Client, scheme: str
) -> None:
    response = client.get("/api/echo", headers={"Authorization": f"{scheme} {TOKEN}"})

    assert response.status_code == 200
    assert response.json() == {"path": "/api/echo"}


def test_the_token_in_the_query_string_is_not_enough(client: httpx.Client) -> None:
    response = client.get("/api/echo", params={"token": TOKEN})

    assert response.status_code == 401


def test_two_authorization_headers_are_refused(guarded: LiveServer) -> None:
    response = raw_request(
        guarded.port,
        b"GET /api/echo HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
        b"Authorization: Bearer wrong\r\nConnection: close"
        % (guarded.host.encode(), TOKEN.encode()),
    )

    assert response.status == 401


def test_the_page_and_its_static_files_need_no_token(client: httpx.Client) -> None:
    page = client.get("/")
    script = client.get("/static/app.js")

    assert (page.status_code, page.text) == (200, PAGE)
    assert script.status_code == 200


@pytest.mark.parametrize("path", ["/static", "/staticx/app.js", "/index.html", "/api/"])
def test_only_the_public_paths_are_public(client: httpx.Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 401


def test_unknown_routes_are_guarded_too(client: httpx.Client, authorized: dict[str, str]) -> None:
    assert client.get("/nowhere").status_code == 401
    assert client.get("/nowhere", headers=authorized).status_code == 404


def test_the_token_is_compared_in_constant_time_as_bytes(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[object, object]] = []
    real_compare = hmac.compare_digest

    def recording_compare(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return real_compare(given, expected)

    monkeypatch.setattr(hmac, "compare_digest", recording_compare)

    client.get("/api/echo", headers={"Authorization": "Bearer wrong"})

    assert compared == [(b"wrong", TOKEN.encode())]


def test_the_token_is_never_logged(
    client: httpx.Client, authorized: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    client.get("/api/echo", headers=authorized)
    client.get("/api/echo", headers={"Authorization": f"Bearer {TOKEN}x"})
    client.get("/api/fail", headers=authorized)

    assert caplog.records
    assert TOKEN not in caplog.text
