"""``POST /api/chatkit/session`` and ``/api/chatkit/refresh`` through the real server, against
the fake's hosted ChatKit: the page gets a client secret and never the key; every failure is a
status and a sentence."""

import logging
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from server.agent.os_user import current_os_user
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.fake_openai import FAKE_API_KEY
from tests.server.running_server import RunningServer, running_server

WORKFLOW = "wf_68df4b13a2c08190b0e1bb12e5d0a1c5"


def configure(server: RunningServer, **changes: Any) -> None:
    with server.client() as client:
        response = client.patch(
            "/api/settings", json={"agent": "workflow", "workflow_id": WORKFLOW, **changes}
        )
    assert response.status_code == 200, response.text


def post(server: RunningServer, path: str, body: object = None) -> tuple[int, Any]:
    with server.client() as client:
        response = client.post(path, json=body)
    return response.status_code, response.json()


@pytest.mark.parametrize("path", ["/api/chatkit/session", "/api/chatkit/refresh"])
def test_the_session_routes_need_the_token(tmp_path: Path, path: str) -> None:
    with running_server(tmp_path) as server, server.client(headers={"Authorization": ""}) as c:
        assert c.post(path, json={}).status_code == 401


def test_a_session_gives_the_page_a_client_secret_for_the_workflow(
    tmp_path: Path, fake_openai_env: FakeOpenAIServer
) -> None:
    fake_openai_env.chatkit.add_workflow(WORKFLOW)
    with running_server(tmp_path) as server:
        configure(server, workflow_version="7")
        status, first = post(server, "/api/chatkit/session")
        _, second = post(server, "/api/chatkit/session")
        with server.client() as client:
            settings = client.get("/api/settings").json()

    assert status == 200, first
    assert set(first) == {"client_secret", "expires_at"}
    sent = fake_openai_env.chatkit.sessions
    assert first["client_secret"] == sent[0]["client_secret"]
    assert isinstance(first["expires_at"], int)
    # One random id for this installation, kept; never who is signed in.
    user = settings["hosted_user_id"]
    assert user.startswith("user_") and len(user) == 37
    assert [session["user"] for session in sent] == [user, user]
    assert current_os_user().login not in user
    assert sent[0]["workflow"]["id"] == WORKFLOW
    assert sent[0]["workflow"]["version"] == "7"
    assert second["client_secret"] != first["client_secret"]


def test_the_users_name_goes_to_the_workflow_only_if_allowed(
    tmp_path: Path, fake_openai_env: FakeOpenAIServer
) -> None:
    fake_openai_env.chatkit.add_workflow(WORKFLOW)
    user = current_os_user()
    with running_server(tmp_path) as server:
        configure(server, share_user_name=True)
        post(server, "/api/chatkit/session")
        configure(server, share_user_name=False)
        post(server, "/api/chatkit/session")

    allowed, refused = fake_openai_env.chatkit.sessions
    assert allowed["workflow"]["state_variables"] == {"user_name": user.full_name or user.login}
    assert refused["workflow"]["state_variables"] is None


def test_a_refresh_replaces_a_secret_this_app_issued(
    tmp_path: Path, fake_openai_env: FakeOpenAIServer
) -> None:
    fake_openai_env.chatkit.add_workflow(WORKFLOW)
    with running_server(tmp_path) as server:
        configure(server)
        _, first = post(server, "/api/chatkit/session")
        status, refreshed = post(
            server, "/api/chatkit/refresh", {"current_client_secret": first["client_secret"]}
        )
        unknown = post(server, "/api/chatkit/refresh", {"current_client_secret": "ek_made_up"})
        missing = post(server, "/api/chatkit/refresh", {})
        not_json = post(server, "/api/chatkit/refresh", ["a list"])

    assert status == 200
    assert refreshed["client_secret"] not in {first["client_secret"], None}
    assert len(fake_openai_env.chatkit.sessions) == 2
    assert (
        unknown[0] == 400
        and "not a client secret this app issued" in unknown[1]["error"]["message"]
    )
    assert missing[0] == 400 and "current_client_secret" in missing[1]["error"]["message"]
    assert 400 <= not_json[0] < 500


def test_only_the_last_few_secrets_can_be_refreshed(
    tmp_path: Path, fake_openai_env: FakeOpenAIServer
) -> None:
    fake_openai_env.chatkit.add_workflow(WORKFLOW)
    with running_server(tmp_path) as server:
        configure(server)
        secrets = [post(server, "/api/chatkit/session")[1]["client_secret"] for _ in range(9)]
        oldest = post(server, "/api/chatkit/refresh", {"current_client_secret": secrets[0]})
        second = post(server, "/api/chatkit/refresh", {"current_client_secret": secrets[1]})

    assert (
        oldest[0] == 400 and "not a client secret this app issued" in oldest[1]["error"]["message"]
    )
    assert second[0] == 200


def test_no_key_is_said_in_words(
    tmp_path: Path, fake_openai: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    with running_server(tmp_path) as server:
        configure(server)
        status, body = post(server, "/api/chatkit/session")
    assert status == 409
    assert "No API key" in body["error"]["message"]
    assert fake_openai.chatkit.sessions == []


def test_a_local_agent_or_a_missing_id_is_said_in_words(
    tmp_path: Path, fake_openai_env: FakeOpenAIServer
) -> None:
    with running_server(tmp_path) as server:
        local = post(server, "/api/chatkit/session")
        configure(server, workflow_id="")
        no_id = post(server, "/api/chatkit/session")
    assert local[0] == 409 and "not a workflow" in local[1]["error"]["message"]
    assert no_id[0] == 409 and "No workflow id" in no_id[1]["error"]["message"]


def test_a_rejected_key_is_said_in_words(tmp_path: Path, fake_openai_env: FakeOpenAIServer) -> None:
    fake_openai_env.chatkit.add_workflow(WORKFLOW)
    fake_openai_env.require_api_key("sk-another-key")
    with running_server(tmp_path) as server:
        configure(server)
        status, body = post(server, "/api/chatkit/session")
    assert status == 403
    assert "OpenAI rejected the API key" in body["error"]["message"]
    assert FAKE_API_KEY[-4:] not in body["error"]["message"]


def test_an_unknown_workflow_is_said_in_words(
    tmp_path: Path, fake_openai_env: FakeOpenAIServer
) -> None:
    with running_server(tmp_path) as server:
        configure(server)
        status, body = post(server, "/api/chatkit/session")
    assert status == 404
    assert f"no workflow {WORKFLOW}" in body["error"]["message"]
    assert "Settings → Agent" in body["error"]["message"]


def test_an_endpoint_that_is_down_is_said_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_API_KEY)
    with running_server(tmp_path) as server:
        configure(server, max_retries=0)
        status, body = post(server, "/api/chatkit/session")
    assert status == 502
    assert "OpenAI could not be reached" in body["error"]["message"]


def test_the_key_reaches_no_answer_log_or_file(
    tmp_path: Path, fake_openai_env: FakeOpenAIServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_openai_env.chatkit.add_workflow(WORKFLOW)
    data = tmp_path / "data"
    with running_server(data) as server:
        configure(server)
        answers = [post(server, "/api/chatkit/session")]
        secret = answers[0][1]["client_secret"]
        answers.append(post(server, "/api/chatkit/refresh", {"current_client_secret": secret}))
        with server.client() as client:
            page = client.get("/").text
            answers.append((200, client.get("/api/settings").json()))
            answers.append((200, client.get("/api/status").json()))

    assert fake_openai_env.chatkit.calls[0].path == "/v1/chatkit/sessions"
    assert FAKE_API_KEY not in repr(answers)
    assert FAKE_API_KEY not in page
    assert FAKE_API_KEY not in caplog.text and secret not in caplog.text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert FAKE_API_KEY.encode() not in path.read_bytes(), path


def test_the_routes_leave_openai_unimported_until_used() -> None:
    """``openai`` costs about half a second: not on the path to the first window."""
    probe = "import sys, server.http.app; print('openai' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
