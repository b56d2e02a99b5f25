"""The guards together: their order, and what a request failing several of them is told."""

import json

import httpx
from fastapi import FastAPI

from server.http.loopback_endpoint import new_bearer_token
from server.middleware import install_loopback_guards
from server.middleware.bearer_token import BearerToken
from server.middleware.body_limit import BodyLimit
from server.middleware.host_allowlist import HostAllowlist
from server.middleware.origin_check import OriginCheck
from server.middleware.security_headers import SecurityHeaders
from tests.server.middleware.guarded_app import MAX_BODY_BYTES
from tests.server.middleware.live_server import LiveServer
from tests.server.middleware.raw_http import raw_request


def test_the_guards_are_installed_outermost_first_in_their_order() -> None:
    app = FastAPI()

    install_loopback_guards(app, port=8765, token=new_bearer_token())

    assert [middleware.cls for middleware in app.user_middleware] == [
        SecurityHeaders,
        HostAllowlist,
        OriginCheck,
        BodyLimit,
        BearerToken,
    ]


def test_a_foreign_host_is_told_only_that_its_host_is_wrong(client: httpx.Client) -> None:
    response = client.get(
        "/api/echo",
        headers={"Host": "attacker.example", "Origin": "http://attacker.example"},
    )

    assert response.status_code == 403
    assert "address" in response.json()["error"]["message"]


def test_a_foreign_origin_never_learns_whether_its_token_is_right(client: httpx.Client) -> None:
    response = client.get(
        "/api/echo",
        headers={"Origin": "http://attacker.example", "Authorization": "Bearer guess"},
    )

    assert response.status_code == 403
    assert "WWW-Authenticate" not in response.headers


def test_a_declared_oversize_body_is_refused_before_the_token_is_checked(
    guarded: LiveServer,
) -> None:
    response = raw_request(
        guarded.port,
        b"POST /api/upload HTTP/1.1\r\nHost: %s\r\nContent-Length: %d"
        % (guarded.host.encode(), MAX_BODY_BYTES + 1),
    )

    assert response.status == 413
    assert json.loads(response.body)["error"]["message"]
