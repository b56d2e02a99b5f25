"""The real Agents SDK, on both of its OpenAI models, against the fake."""

from collections.abc import Callable

import openai
import pytest
from agents import (
    Agent,
    Model,
    OpenAIChatCompletionsModel,
    OpenAIResponsesModel,
    Runner,
    TResponseInputItem,
    set_tracing_disabled,
)
from openai import AsyncOpenAI
from openai.types.responses import ResponseTextDeltaEvent

from testing.fake_openai.openai_server import FakeOpenAIServer

ModelFactory = Callable[[AsyncOpenAI], Model]
MODELS: dict[str, ModelFactory] = {
    "responses": lambda client: OpenAIResponsesModel("gpt-4.1-mini", openai_client=client),
    "chat_completions": lambda client: OpenAIChatCompletionsModel(
        "gpt-4.1-mini", openai_client=client
    ),
}


@pytest.fixture(autouse=True)
def no_tracing() -> None:
    """The SDK would otherwise try to upload traces to OpenAI."""
    set_tracing_disabled(True)


def agent_on(api: str, client: AsyncOpenAI) -> Agent:
    return Agent(name="Assistant", instructions="Answer briefly.", model=MODELS[api](client))


async def run_streamed(agent: Agent, turn_input: str | list[TResponseInputItem]) -> list[str]:
    """The text deltas of one run; the run's result is checked by the caller."""
    result = Runner.run_streamed(agent, turn_input)
    deltas = [
        event.data.delta
        async for event in result.stream_events()
        if event.type == "raw_response_event" and isinstance(event.data, ResponseTextDeltaEvent)
    ]
    assert result.final_output == "".join(deltas)
    return deltas


async def test_a_streamed_run_receives_deltas_and_a_final_output(
    api: str, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply("The agent streams this answer", deltas=6)

    deltas = await run_streamed(agent_on(api, client), "Hello agent")

    assert "".join(deltas) == "The agent streams this answer"
    assert len(deltas) == 6
    call = fake_openai.last_model_call()
    assert call.api == api
    assert call.streamed
    assert call.instructions == "Answer briefly."
    assert call.last_user_text == "Hello agent"


async def test_later_turns_carry_the_earlier_ones(
    api: str, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    agent = agent_on(api, client)
    history: list[TResponseInputItem] = []
    for text in ("turn one", "turn two", "turn three"):
        history.append({"role": "user", "content": text})
        result = Runner.run_streamed(agent, history)
        async for _ in result.stream_events():
            pass
        history = result.to_input_list()

    third = fake_openai.requests.model_calls()[2]
    assert third.texts("user") == ["turn one", "turn two", "turn three"]
    assert third.texts("assistant") == ["You said: turn one", "You said: turn two"]


async def test_a_run_without_streaming_gets_the_reply(
    api: str, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply("Not streamed")

    result = await Runner.run(agent_on(api, client), "Hello")

    assert result.final_output == "Not streamed"
    assert not fake_openai.last_model_call().streamed


async def test_failures_reach_the_run_as_the_clients_exceptions(
    api: str, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.fail(429)
    fake_openai.cut("cut short here", after=1)
    agent = agent_on(api, client)

    with pytest.raises(openai.RateLimitError):
        await run_streamed(agent, "Hello")
    with pytest.raises(openai.APIConnectionError):
        await run_streamed(agent, "Hello")
