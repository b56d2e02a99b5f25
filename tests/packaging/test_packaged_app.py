"""The packaged app as a person gets it: unpacked from the tarball, installed with its script,
started through its menu entry's Exec line on an X display; it maps its window, writes
runtime.json, shows its page and answers a question (from the fake OpenAI server). And its
keyring works from inside the bundle, against a real Secret Service."""

import json
import os
import secrets
import shlex
import signal
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from playwright.sync_api import Playwright

from common.api_key import SERVICE_NAME, USERNAME
from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.running_app import RunningApp, app_env, free_port
from testing.x_session import XSession
from tests.desktop.window.devtools import app_page
from tests.desktop.window.saved_threads import save_threads
from tests.fixtures.secret_service import SecretService
from tests.packaging.conftest import APP_ID, LinuxPackage
from tests.packaging.installing import desktop_entry, run_install_script
from tests.server.running_server import assistant_texts, parse_events, user_input

pytestmark = pytest.mark.timeout(900)

QUESTION = "Is the packaged app answering?"
SAVED_THREAD = "thr_saved_before_start"


@pytest.fixture
def installed_entry(linux_package: LinuxPackage, tmp_path: Path, isolated_user_dirs: Path) -> Path:
    """The tarball unpacked and installed into this test's home: its menu entry."""
    unpacked = tmp_path / "unpacked"
    with tarfile.open(linux_package.tarball) as archive:
        archive.extractall(unpacked, filter="tar")
    installed = run_install_script(unpacked)
    assert installed.returncode == 0, installed.stderr
    return isolated_user_dirs / ".local" / "share" / "applications" / f"{APP_ID}.desktop"


@pytest.fixture
def started_from_menu(
    installed_entry: Path,
    x_session: XSession,
    fake_openai_env: FakeOpenAIServer,
    tmp_path: Path,
) -> Iterator[RunningApp]:
    """Launched as the desktop launches it, with the fake OpenAI server as its endpoint."""
    cdp_port = free_port()
    env = app_env(x_session.env, tmp_path / "xdg-runtime", cdp_port)
    output = tmp_path / "app.log"
    with output.open("ab") as log:
        process = subprocess.Popen(
            shlex.split(desktop_entry(installed_entry)["Exec"]),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    data_dir = Path(os.environ["CHATKIT_DESKTOP_DATA_DIR"])
    save_threads(data_dir, {SAVED_THREAD: "Saved before the app started"})
    app = RunningApp(process, data_dir, env, cdp_port, output)
    yield app
    app.kill()


def ask(app: RunningApp, question: str) -> list[dict[str, Any]]:
    runtime = app.runtime()
    response = httpx.post(
        f"{runtime['url']}/chatkit",
        json={"type": "threads.create", "params": {"input": user_input(question)}},
        headers={"Authorization": f"Bearer {runtime['token']}"},
        timeout=60,
    )
    assert response.status_code == 200, f"{response.text}\n{app.read_output()}"
    return parse_events(response.text)


def test_started_from_its_menu_entry_it_opens_and_answers(
    started_from_menu: RunningApp, playwright_instance: Playwright
) -> None:
    app = started_from_menu
    window = app.window()
    assert app.x("xprop", "-id", window, "WM_CLASS").strip() == (
        f'WM_CLASS(STRING) = "{APP_ID}", "{APP_ID}"'
    )
    runtime = app.runtime()
    # The page in the window, from the bundle's own files, lists the saved conversation.
    with app_page(playwright_instance, app.cdp_port, str(runtime["url"])) as page:
        page.locator(f'[data-thread-id="{SAVED_THREAD}"]').wait_for(timeout=60_000)

    events = ask(app, QUESTION)

    assert assistant_texts(events) == [f"You said: {QUESTION}"], app.read_output()

    app.process.send_signal(signal.SIGTERM)
    assert app.wait_exit() == 0, app.read_output()
    assert not app.runtime_file.exists()
    assert "Traceback" not in app.read_output()


def test_its_keyring_is_the_secret_service(
    linux_package: LinuxPackage, secret_service: SecretService
) -> None:
    key = f"sk-test-{secrets.token_urlsafe(32)}"

    def key_command(action: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(linux_package.executable), "key", action],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    stored = key_command("set", f"{key}\n")
    status = key_command("status")

    assert stored.returncode == 0, stored.stderr
    assert "Stored the API key in the system keyring (Secret Service)." in stored.stdout
    assert "comes from the system keyring (Secret Service)" in status.stdout
    assert keyring.get_password(SERVICE_NAME, USERNAME) == key
    assert key not in json.dumps([stored.stdout, stored.stderr, status.stdout, status.stderr])
