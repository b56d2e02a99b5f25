"""The real app in its window on a private X display: identity, page, single instance, quitting,
geometry. Each test starts ``python -m desktop`` and drives it from outside."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Playwright

from common.paths import data_dir, database_path
from server.settings.settings_file import SettingsFile
from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.running_app import RunningApp, free_port
from tests.desktop.window.conftest import LaunchApp
from tests.desktop.window.devtools import app_page
from tests.desktop.window.saved_threads import save_threads
from tests.server.store.builders import database_from_a_newer_app

# The requirement; a second launch takes about 0.1 s here, most of it Python starting.
SECOND_LAUNCH_LIMIT = 1.0
SETTLE_TIMEOUT = 10.0


def wait_until(condition, timeout: float = SETTLE_TIMEOUT, message: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message or "condition not met in time"
        time.sleep(0.05)


def active_window(app: RunningApp) -> str:
    result = subprocess.run(
        ["xdotool", "getactivewindow"], env=app.env, capture_output=True, text=True, timeout=10
    )
    return result.stdout.strip()


def client_geometry(app: RunningApp, window: str) -> dict[str, int]:
    shell = app.x("xdotool", "getwindowgeometry", "--shell", window)
    values = dict(line.split("=", 1) for line in shell.split())
    return {key: int(values[key]) for key in ("X", "Y", "WIDTH", "HEIGHT")}


def press(app: RunningApp, window: str, keys: str) -> None:
    app.x("xdotool", "windowactivate", "--sync", window)
    app.x("xdotool", "key", "--clearmodifiers", keys)


def test_the_window_maps_with_the_apps_identity(launch: LaunchApp) -> None:
    app = launch()
    window = app.window()
    assert app.x("xdotool", "getwindowname", window).strip() == "ChatKit Desktop"
    assert app.x("xprop", "-id", window, "WM_CLASS").strip() == (
        'WM_CLASS(STRING) = "chatkit-desktop", "chatkit-desktop"'
    )
    # -len keeps xprop from printing every pixel of every size.
    assert app.x("xprop", "-len", "8", "-id", window, "_NET_WM_ICON").startswith(
        "_NET_WM_ICON(CARDINAL) = "
    )


def test_the_page_lists_the_saved_threads(
    launch: LaunchApp,
    tmp_path: Path,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
) -> None:
    titles = {"thr_window_trip": "Trip to Lisbon", "thr_window_tax": "Questions about taxes"}
    data_dir = tmp_path / "data"
    save_threads(data_dir, titles)
    app = launch(data_dir=data_dir)
    app.window()
    url = app.runtime()["url"]
    with app_page(playwright_instance, app.cdp_port, url) as page:
        for thread_id, title in titles.items():
            listed = page.locator(f'[data-thread-id="{thread_id}"]')
            listed.wait_for(timeout=30_000)
            assert title in listed.inner_text()


@pytest.mark.parametrize("where", ["behind another window", "minimized"])
def test_a_second_launch_brings_the_first_window_forward_and_exits(
    launch: LaunchApp, where: str
) -> None:
    first = launch()
    window = first.window()
    first.runtime()
    thief = subprocess.Popen(
        ["xmessage", "-geometry", "320x120+30+30", "another window"],
        env=first.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until(lambda: active_window(first) not in ("", window), message="xmessage not active")
        if where == "minimized":
            first.x("xdotool", "windowminimize", "--sync", window)

        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(first.data_dir)],
            env=first.env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        elapsed = time.monotonic() - started

        assert second.returncode == 0, second.stderr
        assert elapsed < SECOND_LAUNCH_LIMIT
        wait_until(lambda: active_window(first) == window, message="the window was not activated")
        assert "IsViewable" in first.x("xwininfo", "-id", window)
        assert first.process.poll() is None
    finally:
        thief.kill()
        thief.wait(timeout=10)


@pytest.mark.parametrize("how", ["ctrl+q", "alt+F4", "SIGTERM", "SIGINT"])
def test_quitting_stops_the_server_and_closes_the_store(launch: LaunchApp, how: str) -> None:
    if how == "alt+F4":
        # Closing the window quits only when no global shortcut could bring it back
        # (tests/desktop/shortcut covers the other case).
        SettingsFile(data_dir()).update({"shortcut": ""})
    app = launch()
    window = app.window()
    token = app.runtime()["token"]
    if how.startswith("SIG"):
        app.process.send_signal(getattr(signal, how))
    else:
        # alt+F4 is openbox's close.
        press(app, window, how)

    assert app.wait_exit() == 0, app.read_output()
    output = app.read_output()
    assert "Traceback" not in output
    assert token not in output
    assert not app.runtime_file.exists()
    # SQLite removes the write-ahead log when the last connection closes cleanly.
    assert not (app.data_dir / "chatkit.db-wal").exists()
    assert not app.leftover_processes()


def test_the_window_opens_where_it_was_left(launch: LaunchApp, tmp_path: Path) -> None:
    first = launch()
    window = first.window()
    first.x("xdotool", "windowsize", "--sync", window, "900", "620")
    first.x("xdotool", "windowmove", "--sync", window, "170", "110")
    wait_until(lambda: client_geometry(first, window)["WIDTH"] == 900)
    left = client_geometry(first, window)
    press(first, window, "ctrl+q")
    assert first.wait_exit() == 0, first.read_output()

    assert (first.data_dir / "window.json").exists(), "the profile keeps its window's place"

    second = launch()
    reopened = second.window()
    assert client_geometry(second, reopened) == left
    press(second, reopened, "ctrl+q")
    assert second.wait_exit() == 0, second.read_output()

    another_profile = launch(data_dir=tmp_path / "another profile")
    assert client_geometry(another_profile, another_profile.window())["WIDTH"] != 900


@pytest.mark.parametrize("owner", ["a process that is gone", "a live process not serving"])
def test_a_stale_runtime_file_does_not_block_a_start(
    launch: LaunchApp, tmp_path: Path, owner: str
) -> None:
    data_dir = tmp_path / "stale"
    data_dir.mkdir()
    pid = 2**22 + 11 if owner == "a process that is gone" else os.getpid()
    port = free_port()
    (data_dir / "runtime.json").write_text(
        json.dumps(
            {"url": f"http://127.0.0.1:{port}", "port": port, "token": "old", "pid": pid}
            | {"version": "0"}
        )
    )
    app = launch(data_dir=data_dir)
    app.window()
    assert app.runtime()["token"] != "old"


def test_the_page_can_write_the_clipboard_through_the_app(launch: LaunchApp) -> None:
    app = launch()
    app.window()
    info = app.runtime()
    response = httpx.post(
        f"{info['url']}/api/clipboard",
        json={"text": "copied by the app"},
        headers={"Authorization": f"Bearer {info['token']}"},
        timeout=10,
    )
    assert response.status_code == 204, response.text

    def clipboard() -> str:
        result = subprocess.run(
            ["xclip", "-o", "-selection", "clipboard"],
            env=app.env,
            capture_output=True,
            text=True,
            timeout=10,
        )
        return result.stdout

    wait_until(lambda: clipboard() == "copied by the app", message="clipboard not written")


def test_a_page_asking_for_web_permissions_cannot_abort_the_app(
    launch: LaunchApp, playwright_instance: Playwright
) -> None:
    app = launch()
    app.window()
    url = app.runtime()["url"]
    with app_page(playwright_instance, app.cdp_port, url) as page:
        assert page.evaluate("Notification.requestPermission()") == "denied"
        geolocation = page.evaluate(
            """new Promise(done => navigator.geolocation.getCurrentPosition(
                () => done("granted"), failure => done(`refused ${failure.code}`)))"""
        )
        assert geolocation == "refused 1"
        clipboard = page.evaluate("navigator.clipboard.readText().then(() => 'read', e => e.name)")
        assert clipboard == "NotAllowedError"
    time.sleep(0.5)
    assert app.process.poll() is None, app.read_output()


def test_a_database_from_a_newer_app_is_explained_and_the_app_exits(
    launch: LaunchApp, tmp_path: Path
) -> None:
    # The window is already opening when the server finds this out.
    data = tmp_path / "newer"
    data.mkdir()
    database_from_a_newer_app(database_path(data))
    app = launch(data_dir=data)
    assert app.wait_exit() == 1
    output = app.read_output()
    assert "written by a newer ChatKit Desktop" in output
    assert "Traceback" not in output
    assert not app.runtime_file.exists()
    assert not app.leftover_processes()
