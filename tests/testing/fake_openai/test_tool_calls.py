"""The fake asks for function calls on both APIs, streamed and not, as the real ``openai``
client and the real Agents SDK expect them, and records the tools offered and the results
sent back."""

import json
from typing import Any

import pytest
from agents import (
    Agent,
    OpenAIChatCompletionsModel,
    OpenAIResponsesModel,
    Runner,
    function_tool,
    set_tracing_disabled,
)
from openai import AsyncOpenAI
from openai.types.responses import ResponseFunctionToolCall

from testing.fake_openai.behaviours import ToolCall, ToolCallReply
from testing.fake_openai.openai_server import FakeOpenAIServer

WEATHER_TOOL_RESPONSES: dict[str, Any] = {
    "type": "function",
    "name": "get_weather",
    "description": "The weather in a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}
WEATHER_TOOL_CHAT: dict[str, Any] = {
    "type": "function",
    "function": {key: value for key, value in WEATHER_TOOL_RESPONSES.items() if key != "type"},
}


@pytest.fixture(autouse=True)
def no_tracing() -> None:
    """The SDK would otherwise try to upload traces to OpenAI."""
    set_tracing_disabled(True)


async def test_a_streamed_responses_call_yields_function_call_items(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.call_tools(
        ToolCall("get_weather", '{"city": "Paris"}', call_id="call_paris"),
        ToolCall("get_weather", '{"city": "Oslo"}', call_id="call_oslo"),
    )

    async with client.responses.stream(
        model="gpt-4.1-mini", input="Weather?", tools=[WEATHER_TOOL_RESPONSES]
    ) as stream:
        events = [event async for event in stream]
        response = await stream.get_final_response()

    kinds = [event.type for event in events]
    assert kinds[:3] == ["response.created", "response.in_progress", "response.output_item.added"]
    assert kinds.count("response.function_call_arguments.delta") >= 2
    assert kinds.count("response.function_call_arguments.done") == 2
    assert kinds[-1] == "response.completed"
    deltas = "".join(
        event.delta
        for event in events
        if event.type == "response.function_call_arguments.delta" and event.output_index == 0
    )
    assert deltas == '{"city": "Paris"}'
    calls = [item for item in response.output if isinstance(item, ResponseFunctionToolCall)]
    assert [(call.call_id, call.name, json.loads(call.arguments)) for call in calls] == [
        ("call_paris", "get_weather", {"city": "Paris"}),
        ("call_oslo", "get_weather", {"city": "Oslo"}),
    ]
    added = [event.item.id for event in events if event.type == "response.output_item.added"]
    assert added == [call.id for call in calls]


async def test_a_responses_call_without_streaming_returns_the_calls(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.call_tools(ToolCall("get_weather", '{"city": "Rome"}', call_id="call_rome"))

    response = await client.responses.create(
        model="gpt-4.1-mini", input="Weather?", tools=[WEATHER_TOOL_RESPONSES]
    )

    (call,) = response.output
    assert isinstance(call, ResponseFunctionToolCall)
    assert (call.call_id, call.name, call.arguments) == (
        "call_rome",
        "get_weather",
        '{"city": "Rome"}',
    )
    assert response.status == "completed"


async def test_a_streamed_chat_completion_yields_tool_call_deltas(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.call_tools(
        ToolCall("get_weather", '{"city": "Paris"}', call_id="call_paris"),
        ToolCall("get_weather", '{"city": "Oslo"}', call_id="call_oslo"),
    )

    async with client.chat.completions.stream(
        model="gpt-4.1-mini",
        messages=[{"role": "user", "content": "Weather?"}],
        tools=[WEATHER_TOOL_CHAT],
        stream_options={"include_usage": True},
    ) as stream:
        chunks = [event.chunk async for event in stream if event.type == "chunk"]
        completion = await stream.get_final_completion()

    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    calls = choice.message.tool_calls or []
    assert [(call.id, call.function.name, call.function.arguments) for call in calls] == [
        ("call_paris", "get_weather", '{"city": "Paris"}'),
        ("call_oslo", "get_weather", '{"city": "Oslo"}'),
    ]
    argument_chunks = [
        chunk
        for chunk in chunks
        if chunk.choices and (chunk.choices[0].delta.tool_calls or [None])[0] is not None
    ]
    assert len(argument_chunks) >= 4
    assert completion.usage is not None


async def test_a_chat_completion_without_streaming_returns_the_calls(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.call_tools(ToolCall("get_weather", '{"city": "Rome"}', call_id="call_rome"))

    completion = await client.chat.completions.create(
        model="gpt-4.1-mini",
        messages=[{"role": "user", "content": "Weather?"}],
        tools=[WEATHER_TOOL_CHAT],
    )

    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    (call,) = choice.message.tool_calls or []
    assert call.id == "call_rome"
    assert call.function.name == "get_weather"
    assert call.function.arguments == '{"city": "Rome"}'


async def test_invalid_json_arguments_are_sent_as_written(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.call_tools(ToolCall("get_weather", "{not json", call_id="call_bad"))

    response = await client.responses.create(model="gpt-4.1-mini", input="Weather?")

    (call,) = response.output
    assert isinstance(call, ResponseFunctionToolCall)
    assert call.arguments == "{not json"


async def test_the_recording_holds_the_tools_offered_and_the_results_sent_back(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    await client.responses.create(
        model="gpt-4.1-mini",
        tools=[WEATHER_TOOL_RESPONSES],
        input=[
            {"role": "user", "content": "Weather?"},
            {
                "type": "function_call",
                "call_id": "call_1",
                "name": "get_weather",
                "arguments": '{"city": "Paris"}',
            },
            {"type": "function_call_output", "call_id": "call_1", "output": "Sunny, 21 °C"},
        ],
    )
    await client.chat.completions.create(
        model="gpt-4.1-mini",
        tools=[WEATHER_TOOL_CHAT],
        messages=[
            {"role": "user", "content": "Weather?"},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_2",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "call_2", "content": "Snow, -3 °C"},
        ],
    )

    responses_call, chat_call = fake_openai.requests.model_calls()
    assert responses_call.tool_names == chat_call.tool_names == ["get_weather"]
    assert responses_call.tool("get_weather")["parameters"]["required"] == ["city"]
    assert chat_call.tool("get_weather")["parameters"]["required"] == ["city"]
    assert responses_call.tool_output("call_1") == "Sunny, 21 °C"
    assert chat_call.tool_output("call_2") == "Snow, -3 °C"
    assert fake_openai.requests.model_calls()[0].tool_names == ["get_weather"]


async def test_a_request_without_tools_records_none(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    await client.responses.create(model="gpt-4.1-mini", input="Hi")

    call = fake_openai.last_model_call()
    assert call.tool_names == []
    assert call.tool_outputs == []
    with pytest.raises(AssertionError, match="no tool"):
        call.tool("get_weather")


def test_a_tool_call_reply_needs_a_call() -> None:
    with pytest.raises(ValueError, match="at least one call"):
        ToolCallReply(())


@pytest.mark.parametrize("streamed", [True, False], ids=["streamed", "not-streamed"])
async def test_an_agents_sdk_run_calls_a_function_tool_and_answers_with_its_result(
    api: str, streamed: bool, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    cities: list[str] = []

    @function_tool
    def get_weather(city: str) -> str:
        """The weather in a city."""
        cities.append(city)
        return f"Sunny in {city}"

    model = (
        OpenAIResponsesModel("gpt-4.1-mini", openai_client=client)
        if api == "responses"
        else OpenAIChatCompletionsModel("gpt-4.1-mini", openai_client=client)
    )
    agent = Agent(name="Assistant", instructions="Answer.", model=model, tools=[get_weather])
    fake_openai.call_tools(ToolCall("get_weather", '{"city": "Paris"}', call_id="call_paris"))
    fake_openai.reply("It is sunny in Paris.")

    if streamed:
        result = Runner.run_streamed(agent, "Weather in Paris?")
        async for _ in result.stream_events():
            pass
    else:
        result = await Runner.run(agent, "Weather in Paris?")

    assert result.final_output == "It is sunny in Paris."
    assert cities == ["Paris"]
    offered, answered = fake_openai.requests.model_calls()
    assert offered.tool_names == ["get_weather"]
    assert answered.tool_output("call_paris") == "Sunny in Paris"
    assert answered.streamed is streamed
