"""``chatkit-desktop key set | status | clear`` as a user runs it: a subprocess, the key on
stdin or typed at a terminal, a real Secret Service or none at all. The key must never show up
in what the command prints, nor in any file under the test's HOME and data directory."""

import os
import secrets
import select
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from common.api_key import SERVICE_NAME, USERNAME
from tests.fixtures.secret_service import SecretService, files_holding

INSTALL_ADVICE = "sudo apt-get install gnome-keyring"
TERMINAL_TIMEOUT_SECONDS = 30
# `python -m desktop`, but first made a session leader whose controlling terminal is its stdin,
# which is where getpass reads from; no fork in the test process.
IN_OWN_TERMINAL = (
    "import os, runpy; os.login_tty(0); runpy.run_module('desktop', run_name='__main__')"
)
# Stands in for keyrings.alt: found by keyring through the same entry point group, and as
# careless with the key, base64 in a plain file. Ranked above the Secret Service, so only
# the app's own filtering keeps the key out of it.
KEYRINGS_ALT_STAND_IN = """
import base64
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class PlaintextKeyring(KeyringBackend):
    priority = 7

    def _file(self):
        return Path(os.environ["XDG_DATA_HOME"]) / "python_keyring" / "keyring_pass.cfg"

    def get_password(self, service, username):
        if not self._file().exists():
            return None
        return base64.b64decode(self._file().read_text()).decode()

    def set_password(self, service, username, password):
        self._file().parent.mkdir(parents=True, exist_ok=True)
        self._file().write_text(base64.b64encode(password.encode()).decode())

    def delete_password(self, service, username):
        self._file().unlink()


class EncryptedKeyring(PlaintextKeyring):
    priority = 6
"""


@pytest.fixture
def key() -> str:
    return f"sk-test-{secrets.token_urlsafe(32)}"


@pytest.fixture
def keyrings_alt(tmp_path: Path) -> Path:
    """A folder to put on PYTHONPATH that makes keyring find the keyrings.alt stand-in."""
    folder = tmp_path / "site"
    package = folder / "keyrings" / "alt"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "file.py").write_text(KEYRINGS_ALT_STAND_IN)
    metadata = folder / "keyrings_alt_stand_in-1.0.dist-info"
    metadata.mkdir()
    (metadata / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: keyrings-alt-stand-in\nVersion: 1.0\n"
    )
    (metadata / "entry_points.txt").write_text("[keyring.backends]\nfile = keyrings.alt.file\n")
    return folder


def environment(*, remove: tuple[str, ...] = (), **changes: str) -> dict[str, str]:
    return {
        **{name: value for name, value in os.environ.items() if name not in remove},
        **changes,
    }


def key_command(
    action: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "key", action],
        input=stdin,
        capture_output=True,
        text=True,
        env=env if env is not None else environment(),
        timeout=60,
    )


def chosen_keyring(env: dict[str, str]) -> str:
    """What keyring's own detection picks in a fresh process with ``env``."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import keyring; chosen = keyring.get_keyring();"
            "print(chosen, *getattr(chosen, 'backends', ()))",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    ).stdout


def stored_through_keyring() -> str | None:
    return keyring.get_password(SERVICE_NAME, USERNAME)


def printed(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_set_status_and_clear_through_the_secret_service(
    secret_service: SecretService, tmp_path: Path, key: str
) -> None:
    before = key_command("status")
    stored = key_command("set", stdin=f"{key}\n")
    after = key_command("status")

    assert (before.returncode, stored.returncode, after.returncode) == (0, 0, 0), printed(stored)
    assert "No API key is set" in before.stdout
    assert "chatkit-desktop key set" in before.stdout
    assert "Stored the API key in the system keyring (Secret Service)." in stored.stdout
    assert "comes from the system keyring (Secret Service)" in after.stdout
    assert stored_through_keyring() == key

    cleared = key_command("clear")
    cleared_again = key_command("clear")

    assert (cleared.returncode, cleared_again.returncode) == (0, 0)
    assert "Removed the API key" in cleared.stdout
    assert "nothing to remove" in cleared_again.stdout
    assert stored_through_keyring() is None
    for result in (before, stored, after, cleared, cleared_again):
        assert key not in printed(result)
    assert files_holding(tmp_path, key) == []


def test_set_reads_exactly_one_line(secret_service: SecretService, key: str) -> None:
    result = key_command("set", stdin=f"{key}\nsk-second-line\n")

    assert result.returncode == 0, printed(result)
    assert stored_through_keyring() == key


def test_status_says_the_environment_variable_overrides_the_stored_key(
    secret_service: SecretService, key: str
) -> None:
    with_variable = environment(OPENAI_API_KEY="sk-test-from-the-environment")

    stored = key_command("set", stdin=key, env=with_variable)
    status = key_command("status", env=with_variable)

    assert (stored.returncode, status.returncode) == (0, 0), printed(stored)
    assert "OPENAI_API_KEY is set in this environment and is used instead" in stored.stdout
    assert "comes from the OPENAI_API_KEY environment variable" in status.stdout
    assert "overrides the key stored in the system keyring (Secret Service)" in status.stdout
    for result in (stored, status):
        assert key not in printed(result)
        assert "sk-test-from-the-environment" not in printed(result)


def test_set_asks_at_a_terminal_without_echoing_the_key(
    secret_service: SecretService, key: str
) -> None:
    status, output = run_in_terminal(["key", "set"], typed=f"{key}\n")

    assert status == 0, output
    assert "OpenAI API key (typing is hidden):" in output
    assert "Stored the API key in the system keyring (Secret Service)." in output
    assert key not in output
    assert stored_through_keyring() == key


def run_in_terminal(arguments: list[str], typed: str) -> tuple[int, str]:
    """Runs the CLI on a new pseudo-terminal, types ``typed`` once the prompt shows, and returns
    the exit status and everything the terminal displayed."""
    terminal, child_side = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", IN_OWN_TERMINAL, *arguments],
            stdin=child_side,
            stdout=child_side,
            stderr=child_side,
            env=environment(),
        )
    finally:
        # Only the child may hold it: the terminal reports the end once the child is gone.
        os.close(child_side)
    shown = b""
    try:
        while select.select([terminal], [], [], TERMINAL_TIMEOUT_SECONDS)[0]:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # EIO: the child has closed the terminal
                break
            if b"API key" not in shown and b"API key" in shown + chunk:
                os.write(terminal, typed.encode())
            shown += chunk
    finally:
        os.close(terminal)
        if process.poll() is None:
            process.kill()
        process.wait(timeout=TERMINAL_TIMEOUT_SECONDS)
    return process.returncode, shown.decode(errors="replace")


@pytest.mark.parametrize(
    ("stdin", "reason"),
    [("", "empty"), ("Bearer sk-abc\n", "spaces"), ("sk-\x07abc\n", "invisible")],
    ids=["empty", "with-a-space", "control-character"],
)
def test_text_that_is_not_a_key_is_refused(
    secret_service: SecretService, stdin: str, reason: str
) -> None:
    result = key_command("set", stdin=stdin)

    assert result.returncode == 2
    assert reason in result.stderr
    assert "Nothing was stored." in result.stderr
    assert result.stdout == ""
    if stdin.strip():
        assert stdin.strip() not in printed(result)
    assert stored_through_keyring() is None


@pytest.mark.parametrize("action", ["set", "status", "clear"])
def test_without_a_keyring_each_action_says_what_to_install(
    tmp_path: Path, key: str, action: str
) -> None:
    result = key_command(action, stdin=f"{key}\n")

    assert result.returncode == 1
    assert "No usable system keyring: no keyring backend was found" in result.stderr
    assert INSTALL_ADVICE in result.stderr
    assert key not in printed(result)
    assert files_holding(tmp_path, key) == []


def test_without_a_keyring_status_still_reports_the_environment_variable() -> None:
    result = key_command("status", env=environment(OPENAI_API_KEY="sk-test-from-the-environment"))

    assert result.returncode == 0
    assert "comes from the OPENAI_API_KEY environment variable" in result.stdout
    assert INSTALL_ADVICE in result.stderr
    assert "sk-test-from-the-environment" not in printed(result)


def test_keyrings_alt_alone_is_refused_and_writes_nothing(
    keyrings_alt: Path, tmp_path: Path, key: str
) -> None:
    env = environment(
        remove=("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS"),
        PYTHONPATH=str(keyrings_alt),
    )
    chosen = chosen_keyring(env)
    assert "ChainerBackend" in chosen
    assert "keyrings.alt.file.PlaintextKeyring" in chosen
    assert "SecretService" not in chosen

    stored = key_command("set", stdin=f"{key}\n", env=env)
    status = key_command("status", env=env)

    assert (stored.returncode, status.returncode) == (1, 1)
    assert "keyrings.alt.file.PlaintextKeyring keeps secrets in a file" in stored.stderr
    assert INSTALL_ADVICE in stored.stderr
    assert INSTALL_ADVICE in status.stderr
    assert key not in printed(stored) + printed(status)
    assert files_holding(tmp_path, key) == []


def test_keyrings_alt_beside_the_secret_service_is_left_out(
    secret_service: SecretService, keyrings_alt: Path, tmp_path: Path, key: str
) -> None:
    env = environment(PYTHONPATH=str(keyrings_alt))
    chosen = chosen_keyring(env)
    assert "ChainerBackend" in chosen
    assert "keyrings.alt.file.PlaintextKeyring" in chosen
    assert "SecretService" in chosen

    stored = key_command("set", stdin=f"{key}\n", env=env)
    status = key_command("status", env=env)
    cleared = key_command("clear", env=env)

    assert (stored.returncode, status.returncode, cleared.returncode) == (0, 0, 0)
    assert "(Secret Service)" in stored.stdout
    assert "comes from the system keyring (Secret Service)" in status.stdout
    assert "Removed the API key" in cleared.stdout
    assert key not in printed(stored) + printed(status) + printed(cleared)
    assert files_holding(tmp_path, key) == []


def test_a_key_left_in_a_keyrings_alt_file_is_never_used(
    secret_service: SecretService, keyrings_alt: Path, tmp_path: Path, key: str
) -> None:
    env = environment(PYTHONPATH=str(keyrings_alt))
    # keyring on its own puts the key in the stand-in's file: what the app must never do.
    plant = "import sys, keyring; keyring.set_password(*sys.argv[1:])"
    subprocess.run(
        [sys.executable, "-c", plant, SERVICE_NAME, USERNAME, key],
        env=env,
        check=True,
        timeout=60,
    )
    assert files_holding(tmp_path, key) != []

    status = key_command("status", env=env)

    assert status.returncode == 0
    assert "No API key is set" in status.stdout
