"""``chatkit-desktop doctor`` run as a person runs it, against real parts: the fake OpenAI server
for the endpoint, a real database file, a private X display, the fail-safe keyring backend."""

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from Xlib import X

from common.paths import data_dir
from server.store import SQLiteStore
from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.x_display import OtherClient
from testing.x_session import XSession
from tests.fixtures.browser import start_served_app
from tests.fixtures.fake_openai import FAKE_API_KEY

# Every check has a limit of its own and they run side by side.
WHOLE_REPORT_LIMIT = 15.0


def run_doctor(env: Mapping[str, str | None], *options: str) -> subprocess.CompletedProcess[str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [sys.executable, "-m", "desktop", "doctor", *options],
        env=environment,
        capture_output=True,
        text=True,
        timeout=WHOLE_REPORT_LIMIT + 15,
        check=False,
    )


def report(env: Mapping[str, str | None]) -> tuple[int, list[dict[str, Any]]]:
    finished = run_doctor(env, "--json")
    assert "Traceback" not in finished.stderr, finished.stderr
    return finished.returncode, json.loads(finished.stdout)["checks"]


def line(checks: list[dict[str, Any]], name: str) -> dict[str, Any]:
    (found,) = [check for check in checks if check["name"] == name]
    return found


@pytest.fixture
def endpoint(fake_openai: FakeOpenAIServer) -> dict[str, str | None]:
    return {"OPENAI_BASE_URL": fake_openai.base_url, "OPENAI_API_KEY": FAKE_API_KEY}


@pytest.fixture
def database() -> Path:
    path = data_dir() / "chatkit.db"
    SQLiteStore(path).close()
    return path


def test_a_working_setup_passes_and_the_text_says_what_the_json_says(
    x_session: XSession, endpoint: dict[str, str | None], database: Path
) -> None:
    env = {**x_session.env, **endpoint}
    status, checks = report(env)
    assert [check for check in checks if check["status"] == "failed"] == []
    assert status == 0
    assert line(checks, "database")["detail"].endswith("quick check ok")
    assert "schema version" in line(checks, "database")["detail"]
    assert line(checks, "endpoint")["status"] == "ok"
    assert line(checks, "model")["detail"] == "gpt-4.1-mini is available"
    assert line(checks, "API key")["detail"] == "from OPENAI_API_KEY"
    assert line(checks, "display")["detail"].startswith("X11 session")
    assert line(checks, "web engine")["detail"].startswith("Qt 6.")
    assert line(checks, "shortcut")["detail"].startswith("Ctrl+Alt+Space can be taken")

    text = run_doctor(env)
    assert text.returncode == 0
    lines = [row for row in text.stdout.splitlines() if not row.startswith(" ")]
    for check, row in zip(checks, lines, strict=False):
        assert row.split()[0].lower() == check["status"]
        assert f"{check['name']}: {check['detail']}" in row
    assert (
        lines[-1]
        == f"0 failed, {sum(c['status'] == 'warning' for c in checks)} "
        + ("warning" if sum(c["status"] == "warning" for c in checks) == 1 else "warnings")
        + f", {len(checks)} checks"
    )


def test_no_keyring_and_no_key_say_what_to_install_and_to_set(
    fake_openai: FakeOpenAIServer,
) -> None:
    status, checks = report({"OPENAI_BASE_URL": None})
    assert status == 1
    keyring = line(checks, "keyring")
    assert keyring["status"] == "failed"
    assert "No usable system keyring" in keyring["detail"]
    assert "OPENAI_API_KEY" in keyring["fix"]
    assert (
        line(checks, "API key")["fix"] == "Run `chatkit-desktop key set`, or paste it in Settings."
    )


def test_a_rejected_key_fails_the_endpoint_with_where_to_get_one(
    fake_openai: FakeOpenAIServer,
) -> None:
    fake_openai.require_api_key("sk-the-right-key")
    status, checks = report({"OPENAI_BASE_URL": fake_openai.base_url, "OPENAI_API_KEY": "sk-wrong"})
    assert status == 1
    rejected = line(checks, "endpoint")
    assert rejected["status"] == "failed"
    assert "refused the key (HTTP 401)" in rejected["detail"]
    assert "chatkit-desktop key set" in rejected["fix"]
    assert "sk-wrong" not in json.dumps(checks)


def test_an_endpoint_that_is_down_is_named_with_the_fix() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
    status, checks = report(
        {"OPENAI_BASE_URL": f"http://127.0.0.1:{port}/v1", "OPENAI_API_KEY": "k"}
    )
    assert status == 1
    down = line(checks, "endpoint")
    assert down["status"] == "failed"
    assert f"cannot reach http://127.0.0.1:{port}/v1" in down["detail"]
    assert "Ollama must be running" in down["fix"]


def test_an_endpoint_that_never_answers_is_cut_and_the_report_still_ends() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        started = time.monotonic()
        status, checks = report(
            {"OPENAI_BASE_URL": f"http://127.0.0.1:{port}/v1", "OPENAI_API_KEY": "k"}
        )
        elapsed = time.monotonic() - started
    assert status == 1
    assert line(checks, "endpoint")["detail"] == (
        f"http://127.0.0.1:{port}/v1 did not answer within 5 s"
    )
    assert elapsed < WHOLE_REPORT_LIMIT


def test_a_model_the_endpoint_does_not_have_fails(endpoint: dict[str, str | None]) -> None:
    status, checks = report({**endpoint, "CHATKIT_DESKTOP_MODEL": "gpt-nonexistent"})
    assert status == 1
    missing = line(checks, "model")
    assert missing["status"] == "failed"
    assert "has no model 'gpt-nonexistent'" in missing["detail"]


def test_a_damaged_database_fails_with_the_backups_to_restore(
    endpoint: dict[str, str | None],
) -> None:
    damaged = data_dir() / "chatkit.db"
    damaged.parent.mkdir(parents=True, exist_ok=True)
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    before = damaged.read_bytes()
    status, checks = report(endpoint)
    assert status == 1
    database = line(checks, "database")
    assert database["status"] == "failed"
    assert "chatkit.v*.backup.db" in database["fix"]
    assert damaged.read_bytes() == before


def test_without_a_display_the_window_and_the_shortcut_fail_with_what_to_do(
    endpoint: dict[str, str | None],
) -> None:
    status, checks = report(endpoint)
    assert status == 1
    display = line(checks, "display")
    assert display["detail"] == "no display: neither DISPLAY nor WAYLAND_DISPLAY is set"
    assert "chatkit-desktop serve" in display["fix"]
    assert "bind the command `chatkit-desktop ask`" in line(checks, "shortcut")["fix"]


def test_a_shortcut_another_program_holds_is_named(
    x_session: XSession, other_x_client: OtherClient, endpoint: dict[str, str | None]
) -> None:
    assert other_x_client.grab("space", X.ControlMask | X.Mod1Mask)
    status, checks = report({**x_session.env, **endpoint})
    assert status == 1
    held = line(checks, "shortcut")
    assert held == {
        "name": "shortcut",
        "status": "failed",
        "detail": "Ctrl+Alt+Space: not available",
        "fix": "Ctrl+Alt+Space is already used by another program. Choose another shortcut in "
        "Settings.",
    }


def test_a_profile_the_running_app_has_open_says_so(
    x_session: XSession, endpoint: dict[str, str | None], database: Path
) -> None:
    served = start_served_app(database.parent)
    try:
        _status, checks = report({**x_session.env, **endpoint})
    finally:
        served.stop()
    assert (
        f"open in the running app (pid {served.process.pid})" in line(checks, "database")["detail"]
    )
    shortcut = line(checks, "shortcut")
    assert shortcut["status"] == "warning"
    assert "chatkit-desktop serve" in shortcut["detail"]
