"""The composer's model choice (``inference_options.model``) end to end: real HTTP into the real
server, the real Agents SDK out to the fake OpenAI API, which lists its models at /v1/models."""

from typing import Any

import pytest

from common.paths import data_dir
from server.settings.settings_file import SettingsFile
from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.running_server import RunningServer, assistant_texts, stream_errors, user_input


def create(chat: RunningServer, text: str, model: str | None) -> list[dict[str, Any]]:
    message = user_input(text)
    if model is not None:
        message["inference_options"] = {"model": model}
    return chat.stream({"type": "threads.create", "params": {"input": message}})


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_the_picked_model_answers_the_message(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str
) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})
    events = create(chat, "which model are you?", "gpt-4.1")
    assert assistant_texts(events) == ["You said: which model are you?"]
    assert fake_openai.last_model_call().body["model"] == "gpt-4.1"


def test_no_pick_means_the_settings_model(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    SettingsFile(data_dir()).update({"model": "gpt-4o-mini"})
    create(chat, "hello", None)
    assert fake_openai.last_model_call().body["model"] == "gpt-4o-mini"


def test_a_model_the_picker_does_not_offer_is_refused_before_the_endpoint_is_called(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    events = create(chat, "use a model of my own", "gpt-9-imaginary")
    errors = stream_errors(events)
    assert len(errors) == 1
    assert "gpt-9-imaginary" in errors[0]["message"]
    assert "not one this app offers" in errors[0]["message"]
    assert errors[0]["allow_retry"] is False
    assert fake_openai.requests.model_calls() == []
    assert assistant_texts(events) == []


def test_the_models_setting_replaces_the_endpoints_listing(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    SettingsFile(data_dir()).update({"models": ["local-llama"]})
    create(chat, "hi", "local-llama")
    assert fake_openai.last_model_call().body["model"] == "local-llama"

    # Listed by the endpoint, but the user's list is what the picker offers now.
    events = create(chat, "hi again", "gpt-4.1")
    assert "not one this app offers" in stream_errors(events)[0]["message"]
    assert len(fake_openai.requests.model_calls()) == 1
    assert not [r for r in fake_openai.requests.all() if r.path == "/v1/models"]


def test_the_answer_after_a_client_tool_keeps_the_picked_model(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.call_tools(ToolCall("copy_to_clipboard", '{"text": "hi"}', call_id="call_copy"))
    fake_openai.reply("Copied.")
    events = create(chat, "copy hi", "gpt-4o-mini")
    thread_id = events[0]["thread"]["id"]
    continued = chat.stream(
        {
            "type": "threads.add_client_tool_output",
            "params": {"thread_id": thread_id, "result": {"copied": True}},
        }
    )
    assert assistant_texts(continued) == ["Copied."]
    assert [call.body["model"] for call in fake_openai.requests.model_calls()] == [
        "gpt-4o-mini",
        "gpt-4o-mini",
    ]
