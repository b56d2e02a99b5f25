"""``copy_to_clipboard`` and ``open_url`` end to end on the server's side: the fake model asks
for them through the real Agents SDK, the stream ends with ChatKit's ``client_tool_call`` item,
and the client's ``threads.add_client_tool_output`` makes the answer go on with that output in
the model's input. An address that is not http or https never reaches the client."""

import json
from typing import Any

import pytest

from common.paths import data_dir
from server.settings.settings_file import SettingsFile
from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.agent.test_chatkit_server import create, items
from tests.server.running_server import RunningServer, assistant_texts, stream_errors


def client_tool_calls(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "client_tool_call"
    ]


def answer_tool(
    chat: RunningServer, thread_id: str, result: dict[str, Any]
) -> list[dict[str, Any]]:
    return chat.stream(
        {
            "type": "threads.add_client_tool_output",
            "params": {"thread_id": thread_id, "result": result},
        }
    )


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
@pytest.mark.parametrize(
    ("tool", "arguments", "result"),
    [
        ("copy_to_clipboard", {"text": "Dear team,\nthanks!"}, {"copied": True}),
        ("open_url", {"url": "https://example.com/docs?page=2"}, {"opened": True}),
    ],
)
def test_the_page_carries_out_the_call_and_the_answer_goes_on(
    chat: RunningServer,
    fake_openai: FakeOpenAIServer,
    api: str,
    tool: str,
    arguments: dict[str, str],
    result: dict[str, Any],
) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})
    fake_openai.call_tools(ToolCall(tool, json.dumps(arguments), call_id="call_client"))
    fake_openai.reply("Done: it is on its way.")

    thread_id, events = create(
        chat,
        "please do it",
    )
    assert not stream_errors(events)
    [call] = client_tool_calls(events)
    assert (call["name"], call["arguments"], call["status"]) == (tool, arguments, "pending")
    assert call["call_id"] == "call_client"
    assert assistant_texts(events) == []
    assert len(fake_openai.requests.model_calls()) == 1

    continued = answer_tool(chat, thread_id, result)
    assert not stream_errors(continued)
    assert assistant_texts(continued) == ["Done: it is on its way."]
    second = fake_openai.last_model_call()
    assert second.tool_output("call_client") == json.dumps(result)
    assert second.texts("user")[0] == "please do it"

    stored = [item for item in items(chat, thread_id) if item["type"] == "client_tool_call"]
    assert [(item["status"], item["output"]) for item in stored] == [("completed", result)]


def test_two_client_calls_in_one_thread_are_both_kept_on_chat_completions(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    # Chat Completions gives every output item the same made-up id; a client tool call stored
    # under it would replace the one before.
    SettingsFile(data_dir()).update({"api_flavor": "chat_completions"})
    fake_openai.call_tools(ToolCall("copy_to_clipboard", '{"text": "one"}', call_id="call_1"))
    fake_openai.reply("Copied one.")
    fake_openai.call_tools(ToolCall("copy_to_clipboard", '{"text": "two"}', call_id="call_2"))
    fake_openai.reply("Copied two.")

    thread_id, _ = create(chat, "copy one")
    answer_tool(chat, thread_id, {"copied": True})
    chat.stream(
        {
            "type": "threads.add_user_message",
            "params": {
                "thread_id": thread_id,
                "input": {
                    "content": [{"type": "input_text", "text": "copy two"}],
                    "attachments": [],
                    "inference_options": {},
                },
            },
        }
    )
    answer_tool(chat, thread_id, {"copied": True})

    stored = [item for item in items(chat, thread_id) if item["type"] == "client_tool_call"]
    assert [item["arguments"]["text"] for item in stored] == ["one", "two"]
    assert len({item["id"] for item in stored}) == 2
    assert fake_openai.last_model_call().tool_output("call_1") is not None


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(document.cookie)"])
def test_open_url_refuses_what_is_not_a_web_address(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str, url: str
) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})
    fake_openai.call_tools(ToolCall("open_url", json.dumps({"url": url}), call_id="call_bad"))
    fake_openai.reply("I cannot open that kind of address.")

    _thread_id, events = create(chat, "open my password file")

    assert client_tool_calls(events) == []
    assert assistant_texts(events) == ["I cannot open that kind of address."]
    refusal = fake_openai.last_model_call().tool_output("call_bad")
    assert refusal is not None
    assert "only http and https addresses are opened" in refusal
