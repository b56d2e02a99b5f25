"""After a whole session, the API key is nowhere but the keyring: not in the data or config
directories, not in any log line, not in any HTTP answer. And the log file holds what happened
(the start, a settings change by name, a model fault by kind) but never the key, the launch's
token, what the user wrote or what they selected."""

import os
from pathlib import Path
from typing import Any

import httpx

from common.api_key import store_api_key
from common.paths import profile_of
from desktop.log_file import LOG_FILE_NAME
from server.settings.settings_file import SettingsFile
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import start_served_app
from tests.server.running_server import user_input

SECRET_KEY = "sk-proj-leakcanary-" + "Q7xK2mZ9" * 6
MESSAGE_TEXT = "Canary message: the heron leaves the marsh at dawn 5e1c"
SELECTION = "Canary selection: quarterly figures for the Lisbon office 7d2a"
ACTIVE_WINDOW_TITLE = "canary-ledger.ods - Canary Spreadsheet 9b40"
MODEL_SETTING = "gpt-canary-model-3f9b"


def read_log(data: Path) -> str:
    files = sorted(profile_of(data).logs.glob(f"{LOG_FILE_NAME}*"))
    assert files, "no log file was written"
    return "".join(path.read_text(encoding="utf-8") for path in files)


def test_no_secret_leaks_from_a_whole_session(
    secret_service: object,
    fake_openai: FakeOpenAIServer,
    isolated_user_dirs: Path,
    tmp_path: Path,
) -> None:
    store_api_key(SECRET_KEY)
    fake_openai.require_api_key(SECRET_KEY)
    data = tmp_path / "data"
    SettingsFile(data).update({"max_retries": 0, "request_timeout_seconds": 5})
    # A server on this computer, as the fake is, is sent only the environment's key, never the
    # keyring's: the same key goes both ways, so both are checked.
    served = start_served_app(
        data, {"OPENAI_BASE_URL": fake_openai.base_url, "OPENAI_API_KEY": SECRET_KEY}
    )
    answers: list[httpx.Response] = []
    try:
        with httpx.Client(
            base_url=served.url, headers={"Authorization": f"Bearer {served.token}"}, timeout=30
        ) as client:

            def chatkit(body: dict[str, Any]) -> httpx.Response:
                answers.append(client.post("/chatkit", json=body))
                return answers[-1]

            created = chatkit(
                {
                    "type": "threads.create",
                    "params": {"input": user_input(MESSAGE_TEXT)},
                    "metadata": {
                        "context": {
                            "selection": SELECTION,
                            "active_window": {"title": ACTIVE_WINDOW_TITLE, "app": "canary"},
                        }
                    },
                }
            )
            thread_id = created.text.split('"id":"', 1)[1].split('"', 1)[0]
            chatkit(
                {
                    "type": "threads.add_user_message",
                    "params": {"thread_id": thread_id, "input": user_input("again")},
                }
            )
            # A rejected key: the provider's error names part of it; ours must not.
            fake_openai.require_api_key("sk-test-another-key-entirely")
            chatkit(
                {
                    "type": "threads.add_user_message",
                    "params": {"thread_id": thread_id, "input": user_input("rejected?")},
                }
            )
            chatkit({"type": "threads.list", "params": {}})
            chatkit({"type": "items.list", "params": {"thread_id": thread_id}})
            answers.append(
                client.patch(
                    "/api/settings", json={"model": MODEL_SETTING, "share_user_name": False}
                )
            )
            for path in ("/", "/api/settings", "/api/status", "/api/key", "/static/main.js"):
                answers.append(client.get(path))
            answers.append(client.get("/no-such-route"))
    finally:
        stderr = served.stop()

    key_calls = [call for call in fake_openai.requests.model_calls() if call.api_key == SECRET_KEY]
    assert len(key_calls) >= 2, "the key was not used"
    assert SELECTION in key_calls[0].all_text, "the selection did not reach the model"
    assert "rejected" in answers[2].text
    assert answers[5].status_code == 200, answers[5].text

    for answer in answers:
        assert SECRET_KEY not in answer.text
        assert SECRET_KEY not in str(answer.headers)
    assert SECRET_KEY not in stderr
    for folder in (data, isolated_user_dirs):
        for path in folder.rglob("*"):
            if path.is_file():
                assert SECRET_KEY.encode() not in path.read_bytes(), path
    assert SECRET_KEY not in os.environ.get("OPENAI_API_KEY", "")

    log = read_log(data)
    assert "INFO desktop.log_file: serve started: chatkit-desktop " in log
    assert "INFO server.routes.settings: settings changed: model, share_user_name\n" in log
    assert "the model call failed: AuthenticationError (HTTP 401)" in log
    assert log.rstrip().endswith("exiting with status 0")
    for secret in (
        SECRET_KEY,
        served.token,
        MESSAGE_TEXT,
        SELECTION,
        ACTIVE_WINDOW_TITLE,
        MODEL_SETTING,
        "Bearer",
    ):
        assert secret not in log, secret
        assert secret not in stderr, secret
