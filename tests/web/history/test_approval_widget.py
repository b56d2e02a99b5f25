"""A tool call waiting for approval in the built-in view: the card with the tool, its server and
its arguments, Allow and Deny that really resume the run on the server (the test MCP server
records what ran), and a question still there, and still working, after a reload."""

from pathlib import Path

from playwright.sync_api import expect

from common.paths import data_dir
from server.settings.settings_file import SettingsFile
from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.agent.mcp_notes import NotesServer, settled_tools
from tests.web.conftest import PAGE_TIMEOUT_MS
from tests.web.history.conftest import HistoryHarness, ViewTab


def ask_for_a_note(history: HistoryHarness, fake: FakeOpenAIServer, tmp_path: Path) -> tuple:
    notes = NotesServer(tmp_path / "notes-calls.jsonl", tmp_path / "notes.pid")
    SettingsFile(data_dir()).update({"mcp_servers": [notes.entry(confirm=True)]})
    fake.call_tools(ToolCall("add_note", '{"text": "water the plants"}', call_id="call_plants"))
    tab = history.open()
    settled_tools(tab.app.url, tab.app.token)
    box = tab.page.get_by_role("textbox", name="Message")
    box.fill("Remind me to water the plants")
    box.press("Enter")
    card = tab.page.locator(".hv-approval")
    # The first answer waits for the agent side to load and the MCP server to start.
    expect(card.locator(".hv-approval-title")).to_have_text(
        "Run add_note?", timeout=PAGE_TIMEOUT_MS
    )
    return notes, tab, card


def test_allow_runs_the_tool_and_the_answer_follows(
    history: HistoryHarness, fake_openai: FakeOpenAIServer, tmp_path: Path
) -> None:
    notes, tab, card = ask_for_a_note(history, fake_openai, tmp_path)
    expect(card).to_contain_text("from the MCP server “notes”")
    expect(card.locator(".hv-approval-arguments")).to_have_text(
        '{\n  "text": "water the plants"\n}'
    )
    assert notes.calls() == []
    fake_openai.reply("I noted it.")

    card.get_by_role("button", name="Allow").click()

    expect(tab.page.locator(".hv-assistant .hv-markdown")).to_have_text("I noted it.")
    expect(card.locator(".hv-approval-decision")).to_have_text("Allowed")
    expect(card.get_by_role("button")).to_have_count(0)
    assert notes.calls() == [{"tool": "add_note", "arguments": {"text": "water the plants"}}]


def test_deny_does_not_run_the_tool(
    history: HistoryHarness, fake_openai: FakeOpenAIServer, tmp_path: Path
) -> None:
    notes, tab, card = ask_for_a_note(history, fake_openai, tmp_path)
    fake_openai.reply("Fine, I did not note it.")

    card.get_by_role("button", name="Deny").click()

    expect(tab.page.locator(".hv-assistant .hv-markdown")).to_have_text("Fine, I did not note it.")
    expect(card.locator(".hv-approval-decision")).to_have_text("Denied")
    assert notes.calls() == []


def test_the_question_survives_a_reload_and_still_works(
    history: HistoryHarness, fake_openai: FakeOpenAIServer, tmp_path: Path
) -> None:
    notes, tab, _card = ask_for_a_note(history, fake_openai, tmp_path)
    tab.reload()
    reopen(tab, "Remind me to water the plants")
    card = tab.page.locator(".hv-approval")
    fake_openai.reply("Done after the reload.")

    card.get_by_role("button", name="Allow").click()

    expect(tab.page.locator(".hv-assistant .hv-markdown")).to_have_text("Done after the reload.")
    assert notes.calls() == [{"tool": "add_note", "arguments": {"text": "water the plants"}}]


def reopen(tab: ViewTab, title: str) -> None:
    tab.page.locator(".hv-threads [data-thread-id]", has_text=title).wait_for()
    tab.open_thread(title)
    expect(tab.page.locator(".hv-approval .hv-approval-title")).to_have_text("Run add_note?")
