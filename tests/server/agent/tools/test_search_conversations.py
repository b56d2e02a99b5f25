"""``search_conversations`` end to end: the fake model calls the tool through the real server,
the real Agents SDK and the ChatKit protocol, and the tool searches a real store seeded through
the same server."""

from typing import Any

import pytest

from common.paths import data_dir
from server.settings.settings_file import SettingsFile
from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.agent.test_chatkit_server import add, create, items
from tests.server.running_server import RunningServer, assistant_texts, stream_errors


def seed(chat: RunningServer) -> dict[str, str]:
    """Three saved conversations, by title; the fake answers each with "You said: …"."""
    threads = {}
    for text in (
        "We decided the Lisbon trip budget is 1200 euros",
        "Recipe for a lemon cake",
        "Budget review: cut the cloud budget by a third",
    ):
        thread_id, _ = create(chat, text)
        threads[text] = thread_id
    return threads


def widget_items(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "widget"
    ]


def widget_rows(widget_item: dict[str, Any]) -> list[dict[str, Any]]:
    return widget_item["widget"]["children"]


def row_texts(row: dict[str, Any]) -> list[str]:
    return [child["value"] for child in row["children"][0]["children"]]


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_the_model_searches_saved_conversations_and_answers_from_the_hits(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str
) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})
    seeded = seed(chat)
    fake_openai.requests.clear()
    fake_openai.call_tools(
        ToolCall("search_conversations", '{"query": "budget"}', call_id="call_search")
    )
    fake_openai.reply("You set the Lisbon budget at 1200 euros.")

    thread_id, events = create(chat, "What did I decide about the budget?")

    assert not stream_errors(events)
    assert assistant_texts(events) == ["You set the Lisbon budget at 1200 euros."]
    offered, answered = fake_openai.requests.model_calls()
    assert "search_conversations" in offered.tool_names
    assert "search_conversations" in offered.instructions
    found = answered.tool_output("call_search")
    lisbon = seeded["We decided the Lisbon trip budget is 1200 euros"]
    review = seeded["Budget review: cut the cloud budget by a third"]
    assert f"thread id {lisbon}" in found
    assert f"thread id {review}" in found
    assert "We decided the Lisbon trip budget is 1200 euros" in found
    assert seeded["Recipe for a lemon cake"] not in found
    # The conversation asking is left out, though its question says "budget".
    assert thread_id not in found

    progress = [event["text"] for event in events if event["type"] == "progress_update"]
    assert progress == ["Searching your conversations for “budget”…"]
    (widget,) = widget_items(events)
    rows = widget_rows(widget)
    opened = {row["onClickAction"]["payload"]["thread_id"] for row in rows}
    assert opened == {lisbon, review}
    assert all(row["onClickAction"]["type"] == "thread.open" for row in rows)
    assert any(
        row_texts(row)[0] == "We decided the Lisbon trip budget is 1200 euros" for row in rows
    )

    saved = items(chat, thread_id)
    assert [item["type"] for item in saved] == [
        "user_message",
        "workflow",
        "widget",
        "assistant_message",
    ]
    record = saved[1]["workflow"]
    (task,) = record["tasks"]
    assert task["title"] == "Searched your conversations for “budget”"
    assert task["content"] == "query: budget"
    assert task["status_indicator"] == "complete"
    assert record["summary"]["title"] == "Searched your conversations for “budget”"
    assert [row_texts(row) for row in widget_rows(saved[2])] == [row_texts(row) for row in rows]
    assert [row["onClickAction"]["payload"] for row in widget_rows(saved[2])] == [
        row["onClickAction"]["payload"] for row in rows
    ]


def test_the_limit_caps_the_hits(chat: RunningServer, fake_openai: FakeOpenAIServer) -> None:
    seed(chat)
    fake_openai.requests.clear()
    fake_openai.call_tools(
        ToolCall("search_conversations", '{"query": "budget", "limit": 1}', call_id="call_one")
    )

    _, events = create(chat, "Anything on budgets?")

    found = fake_openai.requests.model_calls()[1].tool_output("call_one")
    assert found.startswith("1 passages")
    assert len(widget_rows(widget_items(events)[0])) == 1


def test_nothing_found_is_said_to_the_model_and_shown(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    seed(chat)
    fake_openai.requests.clear()
    fake_openai.call_tools(
        ToolCall("search_conversations", '{"query": "giraffe"}', call_id="call_none")
    )

    _, events = create(chat, "Did we talk about giraffes?")

    found = fake_openai.requests.model_calls()[1].tool_output("call_none")
    assert found == "No saved conversation matches “giraffe”."
    (row,) = widget_rows(widget_items(events)[0])
    assert "onClickAction" not in row


def test_with_the_setting_off_the_tool_is_not_offered(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    SettingsFile(data_dir()).update({"search_conversations_tool": False})

    create(chat, "What did I say about the budget?")

    call = fake_openai.last_model_call()
    assert "search_conversations" not in call.tool_names
    assert "search_conversations" not in call.instructions


def test_a_later_turn_sees_what_was_searched(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    seed(chat)
    fake_openai.call_tools(ToolCall("search_conversations", '{"query": "lemon"}'))
    fake_openai.reply("Your lemon cake recipe is in another conversation.")
    thread_id, _ = create(chat, "Where is my cake recipe?")

    add(chat, thread_id, "Thanks")

    later = fake_openai.last_model_call().all_text
    assert "Searched your conversations for “lemon”" in later
    assert "Your search_conversations call showed the user:\n2 passages" in later
    assert "Recipe for a lemon cake" in later
    assert "ListViewItem" not in later
