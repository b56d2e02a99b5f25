import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.window.single_instance import Handoff, hand_off_to_running_app
from server.routes.window import attach_window_controller
from testing.running_app import free_port
from tests.desktop.window.fake_controller import RecordingController
from tests.server.running_server import RunningServer, running_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    with running_server(tmp_path / "data") as running:
        yield running


def test_the_running_app_is_asked_to_show_its_window(server: RunningServer, tmp_path: Path) -> None:
    window = RecordingController()
    attach_window_controller(server.local.app, window)
    handoff, running = hand_off_to_running_app(tmp_path / "data")
    assert handoff is Handoff.SHOWN
    assert running is not None
    assert running.port == server.local.port
    assert window.shown == 1


def test_a_server_without_a_window_is_reported(server: RunningServer, tmp_path: Path) -> None:
    handoff, _ = hand_off_to_running_app(tmp_path / "data")
    assert handoff is Handoff.SERVER_WITHOUT_WINDOW


def test_no_runtime_file_means_nobody(tmp_path: Path) -> None:
    assert hand_off_to_running_app(tmp_path / "empty") == (Handoff.NOBODY, None)


@pytest.mark.parametrize("pid", [2**22 + 13, os.getpid()], ids=["gone", "alive-not-serving"])
def test_a_stale_runtime_file_means_nobody(tmp_path: Path, pid: int) -> None:
    port = free_port()
    (tmp_path / "runtime.json").write_text(
        json.dumps(
            {
                "url": f"http://127.0.0.1:{port}",
                "port": port,
                "token": "old",
                "pid": pid,
                "version": "0",
            }
        )
    )
    handoff, _ = hand_off_to_running_app(tmp_path)
    assert handoff is Handoff.NOBODY
