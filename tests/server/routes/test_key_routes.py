"""``PUT /api/key`` and ``DELETE /api/key``: the key goes into the system keyring (a real
Secret Service here) and never comes back; what can go wrong is said in words."""

import json
from pathlib import Path

import keyring
import pytest

from tests.fixtures.secret_service import SecretService
from tests.server.running_server import RunningServer, running_server

# Registered here by assignment: pytest refuses pytest_plugins below the root conftest.

KEY = "sk-test-route-7c2e9a4f1b3d5e60c8a2f4b6d8e0a1c3"
OTHER_KEY = "sk-test-route-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d"
SERVICE, USERNAME = "chatkit-desktop", "openai-api-key"


def put_key(server: RunningServer, body: object) -> tuple[int, str]:
    with server.client() as client:
        response = client.put("/api/key", json=body)
    return response.status_code, response.text


def delete_key(server: RunningServer) -> tuple[int, str]:
    with server.client() as client:
        response = client.delete("/api/key")
    return response.status_code, response.text


@pytest.mark.parametrize("token", ["", "Bearer not-the-token"])
def test_the_key_routes_need_the_token(tmp_path: Path, token: str) -> None:
    with (
        running_server(tmp_path) as server,
        server.client(headers={"Authorization": token}) as client,
    ):
        assert client.put("/api/key", json={"key": KEY}).status_code == 401
        assert client.delete("/api/key").status_code == 401


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"key": "   "}, "The API key is empty."),
        ({"key": "sk-one two"}, "must not contain spaces"),
        ({"key": "sk-one\ntwo"}, "must be a single line"),
        ({"key": "sk-" + "x" * 5000}, "longer than 4096 characters"),
        ({"key": "sk-caf\u00e9"}, "non-ASCII"),
        ({"key": 12345}, "key"),
        ({}, "key"),
    ],
)
def test_a_bad_key_is_refused_with_the_reason(
    tmp_path: Path, secret_service: SecretService, body: object, reason: str
) -> None:
    with running_server(tmp_path) as server:
        status, text = put_key(server, body)

    assert status == 400
    assert reason in text
    assert keyring.get_password(SERVICE, USERNAME) is None


def test_without_a_keyring_the_answer_says_what_to_install(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        stored = put_key(server, {"key": KEY})
        cleared = delete_key(server)

    for status, text in (stored, cleared):
        assert status == 503
        assert "apt-get install gnome-keyring" in text
        assert "OPENAI_API_KEY" in text
    assert KEY not in stored[1]


def test_store_replace_and_clear_through_the_secret_service(
    tmp_path: Path, secret_service: SecretService
) -> None:
    with running_server(tmp_path) as server:
        stored = put_key(server, {"key": f"  {KEY}\t"})
        assert keyring.get_password(SERVICE, USERNAME) == KEY
        replaced = put_key(server, {"key": OTHER_KEY})
        assert keyring.get_password(SERVICE, USERNAME) == OTHER_KEY
        cleared = delete_key(server)
        assert keyring.get_password(SERVICE, USERNAME) is None

    for status, text in (stored, replaced, cleared):
        assert status == 200
        assert KEY not in text
        assert OTHER_KEY not in text
    after_store = json.loads(stored[1])
    assert after_store["key"]["source"] == "keyring"
    assert after_store["key"]["backend"] == "Secret Service"
    assert after_store["first_run"] is False
    after_clear = json.loads(cleared[1])
    assert after_clear["key"]["source"] == "none"
    assert after_clear["first_run"] is True


def test_a_key_in_the_environment_wins_and_the_stored_one_is_reported(
    tmp_path: Path, secret_service: SecretService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OTHER_KEY)
    with running_server(tmp_path) as server:
        status, text = put_key(server, {"key": KEY})

    assert status == 200
    assert KEY not in text
    assert OTHER_KEY not in text
    key = json.loads(text)["key"]
    assert key["source"] == "environment"
    assert key["stored_in_keyring"] is True
