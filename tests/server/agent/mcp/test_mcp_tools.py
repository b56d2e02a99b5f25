"""MCP tools end to end: a real stdio MCP server started from the settings of a real app
server, called by the fake model through the real Agents SDK, its result in the model's next
request; and what goes wrong with servers (missing command, killed mid-call, hanging, huge)."""

import os
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from common.paths import data_dir
from server.agent.mcp import manager
from server.agent.mcp.result_limit import MAX_RESULT_CHARACTERS
from server.settings.settings_file import SettingsFile
from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.agent.mcp_notes import NotesServer, settled_tools
from tests.server.agent.test_chatkit_server import create
from tests.server.running_server import (
    RunningServer,
    assistant_texts,
    running_server,
    stream_errors,
)


def configure(chat: RunningServer, *entries: dict[str, Any], **settings: Any) -> dict[str, Any]:
    """Saves the servers (and other settings) and waits until none is starting; the listing."""
    SettingsFile(data_dir()).update({"mcp_servers": list(entries), **settings})
    return tools_when_settled(chat)


def tools_when_settled(chat: RunningServer) -> dict[str, Any]:
    return settled_tools(chat.url, chat.token)


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_the_model_calls_an_mcp_tool_and_reads_its_result(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer, api: str
) -> None:
    configure(chat, notes.entry(), api_flavor=api)
    fake_openai.call_tools(ToolCall("add_note", '{"text": "buy milk"}', call_id="call_note"))
    fake_openai.reply("Noted.")

    _, events = create(chat, "Remember to buy milk")

    assert not stream_errors(events)
    assert assistant_texts(events) == ["Noted."]
    assert notes.calls() == [{"tool": "add_note", "arguments": {"text": "buy milk"}}]
    offered, answered = fake_openai.requests.model_calls()
    assert {"add_note", "hang", "huge", "die"} <= set(offered.tool_names)
    assert "noted: buy milk" in answered.tool_output("call_note")
    progress = [event["text"] for event in events if event["type"] == "progress_update"]
    assert progress == ["notes: add_note buy milk…"]


def test_api_tools_lists_the_servers_and_their_tools(
    chat: RunningServer, notes: NotesServer
) -> None:
    with chat.client() as client:
        client.patch("/api/settings", json={"mcp_servers": [notes.entry()]}).raise_for_status()
    listing = tools_when_settled(chat)

    (server,) = listing["servers"]
    assert server["name"] == "notes"
    assert server["state"] == "ready"
    assert "error" not in server
    by_name = {tool["name"]: tool for tool in listing["tools"]}
    assert by_name["add_note"] == {
        "name": "add_note",
        "server": "notes",
        "description": "Saves a note and says so.",
    }
    assert by_name["search_conversations"]["server"] == "built-in"
    assert {tool["name"] for tool in server["tools"]} == {"add_note", "hang", "huge", "die"}


def test_api_tools_needs_the_token(chat: RunningServer) -> None:
    response = httpx.get(f"{chat.url}/api/tools")
    assert response.status_code == 401


def test_a_disabled_server_is_listed_but_not_started(
    chat: RunningServer, notes: NotesServer
) -> None:
    listing = configure(chat, {**notes.entry(), "enabled": False})
    assert listing["servers"] == [{"name": "notes", "state": "disabled", "tools": []}]
    assert not notes.pid_file.exists()


def test_two_servers_offering_one_name_get_their_server_as_prefix(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer, tmp_path: Path
) -> None:
    other = NotesServer(tmp_path / "other-calls.jsonl", tmp_path / "other.pid")
    configure(chat, notes.entry(), other.entry(name="other"))
    fake_openai.call_tools(ToolCall("other__add_note", '{"text": "x"}', call_id="call_x"))

    create(chat, "note x in the other one")

    offered = fake_openai.requests.model_calls()[0]
    assert {"notes__add_note", "other__add_note"} <= set(offered.tool_names)
    assert "add_note" not in offered.tool_names
    assert other.calls() == [{"tool": "add_note", "arguments": {"text": "x"}}]
    assert notes.calls() == []


def test_a_server_whose_command_does_not_exist_is_reported_and_the_chat_answers(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    listing = configure(
        chat, notes.entry(), {"name": "ghost", "command": ["/nonexistent/mcp-server"]}
    )
    ghost = next(server for server in listing["servers"] if server["name"] == "ghost")
    assert ghost["state"] == "error"
    assert ghost["error"] == "the command '/nonexistent/mcp-server' was not found"

    _, events = create(chat, "hello")

    assert not stream_errors(events)
    assert assistant_texts(events) == ["You said: hello"]
    assert "add_note" in fake_openai.requests.model_calls()[0].tool_names


def test_a_server_killed_mid_call_is_a_tool_error_and_starts_again_on_next_use(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    configure(chat, notes.entry())
    fake_openai.call_tools(ToolCall("die", "{}", call_id="call_die"))
    fake_openai.reply("It broke.")

    _, events = create(chat, "try the dying tool")

    assert not stream_errors(events)
    assert assistant_texts(events) == ["It broke."]
    told = fake_openai.requests.model_calls()[1].tool_output("call_die")
    assert "the MCP server notes stopped during the call" in told
    first_pid = notes.pid()
    assert not _alive(first_pid)

    fake_openai.requests.clear()
    fake_openai.call_tools(ToolCall("add_note", '{"text": "again"}', call_id="call_again"))
    _, events = create(chat, "and now a note")
    assert "noted: again" in fake_openai.requests.model_calls()[1].tool_output("call_again")
    assert notes.pid() != first_pid


def test_a_hanging_tool_runs_out_of_time(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    configure(chat, notes.entry(), tool_timeout_seconds=1)
    fake_openai.call_tools(ToolCall("hang", "{}", call_id="call_hang"))
    fake_openai.reply("It took too long.")

    _, events = create(chat, "wait for it")

    assert not stream_errors(events)
    assert assistant_texts(events) == ["It took too long."]
    told = fake_openai.requests.model_calls()[1].tool_output("call_hang")
    assert "timed out after 1 seconds" in told
    record = next(
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "workflow"
    )
    (task,) = record["workflow"]["tasks"]
    assert "failed: the MCP server notes did not answer in time" in task["title"]


def test_a_new_tool_time_limit_applies_without_restarting_the_servers(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    configure(chat, notes.entry())
    first_pid = notes.pid()
    configure(chat, notes.entry(), tool_timeout_seconds=1)
    fake_openai.call_tools(ToolCall("hang", "{}", call_id="call_hang"))
    fake_openai.reply("It took too long.")

    create(chat, "wait for it")

    assert "timed out after 1 seconds" in fake_openai.requests.model_calls()[1].tool_output(
        "call_hang"
    )
    assert notes.pid() == first_pid


def test_a_server_that_keeps_failing_is_tried_again_only_after_a_while(
    chat: RunningServer,
    fake_openai: FakeOpenAIServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    starts = tmp_path / "starts"
    # Exits at once, never answering: every start fails; each leaves a line.
    command = [sys.executable, "-c", "import sys; open(sys.argv[1], 'a').write('x\\n')"]
    listing = configure(chat, {"name": "broken", "command": [*command, str(starts)]})
    assert listing["servers"][0]["state"] == "error"

    create(chat, "first")  # the first failure is tried again at once
    create(chat, "second")
    assert len(starts.read_text(encoding="utf-8").splitlines()) == 2

    monkeypatch.setattr(manager, "RETRY_FAILED_START_SECONDS", 0.0)
    _, events = create(chat, "third")
    assert assistant_texts(events) == ["You said: third"]
    assert len(starts.read_text(encoding="utf-8").splitlines()) == 3


def test_an_unknown_tool_is_told_with_the_mcp_tools_there_are(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    configure(chat, notes.entry())
    fake_openai.call_tools(ToolCall("delete_everything", "{}", call_id="call_x"))
    fake_openai.reply("I cannot do that.")

    create(chat, "Delete everything")

    told = fake_openai.requests.model_calls()[1].tool_output("call_x")
    assert "no tool named delete_everything" in told
    assert "add_note" in told


def test_a_ten_megabyte_result_is_cut_with_a_note(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    configure(chat, notes.entry())
    fake_openai.call_tools(ToolCall("huge", "{}", call_id="call_huge"))

    _, events = create(chat, "give me everything")

    assert not stream_errors(events)
    told = fake_openai.requests.model_calls()[1].tool_output("call_huge")
    assert told.count("x") >= MAX_RESULT_CHARACTERS
    assert len(told) < MAX_RESULT_CHARACTERS + 1000
    assert "10,485,760 characters long" in told


def test_no_mcp_process_outlives_the_app_server(
    fake_openai_env: FakeOpenAIServer, notes: NotesServer, tmp_path: Path
) -> None:
    SettingsFile(data_dir()).update({"mcp_servers": [notes.entry()]})
    with running_server(tmp_path / "data") as chat:
        listing = tools_when_settled(chat)
        assert listing["servers"][0]["state"] == "ready"
        pid = notes.pid()
        assert _alive(pid)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie nobody reaped yet."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status and os.path.exists(f"/proc/{pid}")
