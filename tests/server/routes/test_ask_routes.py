"""``POST /api/ask`` and ``GET /api/events`` on a real server: an ask reaches every open page's
event stream, waits for a page that is not there yet, shares only what the settings allow, and
bad requests are refused with a message."""

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.routes.ask import attach_context_source
from server.routes.window import attach_window_controller
from tests.desktop.window.fake_controller import RecordingController
from tests.server.page_listener import PageListener, listening_page
from tests.server.running_server import RunningServer, running_server

EVENT_TIMEOUT = 10.0


def ask(server: RunningServer, body: dict[str, Any]) -> httpx.Response:
    with server.client() as client:
        return client.post("/api/ask", json=body)


SHARED = {
    "active_window": {"title": "report.odt — LibreOffice Writer", "app": "libreoffice"},
    "selection": "Quarterly revenue rose 12 %.",
}


def test_both_routes_need_the_token(tmp_path: Path) -> None:
    with running_server(tmp_path) as server, server.client(headers={"Authorization": ""}) as client:
        assert client.get("/api/events").status_code == 401
        assert client.post("/api/ask", json={}).status_code == 401


def test_an_ask_reaches_every_open_page(tmp_path: Path) -> None:
    with (
        running_server(tmp_path) as server,
        listening_page(server) as first,
        listening_page(server) as second,
    ):
        answer = ask(server, {"context": SHARED})
        assert answer.status_code == 202, answer.text
        assert answer.json() == {"context": SHARED, "withheld": [], "pages": 2, "window": False}
        for page in (first, second):
            event = page.next_event()
            assert event["event"] == "ask"
            assert event["type"] == "ask"
            assert event["context"] == SHARED


def test_an_ask_with_no_page_open_waits_for_the_next_one(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        assert ask(server, {"context": {"selection": "early"}}).json()["pages"] == 0
        with listening_page(server) as page:
            assert page.next_event()["context"] == {"selection": "early"}
        with listening_page(server) as later:
            # Delivered once: a page opened afterwards does not see it again.
            ask(server, {"context": {"selection": "second"}})
            assert later.next_event()["context"] == {"selection": "second"}


def test_what_the_settings_do_not_share_is_held_back(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        with server.client() as client:
            client.patch("/api/settings", json={"share_selection": False}).raise_for_status()
        with listening_page(server) as page:
            answer = ask(server, {"context": SHARED}).json()
            assert answer["withheld"] == ["selection"]
            assert answer["context"] == {"active_window": SHARED["active_window"]}
            assert page.next_event()["context"] == {"active_window": SHARED["active_window"]}


class FixedContextSource:
    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context
        self.captures = 0

    def capture(self) -> dict[str, Any]:
        self.captures += 1
        return self.context


def test_capture_asks_the_app_and_given_parts_win(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        source = FixedContextSource(SHARED)
        attach_context_source(server.local.app, source)
        with listening_page(server) as page:
            answer = ask(server, {"capture": True, "context": {"selection": "typed"}}).json()
            assert source.captures == 1
            expected = {"active_window": SHARED["active_window"], "selection": "typed"}
            assert answer["context"] == expected
            assert page.next_event()["context"] == expected
            ask(server, {"context": {"selection": "no capture"}})
            assert source.captures == 1


def test_capture_without_a_desktop_app_shares_nothing_more(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        answer = ask(server, {"capture": True}).json()
    assert answer["context"] == {}


def test_the_window_is_shown_when_there_is_one(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        controller = RecordingController()
        attach_window_controller(server.local.app, controller)
        assert ask(server, {}).json()["window"] is True
    assert controller.shown == 1


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{not json", "JSON"),
        (b'{"context": "text"}', "context"),
        (b'{"context": {"selection": 5}}', "selection must be a string"),
        (b'{"context": {"colour": "red"}}', "unknown fields: colour"),
        (b'{"capture": "yes"}', "capture"),
        (b'{"question": "why?"}', "question"),
        (b"[]", "object"),
    ],
)
def test_a_malformed_ask_is_refused_with_a_message(tmp_path: Path, body: bytes, words: str) -> None:
    with running_server(tmp_path) as server, server.client() as client:
        response = client.post(
            "/api/ask", content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400, response.text
        assert words.lower() in response.json()["error"]["message"].lower()
        assert client.get("/api/status").status_code == 200


def test_stopping_the_server_ends_open_event_streams_at_once(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        page = PageListener(server)
        server.local.request_stop()
        started = time.monotonic()
        assert page.ended.wait(EVENT_TIMEOUT)
        assert time.monotonic() - started < 3.0
        page.close()
