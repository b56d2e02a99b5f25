"""The agent's client tools in ChatKit mode, with the stand-in element in place of OpenAI's: the
fake model asks for ``open_url`` or ``copy_to_clipboard``, the page's ``onClientTool`` carries
it out (the system browser is a recorder of the test's own), and its result continues the
answer through ``threads.add_client_tool_output``."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp, start_served_app
from tests.fixtures.recording_browser import RecordingBrowser, install_recording_browser
from tests.web.conftest import PageUnderTest

HANDLE = "async (call) => (await import('/static/lib/client-tools.js')).handleClientTool(call)"


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RecordingBrowser:
    return install_recording_browser(tmp_path / "browser", monkeypatch)


@pytest.fixture
def app(
    recorder: RecordingBrowser, tmp_path: Path, fake_openai: FakeOpenAIServer
) -> Iterator[ServedApp]:
    """The conftest's app, started once ``BROWSER`` names the recorder."""
    served = start_served_app(tmp_path / "data", {"OPENAI_BASE_URL": fake_openai.base_url})
    yield served
    served.stop()


def answer_texts(answer: Any) -> list[str]:
    return [
        "".join(part["text"] for part in event["item"]["content"])
        for event in answer["events"]
        if event["type"] == "thread.item.done" and event["item"]["type"] == "assistant_message"
    ]


def test_open_url_opens_the_system_browser_and_the_answer_goes_on(
    tab: PageUnderTest, fake_openai: FakeOpenAIServer, recorder: RecordingBrowser
) -> None:
    url = "https://example.com/guide?chapter=2"
    fake_openai.call_tools(ToolCall("open_url", json.dumps({"url": url}), call_id="call_open"))
    fake_openai.reply("The guide is open in your browser.")
    tab.open("chatkit")

    answer = tab.stand_in("chatkit.createThread('open the guide')")

    assert recorder.wait_for(1) == [url]
    assert tab.stand_in("chatkit.clientToolCalls") == [
        {"name": "open_url", "params": {"url": url}, "result": {"opened": True}}
    ]
    assert answer_texts(answer) == ["The guide is open in your browser."]
    assert fake_openai.last_model_call().tool_output("call_open") == '{"opened": true}'
    assert tab.page.url.startswith(tab.app.url)


def test_copy_to_clipboard_copies_and_the_answer_goes_on(
    tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    text = "Dear team,\nthe launch moves to Friday."
    fake_openai.call_tools(
        ToolCall("copy_to_clipboard", json.dumps({"text": text}), call_id="call_copy")
    )
    fake_openai.reply("Copied: paste it where you like.")
    # Under `serve` there is no window to set the clipboard: the browser page writes its own.
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=tab.app.url)
    tab.open("chatkit")

    answer = tab.stand_in("chatkit.createThread('copy the announcement')")

    assert tab.stand_in("chatkit.clientToolCalls") == [
        {"name": "copy_to_clipboard", "params": {"text": text}, "result": {"copied": True}}
    ]
    assert tab.page.evaluate("navigator.clipboard.readText()") == text
    assert answer_texts(answer) == ["Copied: paste it where you like."]
    assert fake_openai.last_model_call().tool_output("call_copy") == '{"copied": true}'


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)"])
def test_the_page_refuses_to_open_what_is_not_a_web_address(
    tab: PageUnderTest, recorder: RecordingBrowser, url: str
) -> None:
    tab.open("chatkit")
    result = tab.page.evaluate(HANDLE, {"name": "open_url", "params": {"url": url}})
    assert result == {"error": result["error"]}
    assert "only http and https addresses are opened" in result["error"]
    tab.page.evaluate(HANDLE, {"name": "open_url", "params": {"url": "https://example.com/"}})
    assert recorder.wait_for(1) == ["https://example.com/"]
