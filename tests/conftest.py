"""Fixtures shared by every test. The autouse one keeps tests away from the developer's own
data directory, settings, keyring and API key."""

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = [
    "tests.fixtures.fake_openai",
    "tests.fixtures.browser",
    "tests.fixtures.secret_service",
    "tests.fixtures.x_session",
]

# XDG_DOWNLOAD_DIR too: exports would go to the developer's own Downloads folder.
ISOLATED_VARIABLES = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "CHATKIT_DESKTOP_MODEL",
    "XDG_DOWNLOAD_DIR",
)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    for variable, folder in {
        "HOME": home,
        "XDG_DATA_HOME": home / ".local/share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local/state",
        "CHATKIT_DESKTOP_DATA_DIR": tmp_path / "data",
    }.items():
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(folder))
    for variable in ISOLATED_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    # No keyring unless a test asks for the real Secret Service fixture.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    yield home
