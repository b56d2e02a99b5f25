"""The API key against a real Secret Service (gnome-keyring on a private bus), and the refusals
when no usable keyring exists."""

import gc
import json
import re
import secrets
import warnings
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import keyring
import keyring.core
import pytest
import secretstorage
from keyring.backend import KeyringBackend
from keyring.errors import InitError, KeyringLocked

from common.api_key import (
    MAX_KEY_LENGTH,
    SERVICE_NAME,
    USERNAME,
    InvalidApiKey,
    KeyringUnavailable,
    KeyStatus,
    backend_name,
    clear_api_key,
    key_status,
    read_api_key,
    store_api_key,
    validate_api_key,
)
from tests.fixtures.secret_service import SecretService, files_holding

INSTALL_ADVICE = "sudo apt-get install gnome-keyring"


@pytest.fixture
def key() -> str:
    # Unique per test, so a match on disk cannot be left over from another test.
    return f"sk-test-{secrets.token_urlsafe(32)}"


@pytest.fixture
def use_backend() -> Iterator[Callable[[KeyringBackend], None]]:
    """Puts a stand-in backend in place for one test, then lets keyring choose again."""
    yield keyring.set_keyring
    keyring.core.init_backend()


def stored_through_keyring() -> str | None:
    return keyring.get_password(SERVICE_NAME, USERNAME)


def test_a_stored_key_lives_in_the_secret_service_until_cleared(
    secret_service: SecretService, tmp_path: Path, key: str
) -> None:
    assert key_status() == KeyStatus("none", "Secret Service", None, stored_in_keyring=False)

    assert store_api_key(key) == "Secret Service"

    assert key_status() == KeyStatus("keyring", "Secret Service", None, stored_in_keyring=True)
    assert stored_through_keyring() == key
    assert read_api_key() == key
    assert any(secret_service.keyrings_dir.iterdir()), "gnome-keyring wrote no keyring file"
    assert files_holding(tmp_path, key) == []

    assert clear_api_key() is True

    assert stored_through_keyring() is None
    assert read_api_key() is None
    assert key_status() == KeyStatus("none", "Secret Service", None, stored_in_keyring=False)


def test_storing_again_replaces_the_key_and_clearing_twice_is_fine(
    secret_service: SecretService, key: str
) -> None:
    store_api_key("sk-old-key")
    store_api_key(f"  {key}\n")

    assert stored_through_keyring() == key
    assert clear_api_key() is True
    assert clear_api_key() is False


def test_the_environment_variable_wins_over_a_stored_key(
    secret_service: SecretService, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-from-the-environment")
    assert key_status() == KeyStatus("environment", "Secret Service", None, False)

    store_api_key(key)

    assert read_api_key() == "sk-test-from-the-environment"
    assert key_status() == KeyStatus("environment", "Secret Service", None, True)
    assert stored_through_keyring() == key


def test_a_blank_environment_variable_counts_as_unset(
    secret_service: SecretService, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "  ")
    store_api_key(key)

    assert read_api_key() == key
    assert key_status().source == "keyring"


def test_status_is_ready_for_the_page_and_never_holds_the_key(
    secret_service: SecretService, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    store_api_key(key)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-from-the-environment")

    page = json.dumps(key_status().as_json())

    assert json.loads(page) == {
        "source": "environment",
        "backend": "Secret Service",
        "keyring_problem": None,
        "keyring_problem_kind": None,
        "stored_in_keyring": True,
    }
    assert key not in page
    assert "sk-test-from-the-environment" not in page


def test_without_a_keyring_nothing_is_stored_and_the_message_says_what_to_install(
    tmp_path: Path, key: str
) -> None:
    with pytest.raises(KeyringUnavailable) as refused:
        store_api_key(key)

    message = str(refused.value)
    assert "no keyring backend was found" in message
    assert INSTALL_ADVICE in message
    assert "running and unlocked" in message
    assert key not in message
    assert files_holding(tmp_path, key) == []

    status = key_status()
    assert (status.source, status.backend, status.stored_in_keyring) == ("none", None, False)
    assert status.problem is not None and INSTALL_ADVICE in status.problem
    assert read_api_key() is None
    with pytest.raises(KeyringUnavailable, match="gnome-keyring"):
        clear_api_key()


def test_without_a_keyring_the_environment_variable_still_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-from-the-environment")

    status = key_status()

    assert read_api_key() == "sk-test-from-the-environment"
    assert (status.source, status.backend, status.stored_in_keyring) == (
        "environment",
        None,
        False,
    )
    assert status.problem is not None and INSTALL_ADVICE in status.problem


def test_a_locked_keyring_is_refused(secret_service: SecretService, key: str) -> None:
    store_api_key(key)
    with closing(secretstorage.dbus_init()) as connection:
        secretstorage.Collection(connection).lock()

    # keyring 25.7 leaves its D-Bus connection open when the collection stays locked;
    # collect those here, quietly, instead of letting a later test trip over them.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        status = key_status()
        assert read_api_key() is None
        with pytest.raises(KeyringUnavailable, match="locked"):
            store_api_key("sk-another-key")
        gc.collect()

    assert status.source == "none"
    assert status.problem_kind == "dismissed"
    assert status.problem == (
        "The Secret Service keyring is locked: its unlock prompt was dismissed, so the key kept "
        "there cannot be read. It asks again the next time the key is needed; or set the "
        "OPENAI_API_KEY environment variable instead."
    )


class RaisingBackend(KeyringBackend):
    """A backend failing the way Windows' does: with an exception that is no KeyringError."""

    # Below the fail backend: never picked by keyring's own detection.
    priority = -1

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error


class ForgetfulBackend(KeyringBackend):
    """Accepts every secret and keeps none."""

    priority = -1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


class WinError(Exception):
    """Shaped like ``pywintypes.error``: (code, function, message)."""


@pytest.mark.parametrize(
    "error",
    [
        WinError(1312, "CredWrite", "A specified logon session does not exist."),
        OSError("the bus went away"),
    ],
    ids=["pywintypes-like", "oserror"],
)
def test_any_error_from_a_backend_becomes_keyring_unavailable(
    use_backend: Callable[[KeyringBackend], None], error: Exception, key: str
) -> None:
    use_backend(RaisingBackend(error))

    with pytest.raises(KeyringUnavailable, match=re.escape(INSTALL_ADVICE)):
        store_api_key(key)
    assert read_api_key() is None
    assert key_status().problem is not None


def dismissed_creation() -> InitError:
    """What keyring's Secret Service backend raises when the "Choose password for new keyring"
    prompt is cancelled: secretstorage's exception, wrapped."""
    try:
        try:
            raise secretstorage.exceptions.PromptDismissedException("Prompt dismissed.")
        except secretstorage.exceptions.PromptDismissedException as dismissed:
            raise InitError(f"Failed to create the collection: {dismissed}.") from dismissed
    except InitError as wrapped:
        return wrapped


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (
            KeyringLocked("Failed to unlock the collection!"),
            "The {name} keyring is locked: its unlock prompt was dismissed, so the key "
            "kept there cannot be read.",
        ),
        (
            dismissed_creation(),
            "No {name} keyring was created: the prompt to create one was dismissed, "
            "so the key kept there cannot be read.",
        ),
    ],
    ids=["unlock", "create"],
)
def test_a_dismissed_prompt_is_told_apart_from_a_missing_keyring(
    use_backend: Callable[[KeyringBackend], None], error: Exception, sentence: str
) -> None:
    backend = RaisingBackend(error)
    use_backend(backend)

    status = key_status()

    assert status.problem_kind == "dismissed"
    expected = sentence.format(name=backend_name(backend))
    assert status.problem is not None and status.problem.startswith(expected)
    assert INSTALL_ADVICE not in status.problem
    assert ".." not in status.problem


def test_a_missing_secret_service_is_said_once_without_a_double_period() -> None:
    status = key_status()

    assert status.problem_kind == "missing"
    assert status.problem is not None
    assert status.problem.startswith("No usable system keyring: no keyring backend was found. ")
    assert INSTALL_ADVICE in status.problem
    assert ".." not in status.problem


def test_a_failure_quoting_a_sentence_gets_no_double_period(
    use_backend: Callable[[KeyringBackend], None],
) -> None:
    use_backend(RaisingBackend(RuntimeError("The bus went away.")))

    status = key_status()

    assert status.problem_kind == "failed"
    assert status.problem is not None and "(RuntimeError: The bus went away)" in status.problem
    assert ".." not in status.problem


def test_a_backend_echoing_the_key_in_its_error_does_not_leak_it(
    use_backend: Callable[[KeyringBackend], None], key: str
) -> None:
    use_backend(RaisingBackend(RuntimeError(f"cannot store {key!r}")))

    with pytest.raises(KeyringUnavailable) as refused:
        store_api_key(key)

    assert key not in str(refused.value)
    assert "cannot store '[the key]'" in str(refused.value)


def test_a_backend_that_drops_the_key_is_refused(
    use_backend: Callable[[KeyringBackend], None], key: str
) -> None:
    use_backend(ForgetfulBackend())

    with pytest.raises(KeyringUnavailable, match="did not keep the key"):
        store_api_key(key)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        (" \n", "empty"),
        ("sk-abc\nsk-def", "single line"),
        ("sk-abc\rdef", "single line"),
        ("Bearer sk-abc", "spaces"),
        ("sk-\tabc", "spaces"),
        ("sk-\x00abc", "invisible"),
        ("sk-\x1b[31mabc", "invisible"),
        ("sk-clé", "non-ASCII"),
        ("s" * (MAX_KEY_LENGTH + 1), "longer than"),
    ],
)
def test_text_that_cannot_be_a_key_is_refused_before_the_keyring(text: str, reason: str) -> None:
    # The fail backend is in place: a keyring error here would mean validation came too late.
    with pytest.raises(InvalidApiKey, match=reason) as refused:
        store_api_key(text)
    if text.strip():
        assert text.strip() not in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "sk-test-proj-Ab3_dE-fG9hIjKlMnOpQrStUvWxYz0123456789",
        "0123456789abcdef0123456789abcdef",
        "gsk_abcDEF123",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
        "key:with/odd+chars=~!@#$%^&*()",
        "x",
    ],
)
def test_keys_of_other_providers_are_accepted(text: str) -> None:
    assert validate_api_key(f"  {text}\n") == text
