"""Secrets of MCP servers: a streamable HTTP server's header typed into Settings is kept in the
real keyring (a private gnome-keyring), never in settings.json, the page or the log, and sent
to a real HTTP MCP server that refuses requests without it; an environment value likewise."""

import json
import logging
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from common.api_key import SERVICE_NAME
from server.settings.mcp_secrets import resolved_env, update_keeping_secrets
from server.settings.settings_file import SettingsFile
from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.secret_service import SecretService, files_holding
from tests.server.agent.mcp_notes import NOTES_SERVER
from tests.server.agent.test_chatkit_server import create
from tests.server.running_server import RunningServer, assistant_texts, running_server

TOKEN = "mcp-token-5f1d0c2e9a7b4c3d"
READY_TIMEOUT_SECONDS = 30.0


class _Stamp:
    """Any stamp of when a secret was stored: a short hexadecimal text."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and len(other) == 8 and int(other, 16) >= 0


STAMP = _Stamp()


@pytest.fixture
def http_notes(tmp_path: Path, unused_tcp_port: int) -> Iterator[str]:
    """The test MCP server over streamable HTTP, wanting ``Bearer TOKEN``; its URL."""
    process = subprocess.Popen(
        [sys.executable, str(NOTES_SERVER), "--http", str(unused_tcp_port)],
        env={"NOTES_CALLS": str(tmp_path / "http-calls.jsonl"), "NOTES_TOKEN": TOKEN},
    )
    try:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while True:
            try:
                socket.create_connection(("127.0.0.1", unused_tcp_port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the HTTP MCP server did not start"
                assert process.poll() is None, "the HTTP MCP server exited"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{unused_tcp_port}/mcp"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_secret_header_goes_to_the_keyring_and_to_the_server_only(
    tmp_path: Path,
    secret_service: SecretService,
    fake_openai_env: FakeOpenAIServer,
    http_notes: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    entry = {
        "name": "web",
        "url": http_notes,
        "headers": {"Authorization": {"secret": f"Bearer {TOKEN}"}, "X-Team": "blue"},
        "confirm": False,
    }
    with running_server(tmp_path / "data") as chat:
        with chat.client() as client:
            saved = client.patch("/api/settings", json={"mcp_servers": [entry]})
            read = client.get("/api/settings")
        listing = settled_tools(chat)
        fake_openai_env.call_tools(ToolCall("add_note", '{"text": "hi"}', call_id="call_web"))
        _, events = create(chat, "note hi on the web server")

    assert saved.status_code == 200, saved.text
    (server,) = read.json()["mcp_servers"]
    assert server["headers"] == {
        "Authorization": {"keyring": "mcp:web:authorization", "stored": STAMP},
        "X-Team": "blue",
    }
    assert keyring.get_password(SERVICE_NAME, "secret:mcp:web:authorization") == f"Bearer {TOKEN}"
    assert listing["servers"][0]["state"] == "ready", listing
    assert "noted: hi" in fake_openai_env.requests.model_calls()[1].tool_output("call_web")
    assert assistant_texts(events)
    for text in (saved.text, read.text, caplog.text):
        assert TOKEN not in text
    assert files_holding(tmp_path, TOKEN) == []
    (settings_json,) = [path for path in tmp_path.rglob("settings.json")]
    saved_servers = json.loads(settings_json.read_text(encoding="utf-8"))["mcp_servers"]
    assert saved_servers[0]["headers"]["Authorization"]["keyring"] == "mcp:web:authorization"


def test_a_plain_authorization_value_is_kept_in_the_keyring_too(
    tmp_path: Path, secret_service: SecretService
) -> None:
    entry = {"name": "web", "url": "http://127.0.0.1:9/mcp", "headers": {"Authorization": TOKEN}}
    with running_server(tmp_path / "data") as chat, chat.client() as client:
        saved = client.patch("/api/settings", json={"mcp_servers": [entry]})
    assert saved.status_code == 200
    assert saved.json()["mcp_servers"][0]["headers"] == {
        "Authorization": {"keyring": "mcp:web:authorization", "stored": STAMP}
    }
    assert TOKEN not in saved.text


def test_without_a_keyring_the_secret_is_refused_and_not_saved(tmp_path: Path) -> None:
    entry = {
        "name": "web",
        "url": "http://127.0.0.1:9/mcp",
        "headers": {"X-Key": {"secret": TOKEN}},
    }
    with running_server(tmp_path / "data") as chat, chat.client() as client:
        refused = client.patch("/api/settings", json={"mcp_servers": [entry]})
        after = client.get("/api/settings")
    assert refused.status_code == 503
    assert "keyring" in refused.json()["error"]["message"]
    assert TOKEN not in refused.text
    assert after.json()["mcp_servers"] == []


@pytest.mark.parametrize(
    ("headers", "status"),
    [({"X-Key": {"secret": 12}}, 400), ({"X-Key": {"secret": "a\nb"}}, 400)],
)
def test_a_malformed_secret_is_a_400(tmp_path: Path, headers: dict, status: int) -> None:
    entry = {"name": "web", "url": "http://127.0.0.1:9/mcp", "headers": headers}
    with running_server(tmp_path / "data") as chat, chat.client() as client:
        refused = client.patch("/api/settings", json={"mcp_servers": [entry]})
    assert refused.status_code == status
    assert "X-Key" in refused.json()["error"]["message"]


def settled_tools(chat: RunningServer) -> dict:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    with chat.client() as client:
        while True:
            listing = client.get("/api/tools").json()
            if all(server["state"] != "starting" for server in listing["servers"]):
                return listing
            assert time.monotonic() < deadline
            time.sleep(0.2)


def test_a_secret_environment_value_is_kept_and_read_back(
    tmp_path: Path, secret_service: SecretService
) -> None:
    typed = {"name": "files", "command": ["server"], "env": {"TOKEN": {"secret": TOKEN}, "A": "b"}}

    kept = update_keeping_secrets(SettingsFile(tmp_path), {"mcp_servers": [typed]})

    (entry,) = kept.mcp_servers
    assert entry["env"] == {"TOKEN": {"keyring": "mcp:files:env:TOKEN", "stored": STAMP}, "A": "b"}
    (config,) = kept.mcp_server_configs
    assert resolved_env(config) == {"TOKEN": TOKEN, "A": "b"}


def test_a_refused_change_leaves_the_kept_secret_alone(
    tmp_path: Path, secret_service: SecretService
) -> None:
    entry = {"name": "web", "url": "http://127.0.0.1:9/mcp", "headers": {"Authorization": TOKEN}}
    retyped = {**entry, "headers": {"Authorization": "Bearer another-token"}}
    with running_server(tmp_path / "data") as chat, chat.client() as client:
        client.patch("/api/settings", json={"mcp_servers": [entry]}).raise_for_status()
        refused = client.patch("/api/settings", json={"mcp_servers": [retyped], "max_retries": 99})
    assert refused.status_code == 400
    assert "max_retries" in refused.json()["error"]["message"]
    assert keyring.get_password(SERVICE_NAME, "secret:mcp:web:authorization") == TOKEN


def test_removing_a_server_removes_its_secret_from_the_keyring(
    tmp_path: Path, secret_service: SecretService
) -> None:
    entry = {"name": "web", "url": "http://127.0.0.1:9/mcp", "headers": {"Authorization": TOKEN}}
    with running_server(tmp_path / "data") as chat, chat.client() as client:
        client.patch("/api/settings", json={"mcp_servers": [entry]}).raise_for_status()
        assert keyring.get_password(SERVICE_NAME, "secret:mcp:web:authorization") == TOKEN
        client.patch("/api/settings", json={"mcp_servers": []}).raise_for_status()
    assert keyring.get_password(SERVICE_NAME, "secret:mcp:web:authorization") is None


def test_a_new_secret_restarts_its_server(
    tmp_path: Path,
    secret_service: SecretService,
    fake_openai_env: FakeOpenAIServer,
    http_notes: str,
) -> None:
    entry = {"name": "web", "url": http_notes, "headers": {"Authorization": "Bearer wrong-token"}}
    with running_server(tmp_path / "data") as chat, chat.client() as client:
        client.patch("/api/settings", json={"mcp_servers": [entry]}).raise_for_status()
        assert settled_tools(chat)["servers"][0]["state"] == "error"
        (kept,) = client.get("/api/settings").json()["mcp_servers"]
        retyped = {**kept, "headers": {"Authorization": {"secret": f"Bearer {TOKEN}"}}}
        client.patch("/api/settings", json={"mcp_servers": [retyped]}).raise_for_status()
        assert settled_tools(chat)["servers"][0]["state"] == "ready"
