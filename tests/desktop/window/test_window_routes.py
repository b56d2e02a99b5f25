from collections.abc import Iterator
from pathlib import Path

import pytest

from server.routes.window import NO_WINDOW_MESSAGE, attach_window_controller
from tests.desktop.window.fake_controller import RecordingController
from tests.server.running_server import RunningServer, running_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    with running_server(tmp_path / "data") as running:
        yield running


def test_show_asks_the_window(server: RunningServer) -> None:
    window = RecordingController()
    attach_window_controller(server.local.app, window)
    with server.client() as client:
        response = client.post("/api/window/show")
    assert response.status_code == 204
    assert window.shown == 1


def test_the_window_endpoints_need_the_token(server: RunningServer) -> None:
    window = RecordingController()
    attach_window_controller(server.local.app, window)
    with server.client(headers={"Authorization": "Bearer wrong"}) as client:
        assert client.post("/api/window/show").status_code == 401
        assert client.post("/api/clipboard", json={"text": "x"}).status_code == 401
    assert window.shown == 0
    assert window.copied == []


def test_without_a_window_the_endpoints_say_so(server: RunningServer) -> None:
    with server.client() as client:
        shown = client.post("/api/window/show")
        copied = client.post("/api/clipboard", json={"text": "x"})
    assert shown.status_code == copied.status_code == 409
    assert shown.json() == {"error": {"message": NO_WINDOW_MESSAGE}}


def test_the_clipboard_gets_the_text(server: RunningServer) -> None:
    window = RecordingController()
    attach_window_controller(server.local.app, window)
    with server.client() as client:
        response = client.post("/api/clipboard", json={"text": "copy me"})
    assert response.status_code == 204
    assert window.copied == ["copy me"]


def test_a_backend_without_a_native_clipboard_answers_501(server: RunningServer) -> None:
    attach_window_controller(server.local.app, RecordingController(clipboard=False))
    with server.client() as client:
        response = client.post("/api/clipboard", json={"text": "copy me"})
    assert response.status_code == 501
    assert "clipboard" in response.json()["error"]["message"]


@pytest.mark.parametrize("body", [{}, {"text": 3}, []])
def test_a_malformed_clipboard_request_is_a_400(server: RunningServer, body: object) -> None:
    attach_window_controller(server.local.app, RecordingController())
    with server.client() as client:
        response = client.post("/api/clipboard", json=body)
    assert response.status_code == 400


def test_the_close_notice_answers_reach_the_window(server: RunningServer) -> None:
    window = RecordingController()
    attach_window_controller(server.local.app, window)
    with server.client() as client:
        assert client.post("/api/window/hide").status_code == 204
        assert client.post("/api/window/quit").status_code == 204
    with server.client(headers={"Authorization": "Bearer wrong"}) as client:
        assert client.post("/api/window/hide").status_code == 401
        assert client.post("/api/window/quit").status_code == 401
    assert (window.hidden, window.quitted) == (1, 1)


def test_without_a_window_hide_and_quit_say_so(server: RunningServer) -> None:
    with server.client() as client:
        for path in ("/api/window/hide", "/api/window/quit"):
            answer = client.post(path)
            assert answer.status_code == 409
            assert answer.json() == {"error": {"message": NO_WINDOW_MESSAGE}}
