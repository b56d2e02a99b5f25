"""The first screen of the real window never waits on the keyring. A keyring backend that blocks
like an open unlock prompt (``tests/fixtures/recording_keyring.py``, chosen through
``PYTHON_KEYRING_BACKEND``) must not keep the page on "Loading…": it says what it waits for and
lets the user go on. With ``OPENAI_API_KEY`` set, a backend that refuses every call shows the
keyring is not called at start nor when a message is sent."""

import re
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Playwright, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.desktop.window.conftest import LaunchApp
from tests.desktop.window.devtools import app_page
from tests.fixtures.fake_openai import FAKE_API_KEY
from tests.fixtures.recording_keyring import KEY_ENV, LOG_ENV, RELEASE_ENV, keyring_calls
from tests.server.running_server import assistant_texts, parse_events, user_input

PAGE_TIMEOUT_MS = 30_000
# ChatKit, or the built-in view when ChatKit's CDN cannot be reached, as on the test machines.
CHAT_MODE = re.compile(r"^(chatkit|builtin)$")
STORED_KEY = "sk-test-stored-in-the-blocking-keyring-4e7a"
READ_THE_KEY = "get_password chatkit-desktop openai-api-key"


@pytest.fixture
def blocking_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.fixtures.recording_keyring.BlockingKeyring")
    monkeypatch.setenv(LOG_ENV, str(tmp_path / "keyring-calls"))
    monkeypatch.setenv(RELEASE_ENV, str(tmp_path / "prompt-answered"))
    monkeypatch.setenv(KEY_ENV, STORED_KEY)
    return tmp_path


def test_the_page_says_it_waits_for_the_keyring_and_goes_on_once_it_answers(
    launch: LaunchApp, playwright_instance: Playwright, blocking_keyring: Path
) -> None:
    app = launch()
    app.window()
    with app_page(playwright_instance, app.cdp_port, app.runtime()["url"]) as page:
        heading = page.get_by_role("heading", name="Waiting for your keyring to unlock…")
        expect(heading).to_be_visible(timeout=PAGE_TIMEOUT_MS)
        expect(page.get_by_role("button", name="Continue without the keyring")).to_be_visible()
        assert keyring_calls(blocking_keyring / "keyring-calls") == [READ_THE_KEY]

        (blocking_keyring / "prompt-answered").touch()

        # A key was found: no first-run screen, the chat starts.
        expect(page.locator("#app")).to_have_attribute(
            "data-mode", CHAT_MODE, timeout=PAGE_TIMEOUT_MS
        )
        expect(heading).to_be_hidden()
        assert page.get_by_text("Welcome to ChatKit Desktop").count() == 0


def test_continue_without_the_keyring_opens_the_chat_while_the_prompt_stays(
    launch: LaunchApp, playwright_instance: Playwright, blocking_keyring: Path
) -> None:
    app = launch()
    app.window()
    with app_page(playwright_instance, app.cdp_port, app.runtime()["url"]) as page:
        page.get_by_role("button", name="Continue without the keyring").click(
            timeout=PAGE_TIMEOUT_MS
        )
        expect(page.locator("#app")).to_have_attribute(
            "data-mode", CHAT_MODE, timeout=PAGE_TIMEOUT_MS
        )
        runtime = app.runtime()
        status = httpx.get(
            f"{runtime['url']}/api/status",
            headers={"Authorization": f"Bearer {runtime['token']}"},
            timeout=10,
        ).json()
    assert status["key"]["keyring_state"] == "waiting"
    assert keyring_calls(blocking_keyring / "keyring-calls") == [READ_THE_KEY]


def test_with_a_key_in_the_environment_the_keyring_is_never_called(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.fixtures.recording_keyring.RefusingKeyring")
    monkeypatch.setenv(LOG_ENV, str(tmp_path / "keyring-calls"))
    app = launch()
    app.window()
    runtime = app.runtime()
    with app_page(playwright_instance, app.cdp_port, runtime["url"]) as page:
        expect(page.locator("#app")).to_have_attribute(
            "data-mode", CHAT_MODE, timeout=PAGE_TIMEOUT_MS
        )
    with httpx.Client(
        base_url=runtime["url"],
        headers={"Authorization": f"Bearer {runtime['token']}"},
        timeout=60,
    ) as client:
        settings = client.get("/api/status").json()
        answer = client.post(
            "/chatkit", json={"type": "threads.create", "params": {"input": user_input("Hi")}}
        )
    assert settings["key"]["source"] == "environment"
    assert assistant_texts(parse_events(answer.text)) == ["You said: Hi"]
    assert fake_openai_env.last_model_call().api_key == FAKE_API_KEY
    assert keyring_calls(tmp_path / "keyring-calls") == []
