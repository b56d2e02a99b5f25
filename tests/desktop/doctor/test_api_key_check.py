"""The doctor's key checks (also Settings → Diagnostics) do not open the keyring while
``OPENAI_API_KEY`` is set: opening it could prompt each time Settings opens."""

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest

from desktop.doctor.api_key import check_api_key
from tests.fixtures.recording_keyring import RefusingKeyring, keyring_calls


@pytest.fixture
def refusing_keyring(tmp_path: Path) -> Iterator[Path]:
    log = tmp_path / "calls"
    keyring.set_keyring(RefusingKeyring(log=log))
    yield log
    keyring.core.init_backend()


def test_with_a_key_in_the_environment_the_keyring_is_not_opened(
    refusing_keyring: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-environment-key")

    checks = check_api_key(uses_openai=True)

    assert [(check.name, check.status) for check in checks] == [
        ("API key", "ok"),
        ("keyring", "ok"),
    ]
    assert keyring_calls(refusing_keyring) == []


def test_without_it_the_keyring_is_read(refusing_keyring: Path) -> None:
    checks = check_api_key(uses_openai=True)

    assert [check.status for check in checks] == ["failed", "failed"]
    assert keyring_calls(refusing_keyring) == ["get_password chatkit-desktop openai-api-key"]
