"""``POST /chatkit`` at the HTTP edge of the real app: every client mistake is a 4xx with a
message, the guards stand in front of every route, and the server keeps serving."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from chatkit.server import ChatKitServer

from tests.server.running_server import RunningServer, running_server, user_input


@pytest.fixture
def served(tmp_path: Path) -> Iterator[RunningServer]:
    with running_server(tmp_path / "data") as server:
        yield server


def error_message(response: httpx.Response) -> str:
    message = response.json()["error"]["message"]
    assert isinstance(message, str)
    assert message
    return message


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'"threads.list"',
        b"[" * 100_000 + b"]" * 100_000,
        json.dumps({"type": "threads.explode", "params": {}}).encode(),
        json.dumps({"params": {}}).encode(),
        json.dumps({"type": "threads.create", "params": {}}).encode(),
        json.dumps({"type": "threads.create", "params": {"input": {"content": "hi"}}}).encode(),
        json.dumps({"type": "items.list", "params": {"thread_id": 7}}).encode(),
        json.dumps({"type": "threads.list", "params": {"limit": "many"}}).encode(),
        json.dumps({"type": "threads.list", "params": {"limit": -1}}).encode(),
        json.dumps({"type": "threads.list", "params": {"limit": 0}}).encode(),
        json.dumps({"type": "threads.list", "params": {"limit": 10**9}}).encode(),
        json.dumps({"type": "threads.list", "params": {"limit": 2.5}}).encode(),
        json.dumps({"type": "threads.list", "params": {"order": "sideways"}}).encode(),
        json.dumps({"type": "items.list", "params": {"thread_id": "thr_1", "limit": -5}}).encode(),
        json.dumps({"type": "items.list", "params": {"thread_id": "thr_1", "order": 1}}).encode(),
        json.dumps(
            {"type": "threads.create", "params": {"input": user_input("x")}, "metadata": []}
        ).encode(),
        json.dumps(
            {
                "type": "threads.create",
                "params": {"input": user_input("x")},
                "metadata": {"context": {"selection": ["not", "text"]}},
            }
        ).encode(),
        json.dumps(
            {
                "type": "attachments.create",
                "params": {"name": "a", "size": 1, "mime_type": "application/x-msdownload"},
            }
        ).encode(),
    ],
    ids=[
        "invalid-json",
        "invalid-utf8",
        "array",
        "string",
        "absurd-nesting",
        "unknown-type",
        "missing-type",
        "missing-input",
        "mistyped-content",
        "mistyped-thread-id",
        "mistyped-limit",
        "negative-limit",
        "zero-limit",
        "huge-limit",
        "fractional-limit",
        "unknown-order",
        "negative-items-limit",
        "mistyped-items-order",
        "mistyped-metadata",
        "mistyped-context",
        "unsupported-attachment-type",
    ],
)
def test_bad_requests_get_400_with_a_message(served: RunningServer, body: bytes) -> None:
    response = served.post(body)
    assert response.status_code == 400, response.text
    error_message(response)
    assert served.request({"type": "threads.list", "params": {}}) == {
        "data": [],
        "has_more": False,
    }


@pytest.mark.parametrize(
    "body",
    [
        {"type": "threads.get_by_id", "params": {"thread_id": "thr_missing"}},
        {"type": "items.list", "params": {"thread_id": "thr_missing"}},
        {"type": "threads.update", "params": {"thread_id": "thr_missing", "title": "t"}},
        {"type": "threads.delete", "params": {"thread_id": "thr_missing"}},
        {
            "type": "threads.add_user_message",
            "params": {"thread_id": "thr_missing", "input": user_input("x")},
        },
        {
            "type": "threads.retry_after_item",
            "params": {"thread_id": "thr_missing", "item_id": "msg_missing"},
        },
    ],
    ids=lambda body: body["type"],
)
def test_unknown_threads_are_404(served: RunningServer, body: dict[str, Any]) -> None:
    response = served.post(body)
    assert response.status_code == 404, response.text
    error_message(response)


def test_an_oversized_body_is_413(served: RunningServer) -> None:
    response = served.post(b" " * (16 * 1024 * 1024 + 1))
    assert response.status_code == 413
    error_message(response)


def test_json_requests_answer_json_not_cached(served: RunningServer) -> None:
    response = served.post({"type": "threads.list", "params": {"limit": 3, "order": "asc"}})
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_rename_and_delete_go_through_the_sdk(served: RunningServer) -> None:
    # No model is configured: the stream reports that, and the thread still exists.
    created = served.stream({"type": "threads.create", "params": {"input": user_input("hi")}})
    thread_id = created[0]["thread"]["id"]
    renamed = served.request(
        {"type": "threads.update", "params": {"thread_id": thread_id, "title": "Renamed"}}
    )
    assert renamed["title"] == "Renamed"
    assert served.request({"type": "threads.delete", "params": {"thread_id": thread_id}}) == {}
    assert served.request({"type": "threads.list", "params": {}})["data"] == []


def test_the_sdk_is_handed_the_parsed_request_not_json_to_parse_again(
    served: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ChatKitServer.process()`` builds a pydantic adapter for every request it parses: about
    3 ms before the first event of every answer."""

    def parse_again(*args: Any) -> None:
        raise AssertionError("the request was parsed a second time")

    monkeypatch.setattr(ChatKitServer, "process", parse_again)
    created = served.stream({"type": "threads.create", "params": {"input": user_input("hi")}})
    thread_id = created[0]["thread"]["id"]
    renamed = served.request(
        {"type": "threads.update", "params": {"thread_id": thread_id, "title": "Renamed"}}
    )
    assert renamed["title"] == "Renamed"


def test_the_guards_stand_in_front_of_every_route(served: RunningServer) -> None:
    port = served.local.port
    bare = httpx.Client(base_url=served.url, timeout=10)
    threads_list = {"type": "threads.list", "params": {}}
    with bare:
        assert bare.post("/chatkit", json=threads_list).status_code == 401
        assert bare.get("/api/settings").status_code == 401
        wrong = {"Authorization": "Bearer " + "x" * 43}
        assert bare.post("/chatkit", json=threads_list, headers=wrong).status_code == 401

        page = bare.get("/")
        assert page.status_code == 200
        assert "default-src" in page.headers["content-security-policy"]
        assert "access-control-allow-origin" not in page.headers

        authorized = {"Authorization": f"Bearer {served.token}"}
        for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}"):
            refused = bare.get("/", headers={"Host": host})
            assert refused.status_code in (400, 403), host
            refused = bare.post("/chatkit", json=threads_list, headers={**authorized, "Host": host})
            assert refused.status_code in (400, 403), host
        for origin in ("null", "http://evil.example", f"http://evil.example:{port}"):
            refused = bare.post(
                "/chatkit", json=threads_list, headers={**authorized, "Origin": origin}
            )
            assert refused.status_code == 403, origin
        own = bare.post(
            "/chatkit",
            json=threads_list,
            headers={
                **authorized,
                "Origin": f"http://localhost:{port}",
                "Host": f"localhost:{port}",
            },
        )
        assert own.status_code == 200
