"""After a whole conversation, the API key is nowhere but the keyring: not in the data or
config directories, not in any log line, not in any HTTP answer."""

import os
from pathlib import Path
from typing import Any

import httpx

from common.api_key import store_api_key
from server.settings.settings_file import SettingsFile
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import start_served_app
from tests.server.running_server import user_input

SECRET_KEY = "sk-proj-leakcanary-" + "Q7xK2mZ9" * 6


def test_the_key_leaks_nowhere(
    secret_service: object,
    fake_openai: FakeOpenAIServer,
    isolated_user_dirs: Path,
    tmp_path: Path,
) -> None:
    store_api_key(SECRET_KEY)
    fake_openai.require_api_key(SECRET_KEY)
    data = tmp_path / "data"
    SettingsFile(data).update({"max_retries": 0, "request_timeout_seconds": 5})
    served = start_served_app(data, {"OPENAI_BASE_URL": fake_openai.base_url})
    answers: list[httpx.Response] = []
    try:
        with httpx.Client(
            base_url=served.url, headers={"Authorization": f"Bearer {served.token}"}, timeout=30
        ) as client:

            def chatkit(body: dict[str, Any]) -> httpx.Response:
                answers.append(client.post("/chatkit", json=body))
                return answers[-1]

            created = chatkit({"type": "threads.create", "params": {"input": user_input("hi")}})
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
            for path in ("/", "/api/settings", "/api/status", "/api/key", "/static/main.js"):
                answers.append(client.get(path))
            answers.append(client.get("/no-such-route"))
    finally:
        log = served.stop()

    key_calls = [call for call in fake_openai.requests.model_calls() if call.api_key == SECRET_KEY]
    assert len(key_calls) >= 2, "the key from the keyring was not used"
    assert "rejected" in answers[2].text

    for answer in answers:
        assert SECRET_KEY not in answer.text
        assert SECRET_KEY not in str(answer.headers)
    assert SECRET_KEY not in log
    for folder in (data, isolated_user_dirs):
        for path in folder.rglob("*"):
            if path.is_file():
                assert SECRET_KEY.encode() not in path.read_bytes(), path
    assert SECRET_KEY not in os.environ.get("OPENAI_API_KEY", "")
