"""Approval of MCP tool calls end to end: a server with ``confirm`` makes the run stop with a
widget asking Allow / Deny; the answer, sent as a ChatKit custom action, resumes the saved run,
even from a new app server on the same data; nothing runs without it."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from common.paths import data_dir
from server.agent.approvals.tool_approvals import NOT_WAITING_MESSAGE, REFUSAL_FOR_MODEL
from server.settings.settings_file import SettingsFile
from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.agent.mcp_notes import NotesServer, settled_tools
from tests.server.agent.test_chatkit_server import add, create, items
from tests.server.running_server import (
    RunningServer,
    assistant_texts,
    running_server,
    stream_errors,
)


def decide(chat: RunningServer, thread_id: str, widget: dict[str, Any], button: str) -> list:
    """Presses the widget's button as ChatKit does: its action, through threads.custom_action."""
    (row,) = [child for child in widget["widget"]["children"] if child["type"] == "Row"]
    (pressed,) = [child for child in row["children"] if child["label"] == button]
    return chat.stream(
        {
            "type": "threads.custom_action",
            "params": {
                "thread_id": thread_id,
                "item_id": widget["id"],
                "action": pressed["onClickAction"],
            },
        }
    )


def widgets(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "widget"
    ]


def texts_of(widget: dict[str, Any]) -> list[str]:
    return [child.get("value") or child.get("label") for child in widget["widget"]["children"]]


def ask_for_a_note(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> tuple[str, dict[str, Any]]:
    SettingsFile(data_dir()).update({"mcp_servers": [notes.entry(confirm=True)]})
    settled_tools(chat.url, chat.token)
    fake_openai.call_tools(ToolCall("add_note", '{"text": "call mum"}', call_id="call_note"))
    thread_id, events = create(chat, "Note: call mum")
    assert not stream_errors(events)
    (widget,) = widgets(events)
    return thread_id, widget


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_allow_runs_the_call_and_the_answer_goes_on(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer, api: str
) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})
    thread_id, widget = ask_for_a_note(chat, fake_openai, notes)
    assert texts_of(widget)[:3] == [
        "Run add_note?",
        "The agent wants to use add_note from the MCP server “notes”.",
        '{\n  "text": "call mum"\n}',
    ]
    assert notes.calls() == []
    assert len(fake_openai.requests.model_calls()) == 1
    fake_openai.reply("Noted: call mum.")

    events = decide(chat, thread_id, widget, "Allow")

    assert not stream_errors(events)
    assert notes.calls() == [{"tool": "add_note", "arguments": {"text": "call mum"}}]
    assert assistant_texts(events) == ["Noted: call mum."]
    resumed = fake_openai.requests.model_calls()[1]
    assert "noted: call mum" in resumed.tool_output("call_note")
    (replaced,) = [event["item"] for event in events if event["type"] == "thread.item.replaced"]
    assert replaced["id"] == widget["id"]
    assert texts_of(replaced)[-1] == "Allowed"
    saved = [item for item in items(chat, thread_id) if item["type"] == "widget"]
    assert texts_of(saved[0])[-1] == "Allowed"


def test_deny_tells_the_model_and_never_runs_the_call(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    thread_id, widget = ask_for_a_note(chat, fake_openai, notes)
    fake_openai.reply("All right, I did not save it.")

    events = decide(chat, thread_id, widget, "Deny")

    assert not stream_errors(events)
    assert notes.calls() == []
    assert assistant_texts(events) == ["All right, I did not save it."]
    assert fake_openai.requests.model_calls()[1].tool_output("call_note") == REFUSAL_FOR_MODEL
    assert texts_of(widget_of(chat, thread_id))[-1] == "Denied"


def test_a_question_is_answered_once(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    thread_id, widget = ask_for_a_note(chat, fake_openai, notes)

    # Two clicks at once, as a double click sends them.
    with ThreadPoolExecutor(max_workers=2) as clicks:
        both = list(clicks.map(lambda _: decide(chat, thread_id, widget, "Allow"), range(2)))

    (error,) = [error for events in both for error in stream_errors(events)]
    assert error["message"] == NOT_WAITING_MESSAGE
    assert len(notes.calls()) == 1


def test_an_unknown_call_is_refused(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    thread_id, _widget = ask_for_a_note(chat, fake_openai, notes)
    events = chat.stream(
        {
            "type": "threads.custom_action",
            "params": {
                "thread_id": thread_id,
                "action": {"type": "tool.approve", "payload": {"call_id": "call_other"}},
            },
        }
    )
    (error,) = stream_errors(events)
    assert error["message"] == NOT_WAITING_MESSAGE
    assert notes.calls() == []


def test_a_question_survives_a_restart_of_the_app_server(
    fake_openai_env: FakeOpenAIServer, notes: NotesServer, tmp_path: Path
) -> None:
    SettingsFile(data_dir()).update({"max_retries": 0})
    with running_server(tmp_path / "data") as chat:
        thread_id, widget = ask_for_a_note(chat, fake_openai_env, notes)
    assert notes.calls() == []

    fake_openai_env.reply("Saved after all.")
    with running_server(tmp_path / "data") as chat:
        events = decide(chat, thread_id, widget, "Allow")

    assert not stream_errors(events)
    assert assistant_texts(events) == ["Saved after all."]
    assert notes.calls() == [{"tool": "add_note", "arguments": {"text": "call mum"}}]


def widget_of(chat: RunningServer, thread_id: str) -> dict[str, Any]:
    (widget,) = [item for item in items(chat, thread_id) if item["type"] == "widget"]
    return widget


def test_writing_again_instead_of_answering_closes_the_question(
    chat: RunningServer, fake_openai: FakeOpenAIServer, notes: NotesServer
) -> None:
    thread_id, widget = ask_for_a_note(chat, fake_openai, notes)

    events = add(chat, thread_id, "Never mind")

    (closed,) = [event["item"] for event in events if event["type"] == "thread.item.replaced"]
    assert closed["id"] == widget["id"]
    assert texts_of(closed)[-1] == "Not run: the conversation went on"
    assert assistant_texts(events) == ["You said: Never mind"]
    late = decide(chat, thread_id, widget, "Allow")
    (error,) = stream_errors(late)
    assert error["message"] == NOT_WAITING_MESSAGE
    assert notes.calls() == []
