"""The agent's client tools in the built-in view, done as ChatKit's ``onClientTool`` does them:
the answer stops at the tool call, the page carries it out (the system browser is a recorder of
the test's own), and the answer goes on from the result."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.recording_browser import install_recording_browser
from tests.web.history.conftest import HistoryHarness

# The agent's first load and a busy machine: answers may take a while, never this long.
ANSWER_TIMEOUT_MS = 60_000


def test_open_url_from_the_view_opens_the_browser_and_the_answer_goes_on(
    history: HistoryHarness,
    fake_openai: FakeOpenAIServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = install_recording_browser(tmp_path / "browser", monkeypatch)
    url = "https://example.com/release-notes"
    fake_openai.call_tools(ToolCall("open_url", json.dumps({"url": url}), call_id="call_open"))
    fake_openai.reply("The release notes are open in your browser.")
    tab = history.open()

    box = tab.page.get_by_role("textbox", name="Message")
    box.fill("show me the release notes")
    box.press("Enter")

    expect(tab.page.locator(".hv-assistant")).to_contain_text(
        "The release notes are open in your browser.", timeout=ANSWER_TIMEOUT_MS
    )
    assert recorder.wait_for(1) == [url]
    assert fake_openai.last_model_call().tool_output("call_open") == '{"opened": true}'
    assert len(tab.chatkit_requests("threads.add_client_tool_output")) == 1
