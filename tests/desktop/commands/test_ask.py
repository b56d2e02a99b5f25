"""``chatkit-desktop ask``, run as a user runs it, against a real running server: the text
(argument or stdin) reaches the open page, nothing but that is sent, and the settings, a
missing display and an empty text are each explained."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from common.shared_context import SELECTION_LIMIT, TRUNCATION_MARK
from server.routes.ask import attach_context_source
from server.routes.window import attach_window_controller
from tests.desktop.window.fake_controller import RecordingController
from tests.server.page_listener import listening_page
from tests.server.running_server import RunningServer, running_server


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def server(data_dir: Path) -> Iterator[RunningServer]:
    with running_server(data_dir) as running:
        yield running


def ask(data_dir: Path, *arguments: str, stdin: str = "", env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", "ask", "--data-dir", str(data_dir), *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_the_text_reaches_the_open_page_and_the_window_comes_up(
    server: RunningServer, data_dir: Path
) -> None:
    window = RecordingController()
    attach_window_controller(server.local.app, window)
    with listening_page(server) as page:
        result = ask(data_dir, "Ärger über ☃ snowmen")
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert page.next_event()["context"] == {"selection": "Ärger über ☃ snowmen"}
    assert window.shown == 1


def test_stdin_is_read_whole_and_an_overlong_text_is_marked_cut(
    server: RunningServer, data_dir: Path
) -> None:
    text = "x" * (SELECTION_LIMIT + 5000)
    with listening_page(server) as page:
        result = ask(data_dir, "--stdin", stdin=text)
        assert result.returncode == 0, result.stderr
        sent = page.next_event()["context"]["selection"]
    assert sent == "x" * SELECTION_LIMIT + TRUNCATION_MARK


class Captured:
    def __init__(self) -> None:
        self.calls = 0

    def capture(self) -> dict[str, Any]:
        self.calls += 1
        return {"active_window": {"title": "Inbox", "app": "Thunderbird"}}


def test_without_text_the_app_captures_as_the_shortcut_does(
    server: RunningServer, data_dir: Path
) -> None:
    source = Captured()
    attach_context_source(server.local.app, source)
    with listening_page(server) as page:
        assert ask(data_dir).returncode == 0
        assert page.next_event()["context"] == {
            "active_window": {"title": "Inbox", "app": "Thunderbird"}
        }
    assert source.calls == 1


def test_a_part_the_settings_keep_private_is_not_sent_and_the_user_is_told(
    server: RunningServer, data_dir: Path
) -> None:
    with server.client() as client:
        client.patch("/api/settings", json={"share_selection": False}).raise_for_status()
    with listening_page(server) as page:
        result = ask(data_dir, "private text")
        assert result.returncode == 0
        assert "not shared, sharing selected text is off in Settings" in result.stderr
        assert page.next_event()["context"] == {}


def test_with_no_page_open_under_serve_the_user_is_told_it_waits(
    server: RunningServer, data_dir: Path
) -> None:
    result = ask(data_dir, "for later")
    assert result.returncode == 0
    assert "no page is open yet" in result.stderr
    with listening_page(server) as page:
        assert page.next_event()["context"] == {"selection": "for later"}


@pytest.mark.parametrize("arguments", [("   ",), ("--stdin",)])
def test_an_empty_text_is_refused(data_dir: Path, arguments: tuple[str, ...]) -> None:
    result = ask(data_dir, *arguments, stdin="\n")
    assert result.returncode == 2
    assert "there is no text to ask about" in result.stderr


def test_with_no_app_running_and_no_display_it_says_so(data_dir: Path) -> None:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = ask(data_dir, "hello", env=env)
    assert result.returncode == 1
    assert "chatkit-desktop serve" in result.stderr
    assert "Traceback" not in result.stderr
