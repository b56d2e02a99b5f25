"""Faults in the model's tool calls, through the real server and protocol: each ends as a tool
error the model reads (and then answers) and a line the user sees; never an error response,
never a lost message."""

import pytest

from common.paths import data_dir
from server.settings.settings_file import SettingsFile
from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.agent.test_chatkit_server import create, items
from tests.server.running_server import RunningServer, assistant_texts, stream_errors


def task_titles(saved: list[dict]) -> list[str]:
    return [
        task["title"]
        for item in saved
        if item["type"] == "workflow"
        for task in item["workflow"]["tasks"]
    ]


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_an_unknown_tool_is_an_error_the_model_answers(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str
) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})
    fake_openai.call_tools(ToolCall("delete_everything", '{"now": true}', call_id="call_x"))
    fake_openai.reply("I cannot do that.")

    thread_id, events = create(chat, "Delete everything")

    assert not stream_errors(events)
    assert assistant_texts(events) == ["I cannot do that."]
    told = fake_openai.last_model_call().tool_output("call_x")
    assert "no tool named delete_everything" in told
    assert "search_conversations" in told
    line = "The model asked for a tool that is not available: delete_everything"
    assert line in [event.get("text") for event in events]
    saved = items(chat, thread_id)
    assert [item["type"] for item in saved] == ["user_message", "workflow", "assistant_message"]
    assert task_titles(saved) == [line]


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_arguments_that_are_not_json_are_an_error_the_model_answers(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str
) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})
    fake_openai.call_tools(ToolCall("search_conversations", '{"query": "bud', call_id="call_j"))
    fake_openai.reply("The search did not work.")

    thread_id, events = create(chat, "What about the budget?")

    assert not stream_errors(events)
    assert assistant_texts(events) == ["The search did not work."]
    told = fake_openai.last_model_call().tool_output("call_j")
    assert "search_conversations failed: its arguments were not valid JSON" in told
    saved = items(chat, thread_id)
    assert [item["type"] for item in saved] == ["user_message", "workflow", "assistant_message"]
    (title,) = task_titles(saved)
    assert title == "Searched your conversations — failed: its arguments were not valid JSON"
    workflow = saved[1]["workflow"]
    assert workflow["summary"]["title"] == title
    assert workflow["tasks"][0]["content"] == '{"query": "bud'


def test_arguments_of_the_wrong_type_are_an_error_the_model_answers(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.call_tools(
        ToolCall("search_conversations", '{"query": "budget", "limit": "many"}', call_id="c")
    )
    fake_openai.reply("Let me answer without it.")

    thread_id, events = create(chat, "What about the budget?")

    assert assistant_texts(events) == ["Let me answer without it."]
    assert "search_conversations failed" in fake_openai.last_model_call().tool_output("c")
    (title,) = task_titles(items(chat, thread_id))
    assert "failed" in title


def test_a_model_that_calls_tools_again_and_again_still_ends_with_a_message(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.call_tools(ToolCall("search_conversations", '{"query": "a"}'))
    fake_openai.call_tools(
        ToolCall("search_conversations", '{"query": "b"}'), ToolCall("nonexistent", "{}")
    )
    fake_openai.reply("Done searching.")

    thread_id, events = create(chat, "Search twice")

    assert assistant_texts(events) == ["Done searching."]
    saved = items(chat, thread_id)
    kinds = [item["type"] for item in saved]
    assert kinds[0] == "user_message"
    assert kinds[-1] == "assistant_message"
    assert kinds.count("widget") == 2
    assert sorted(task_titles(saved)) == [
        "Searched your conversations for “a”",
        "Searched your conversations for “b”",
        "The model asked for a tool that is not available: nonexistent",
    ]
