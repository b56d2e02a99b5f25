"""Insert and Copy end to end, as a user does them: a Tk editor is the active window, the global
shortcut brings the app up with the editor in the card, the user asks, the fake OpenAI server
answers, and the buttons under the answer in the app's own window put the answer into the editor
(the clipboard as it was) and onto the clipboard (through Qt, read back by xclip)."""

from pathlib import Path

import pytest
from playwright.sync_api import Playwright, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.tk_editor import tk_editor
from testing.x_session import XSession
from tests.desktop.insert.conftest import clipboard, clipboard_held_by_xclip
from tests.desktop.shortcut.test_shortcut_in_the_app import (
    PAGE_TIMEOUT_MS,
    card,
    listening_page,
    ready_app,
)
from tests.desktop.window.conftest import LaunchApp
from tests.desktop.window.test_window import active_window, wait_until

pytestmark = pytest.mark.usefixtures("needs_tk")

EDITOR_TITLE = "draft.txt - Editor"
ANSWER = "Hello everyone! Thanks for your patience — the new schedule starts Monday. ☺"
BEFORE = "a phone number the user copied: +49 30 1234567"


def test_the_answer_goes_back_into_the_editor_and_onto_the_clipboard(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    x_session: XSession,
    tmp_path: Path,
) -> None:
    app, window = ready_app(launch)
    with (
        listening_page(app, playwright_instance) as page,
        tk_editor(x_session, EDITOR_TITLE, "Editor", tmp_path / "editor") as editor,
    ):
        app.x("xdotool", "key", "ctrl+alt+space")
        wait_until(lambda: active_window(app) == window, message="our window did not come up")
        expect(card(page)).to_contain_text(EDITOR_TITLE, timeout=PAGE_TIMEOUT_MS)

        fake_openai_env.reply(ANSWER)
        composer = page.get_by_role("textbox", name="Message")
        composer.fill("Make this friendlier")
        composer.press("Enter")
        expect(page.locator(".hv-assistant")).to_contain_text(ANSWER, timeout=PAGE_TIMEOUT_MS)

        actions = page.get_by_role("group", name="Use this answer")
        with clipboard_held_by_xclip(x_session, BEFORE):
            actions.get_by_role("button", name=f"Insert into “{EDITOR_TITLE}”").click()
            expect(actions.get_by_role("status")).to_contain_text(
                f"Inserted into “{EDITOR_TITLE}”", timeout=PAGE_TIMEOUT_MS
            )
            wait_until(lambda: editor.text() == ANSWER, message="the editor did not get it")
            assert clipboard(x_session) == BEFORE

        actions.get_by_role("button", name="Copy").click()
        expect(actions.get_by_role("button", name="Copied")).to_be_visible()
        wait_until(
            lambda: clipboard(x_session) == ANSWER, message="the answer is not on the clipboard"
        )
