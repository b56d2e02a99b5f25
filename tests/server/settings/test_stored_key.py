"""The keyring read once, off the page's path: what the status says while it waits, what an
answer gets, and that a failed read is tried again only for an answer."""

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest
from chatkit.errors import CustomStreamError

from common.api_key import KeyringUnavailable
from server.settings import stored_key
from server.settings.model_choice import choose_model
from server.settings.settings_file import Settings
from server.settings.stored_key import (
    PROMPT_LIKELY_AFTER_SECONDS,
    KeyringNotAnswered,
    ServerApiKey,
    StoredKey,
)
from tests.fixtures.recording_keyring import RefusingKeyring, keyring_calls

OPENAI = None
STORED = "sk-test-stored-1a2b3c4d5e6f7a8b9c0d"


class Keyring:
    """A read that waits like a prompt until ``answer`` is called."""

    def __init__(self) -> None:
        self.calls = 0
        self.answered = threading.Event()
        self.outcomes: list[tuple[str | None, str] | KeyringUnavailable] = []

    def answer(self, outcome: tuple[str | None, str] | KeyringUnavailable) -> None:
        self.outcomes.append(outcome)
        self.answered.set()

    def read(self) -> tuple[str | None, str]:
        self.calls += 1
        assert self.answered.wait(30)
        outcome = self.outcomes.pop(0)
        self.answered.clear()
        if isinstance(outcome, KeyringUnavailable):
            raise outcome
        return outcome


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def settle(stored: StoredKey) -> None:
    for _ in range(600):
        if not stored.view(OPENAI).pending:
            return
        threading.Event().wait(0.05)
    raise AssertionError("the read did not end")


def test_the_view_says_reading_then_waiting_then_what_was_found() -> None:
    keyring, clock = Keyring(), Clock()
    stored = StoredKey(keyring.read, clock)

    assert stored.view(OPENAI).keyring_state == "reading"
    clock.now += PROMPT_LIKELY_AFTER_SECONDS
    waiting = stored.view(OPENAI)
    assert (waiting.keyring_state, waiting.source) == ("waiting", "unknown")

    keyring.answer((STORED, "Secret Service"))
    settle(stored)
    found = stored.view(OPENAI)
    assert (found.source, found.backend, found.stored_in_keyring) == (
        "keyring",
        "Secret Service",
        True,
    )
    assert keyring.calls == 1


def test_an_answer_that_cannot_wait_says_the_keyring_is_waiting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stored_key, "ANSWER_WAITS_SECONDS", 0.2)
    keyring = Keyring()
    stored = StoredKey(keyring.read)

    with pytest.raises(KeyringNotAnswered, match="has not unlocked yet"):
        stored.key_for_answer()
    with pytest.raises(CustomStreamError):
        ServerApiKey(stored)()

    keyring.answer((STORED, "Secret Service"))
    settle(stored)
    assert stored.key_for_answer() == STORED
    assert keyring.calls == 1


def test_a_dismissed_prompt_is_asked_again_only_for_an_answer() -> None:
    keyring = Keyring()
    stored = StoredKey(keyring.read)
    stored.view(OPENAI)
    keyring.answer(KeyringUnavailable("The keyring is locked: dismissed.", kind="dismissed"))
    settle(stored)

    dismissed = stored.view(OPENAI)
    assert (dismissed.keyring_state, dismissed.problem_kind) == ("unavailable", "dismissed")
    stored.view(OPENAI)
    assert keyring.calls == 1

    keyring.answer((STORED, "Secret Service"))
    assert stored.key_for_answer() == STORED
    assert keyring.calls == 2


def test_with_the_environment_or_a_local_server_nothing_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring = Keyring()
    stored = StoredKey(keyring.read)

    assert stored.view("http://localhost:11434/v1").keyring_state == "not_needed"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-environment-0123456789")
    assert stored.view(OPENAI).source == "environment"
    assert ServerApiKey(stored)() == "sk-test-environment-0123456789"
    assert keyring.calls == 0


@pytest.fixture
def refusing_keyring(tmp_path: Path) -> Iterator[Path]:
    log = tmp_path / "calls"
    keyring.set_keyring(RefusingKeyring(log=log))
    yield log
    keyring.core.init_backend()


def test_the_model_listings_key_never_starts_a_keyring_read(refusing_keyring: Path) -> None:
    api_key = ServerApiKey(StoredKey())
    remote = Settings(base_url="https://models.example.com/v1")

    assert choose_model(remote, api_key.known).api_key is None
    assert keyring_calls(refusing_keyring) == []

    api_key.stored.view(OPENAI)
    settle(api_key.stored)
    assert api_key.stored.view(OPENAI).keyring_state == "unavailable"
    assert choose_model(remote, api_key.known).api_key is None
    assert len(keyring_calls(refusing_keyring)) == 1

    api_key.stored.remember(STORED, "Secret Service")
    assert choose_model(remote, api_key.known).api_key == STORED
    assert len(keyring_calls(refusing_keyring)) == 1
