"""``/api/diagnostics``: the doctor's report and the log folder, through a real server with the
desktop's own implementation attached over a profile in the test's home folder."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from common.paths import profile_of
from desktop.doctor.app_diagnostics import AppDiagnostics
from desktop.doctor.check import Check
from desktop.doctor.report import as_text
from server.routes.diagnostics import NO_DIAGNOSTICS_MESSAGE, attach_diagnostics
from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.x_session import XSession
from tests.fixtures.fake_openai import FAKE_API_KEY
from tests.fixtures.file_manager import generic_desktop, install_file_manager
from tests.server.running_server import RunningServer, running_server

# The checks run side by side, each cut at its own limit (the database's, 10 s, is the longest).
REPORT_LIMIT = 15.0


@pytest.fixture
def server(isolated_user_dirs: Path) -> Iterator[RunningServer]:
    # Inside the home folder, as the platform's own folders are: the report writes it as ~.
    with running_server(isolated_user_dirs / "data") as running:
        attach_diagnostics(running.local.app, AppDiagnostics(running.local.data_dir))
        yield running


def log_folder(server: RunningServer) -> Path:
    return profile_of(server.local.data_dir).logs


def test_the_diagnostics_need_the_token(server: RunningServer) -> None:
    with server.client(headers={"Authorization": "Bearer wrong"}) as client:
        assert client.get("/api/diagnostics").status_code == 401
        assert client.post("/api/diagnostics/open-log-folder").status_code == 401
    assert not log_folder(server).exists()


def test_without_the_desktop_side_both_routes_say_so(tmp_path: Path) -> None:
    with running_server(tmp_path / "data") as server, server.client() as client:
        report = client.get("/api/diagnostics")
        opened = client.post("/api/diagnostics/open-log-folder")
    assert report.status_code == opened.status_code == 501
    assert report.json() == opened.json() == {"error": {"message": NO_DIAGNOSTICS_MESSAGE}}


def test_the_report_is_the_doctors_with_the_home_folder_as_a_tilde(
    server: RunningServer, fake_openai_env: FakeOpenAIServer, isolated_user_dirs: Path
) -> None:
    started = time.monotonic()
    with server.client() as client:
        response = client.get("/api/diagnostics")
    assert time.monotonic() - started < REPORT_LIMIT

    assert response.status_code == 200
    report = response.json()
    checks = [Check(**check) for check in report["checks"]]
    names = [check.name for check in checks]
    assert names[:3] == ["versions", "folders", "database"]
    assert {"API key", "endpoint", "model", "ChatKit", "display", "shortcut"} <= set(names)
    assert report["text"] == as_text(checks)
    assert all((check.fix is None) == (check.status == "ok") for check in checks)
    by_name = {check.name: check for check in checks}
    assert by_name["endpoint"].status == "ok", by_name["endpoint"]
    assert by_name["database"].detail.startswith("~/data/chatkit.db, ")
    # The app has the database open; the doctor says so rather than call it someone else's.
    assert "open in the running app" in by_name["database"].detail
    assert str(isolated_user_dirs) not in response.text
    assert FAKE_API_KEY not in response.text


def test_open_log_folder_creates_it_and_hands_it_to_the_file_manager(
    server: RunningServer,
    tmp_path: Path,
    x_session: XSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    file_manager = install_file_manager(tmp_path / "file-manager")
    generic_desktop(monkeypatch, x_session.display)

    with server.client() as client:
        response = client.post("/api/diagnostics/open-log-folder")

    assert response.status_code == 200, response.text
    assert response.json() == {"folder": str(log_folder(server))}
    assert log_folder(server).is_dir()
    assert file_manager.opened() == [str(log_folder(server))]


def test_without_a_way_to_show_a_folder_the_answer_says_why_and_where_it_is(
    server: RunningServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No display: xdg-open has no file manager to start, and finds no text browser either.
    file_manager = install_file_manager(tmp_path / "file-manager")
    generic_desktop(monkeypatch, display=None)

    with server.client() as client:
        response = client.post("/api/diagnostics/open-log-folder")

    assert response.status_code == 503
    message = response.json()["error"]["message"]
    assert message.startswith(f"{log_folder(server)} could not be opened: ")
    assert "no method available" in message
    assert not (file_manager.folder / "opened").exists()
