"""``GET /api/status``: where the key comes from and whether the endpoint can answer, from
which the page decides on its first-run screen. Never the key itself."""

from pathlib import Path

import pytest

from tests.server.running_server import RunningServer, running_server

ENVIRONMENT_KEY = "sk-test-env-5d1e7a9c3b2f4e6081a7c5e3d9b1f2a4"


def status(server: RunningServer, wait_for_keyring: float = 5) -> dict[str, object]:
    with server.client() as client:
        response = client.get("/api/status", params={"wait_for_keyring": wait_for_keyring})
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    answer: dict[str, object] = response.json()
    return answer


def test_status_needs_the_token(tmp_path: Path) -> None:
    with running_server(tmp_path) as server, server.client(headers={"Authorization": ""}) as client:
        assert client.get("/api/status").status_code == 401


def test_nothing_configured_is_a_first_run_that_names_what_to_install(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        answer = status(server)

    assert answer["first_run"] is True
    assert answer["model_ready"] is False
    key = answer["key"]
    assert isinstance(key, dict)
    assert key["source"] == "none"
    assert key["keyring_state"] == "unavailable"
    assert key["keyring_problem_kind"] == "missing"
    assert key["stored_in_keyring"] is False
    assert "apt-get install gnome-keyring" in key["keyring_problem"]
    assert answer["endpoint"] == {
        "base_url": None,
        "url": "https://api.openai.com/v1",
        "source": "default",
        "base_url_from_environment": False,
        "is_openai": True,
        "api": "responses",
        "model": "gpt-4.1-mini",
        "model_from_environment": False,
    }


def test_a_local_endpoint_in_the_settings_ends_the_first_run(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        with server.client() as client:
            client.patch(
                "/api/settings", json={"base_url": "http://localhost:11434/v1"}
            ).raise_for_status()
        answer = status(server)

    assert answer["first_run"] is False
    assert answer["model_ready"] is True
    endpoint = answer["endpoint"]
    assert isinstance(endpoint, dict)
    assert endpoint["base_url"] == "http://localhost:11434/v1"
    assert endpoint["url"] == "http://localhost:11434/v1"
    assert endpoint["source"] == "setting"
    assert endpoint["is_openai"] is False
    assert endpoint["api"] == "chat_completions"


def test_the_environment_counts_and_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1")
    monkeypatch.setenv("CHATKIT_DESKTOP_MODEL", "qwen2.5")
    with running_server(tmp_path) as server:
        answer = status(server)

    assert answer["first_run"] is False
    endpoint = answer["endpoint"]
    assert isinstance(endpoint, dict)
    assert endpoint["base_url_from_environment"] is True
    assert endpoint["url"] == "http://127.0.0.1:8000/v1"
    assert endpoint["source"] == "environment"
    assert endpoint["model"] == "qwen2.5"
    assert endpoint["model_from_environment"] is True


def test_a_key_in_the_environment_is_reported_but_never_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", ENVIRONMENT_KEY)
    with running_server(tmp_path) as server, server.client() as client:
        response = client.get("/api/status")

    assert ENVIRONMENT_KEY not in response.text
    answer = response.json()
    assert answer["key"]["source"] == "environment"
    assert answer["first_run"] is False
    assert answer["model_ready"] is True
