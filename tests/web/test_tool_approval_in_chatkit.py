"""Approval of a tool call from ChatKit (the stand-in in its place): the widget arrives in the
stream, and pressing Allow sends the ChatKit custom action through the page's api.fetch; a new
page (a reload) can answer a question asked before it, and only then does the tool run."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser

from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp
from tests.server.agent.mcp_notes import NotesServer, settled_tools
from tests.web.conftest import PageUnderTest, open_tab


@pytest.fixture
def notes(app: ServedApp, tmp_path: Path) -> NotesServer:
    notes = NotesServer(tmp_path / "notes-calls.jsonl", tmp_path / "notes.pid")
    httpx.patch(
        f"{app.url}/api/settings",
        json={"mcp_servers": [notes.entry(confirm=True)]},
        headers={"Authorization": f"Bearer {app.token}"},
        timeout=10,
    ).raise_for_status()
    settled_tools(app.url, app.token)
    return notes


def new_tab(browser: Browser, app: ServedApp) -> Iterator[PageUnderTest]:
    for tab in open_tab(browser, app):
        tab.open("chatkit")
        yield tab


def approval_widget(events: list[dict[str, Any]]) -> dict[str, Any]:
    (item,) = [
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "widget"
    ]
    return item


def test_allow_from_a_new_page_runs_the_tool(
    browser: Browser, app: ServedApp, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    fake_openai.call_tools(ToolCall("add_note", '{"text": "pay rent"}', call_id="call_rent"))
    for first in new_tab(browser, app):
        asked = first.stand_in("chatkit.createThread(args[0])", "Note: pay rent")
        widget = approval_widget(asked["events"])
    assert notes.calls() == []

    fake_openai.reply("Rent noted.")
    for second in new_tab(browser, app):
        answered = second.stand_in("chatkit.clickWidgetButton(args[0], 'Allow')", widget)

    assert answered["status"] == 200
    texts = [
        event["item"]["content"][0]["text"]
        for event in answered["events"]
        if event["type"] == "thread.item.done" and event["item"]["type"] == "assistant_message"
    ]
    assert texts == ["Rent noted."]
    assert notes.calls() == [{"tool": "add_note", "arguments": {"text": "pay rent"}}]


def test_deny_from_chatkit_never_runs_the_tool(
    browser: Browser, app: ServedApp, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    fake_openai.call_tools(ToolCall("add_note", '{"text": "pay rent"}', call_id="call_rent"))
    fake_openai.reply("Not noted.")
    for tab in new_tab(browser, app):
        asked = tab.stand_in("chatkit.createThread(args[0])", "Note: pay rent")
        answered = tab.stand_in(
            "chatkit.clickWidgetButton(args[0], 'Deny')", approval_widget(asked["events"])
        )
    assert answered["status"] == 200
    replaced = [event for event in answered["events"] if event["type"] == "thread.item.replaced"]
    assert replaced[0]["item"]["widget"]["children"][-1]["label"] == "Denied"
    assert notes.calls() == []
