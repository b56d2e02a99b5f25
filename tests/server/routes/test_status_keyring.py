"""``GET /api/status`` never waits on the keyring: a keyring held by its prompt is read on a
thread of its own, the status says ``reading`` then ``waiting`` meanwhile, and the keyring is
not called at all while ``OPENAI_API_KEY`` is set or the endpoint is on this computer."""

import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest

from common.paths import profile_of
from server.settings.settings_file import SettingsFile
from server.settings.stored_key import PROMPT_LIKELY_AFTER_SECONDS
from tests.fixtures.recording_keyring import BlockingKeyring, RefusingKeyring, keyring_calls
from tests.server.running_server import RunningServer, running_server

STORED_KEY = "sk-test-stored-8c1d5e2f7a9b3c4d6e0f1a2b"
ENVIRONMENT_KEY = "sk-test-env-3f9a1c7e5b2d4f6a8c0e2b4d"
# Generous: the machine is shared; what matters is that the answer did not wait for the prompt.
PROMPT_STAYS_OPEN_SECONDS = 60.0


@pytest.fixture
def blocking_keyring(tmp_path: Path) -> Iterator[BlockingKeyring]:
    backend = BlockingKeyring(log=tmp_path / "calls", release=tmp_path / "answered", key=STORED_KEY)
    keyring.set_keyring(backend)
    yield backend
    (tmp_path / "answered").touch()
    keyring.core.init_backend()


@pytest.fixture
def refusing_keyring(tmp_path: Path) -> Iterator[Path]:
    log = tmp_path / "calls"
    keyring.set_keyring(RefusingKeyring(log=log))
    yield log
    keyring.core.init_backend()


def status(server: RunningServer, wait_for_keyring: float = 0) -> dict:
    with server.client(timeout=PROMPT_STAYS_OPEN_SECONDS) as client:
        response = client.get("/api/status", params={"wait_for_keyring": wait_for_keyring})
    response.raise_for_status()
    return response.json()


def test_the_status_answers_while_the_keyring_prompt_is_open_and_says_so(
    tmp_path: Path, blocking_keyring: BlockingKeyring
) -> None:
    with running_server(tmp_path) as server:
        first = status(server)
        assert first["key"]["keyring_state"] in ("reading", "waiting")
        assert first["key"]["source"] == "unknown"
        assert first["first_run"] is False

        time.sleep(PROMPT_LIKELY_AFTER_SECONDS)
        waiting = status(server, wait_for_keyring=0.2)
        assert waiting["key"]["keyring_state"] == "waiting"
        # Opening Settings asks again: still one read, not a second prompt.
        assert keyring_calls(tmp_path / "calls") == ["get_password chatkit-desktop openai-api-key"]

        (tmp_path / "answered").touch()
        answered = status(server, wait_for_keyring=10)

    assert answered["key"]["keyring_state"] == "read"
    assert answered["key"]["source"] == "keyring"
    assert answered["key"]["stored_in_keyring"] is True
    assert answered["model_ready"] is True
    assert STORED_KEY not in str(answered)


def test_status_waits_no_longer_than_asked(
    tmp_path: Path, blocking_keyring: BlockingKeyring
) -> None:
    with running_server(tmp_path) as server, server.client() as client:
        refused = client.get("/api/status", params={"wait_for_keyring": 60})
        assert refused.status_code == 400
        assert "wait_for_keyring" in refused.text
        answer = status(server, wait_for_keyring=0.5)
    assert answer["key"]["keyring_state"] in ("reading", "waiting")


def test_with_a_key_in_the_environment_the_keyring_is_never_called(
    tmp_path: Path, refusing_keyring: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", ENVIRONMENT_KEY)
    with running_server(tmp_path) as server:
        answer = status(server, wait_for_keyring=1)

    assert answer["key"]["source"] == "environment"
    assert answer["key"]["keyring_state"] == "not_needed"
    assert keyring_calls(refusing_keyring) == []


def test_with_a_server_on_this_computer_the_keyring_is_never_called(
    tmp_path: Path, refusing_keyring: Path
) -> None:
    SettingsFile.of_profile(profile_of(tmp_path)).update({"base_url": "http://localhost:11434/v1"})
    with running_server(tmp_path) as server:
        answer = status(server, wait_for_keyring=1)

    assert answer["key"]["keyring_state"] == "not_needed"
    assert answer["model_ready"] is True
    assert keyring_calls(refusing_keyring) == []


def test_a_key_saved_through_the_page_is_known_without_reading_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = BlockingKeyring(log=tmp_path / "calls", release=tmp_path / "answered")
    (tmp_path / "answered").touch()
    keyring.set_keyring(backend)
    try:
        with running_server(tmp_path) as server, server.client() as client:
            assert status(server, wait_for_keyring=5)["first_run"] is True
            client.put("/api/key", json={"key": STORED_KEY}).raise_for_status()
            after = status(server)
    finally:
        keyring.core.init_backend()
    assert after["key"]["source"] == "keyring"
    assert after["first_run"] is False


def test_the_read_starts_with_the_server_before_the_page_asks(tmp_path: Path) -> None:
    backend = BlockingKeyring(log=tmp_path / "calls", release=tmp_path / "answered")
    (tmp_path / "answered").touch()
    keyring.set_keyring(backend)
    try:
        with running_server(tmp_path):
            deadline = time.monotonic() + 10
            while not keyring_calls(tmp_path / "calls") and time.monotonic() < deadline:
                time.sleep(0.02)
            calls = keyring_calls(tmp_path / "calls")
    finally:
        keyring.core.init_backend()
    assert calls == ["get_password chatkit-desktop openai-api-key"]
