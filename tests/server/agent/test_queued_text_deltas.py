"""Joining queued text deltas, on the real Agents SDK's runs against the fake OpenAI API."""

import asyncio
from collections.abc import AsyncIterator

import openai
import pytest
from agents import (
    Agent,
    OpenAIChatCompletionsModel,
    RunConfig,
    Runner,
    RunResultStreaming,
    StreamEvent,
)
from openai import AsyncOpenAI
from openai.types.responses import ResponseTextDeltaEvent

from server.agent.queued_text_deltas import joining_queued_text_deltas
from testing.fake_openai.openai_server import FakeOpenAIServer

ANSWER_WORDS = 400
ANSWER = " ".join(f"w{number}" for number in range(ANSWER_WORDS))
# What ChatKit takes to relay one event, and more: deltas queue up behind it.
SLOW_RELAY_SECONDS = 0.005


@pytest.fixture
async def client(fake_openai: FakeOpenAIServer) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(
        base_url=fake_openai.base_url, api_key="sk-test", max_retries=0
    ) as client:
        yield client


def run(client: AsyncOpenAI) -> RunResultStreaming:
    model = OpenAIChatCompletionsModel("gpt-4.1-mini", openai_client=client)
    return Runner.run_streamed(
        Agent(name="Assistant", model=model), "go", run_config=RunConfig(tracing_disabled=True)
    )


def text_of(event: StreamEvent) -> str | None:
    if event.type == "raw_response_event" and isinstance(event.data, ResponseTextDeltaEvent):
        return event.data.delta
    return None


async def relay(events: AsyncIterator[StreamEvent], into: list[str], pause: float = 0.0) -> None:
    """Collects the text deltas into ``into`` as they come, ``pause`` after each event."""
    async for event in events:
        if (text := text_of(event)) is not None:
            into.append(text)
        await asyncio.sleep(pause)


async def relayed_deltas(events: AsyncIterator[StreamEvent], pause: float = 0.0) -> list[str]:
    deltas: list[str] = []
    await relay(events, deltas, pause)
    return deltas


async def test_deltas_queued_behind_a_slow_relay_go_on_joined(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply(ANSWER, deltas=ANSWER_WORDS)
    result = run(client)
    deltas = await relayed_deltas(
        joining_queued_text_deltas(result).stream_events(), SLOW_RELAY_SECONDS
    )
    assert "".join(deltas) == ANSWER
    assert len(deltas) < ANSWER_WORDS / 4
    assert result.final_output == ANSWER


async def test_a_delta_with_nothing_behind_it_goes_on_alone(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    # The first run in a process pays for first-time imports, while later deltas arrive.
    fake_openai.reply("warm up")
    await relayed_deltas(run(client).stream_events())
    fake_openai.reply("one two three four five", delta_delay=0.02)
    deltas = await relayed_deltas(joining_queued_text_deltas(run(client)).stream_events())
    assert deltas == ["one ", "two ", "three ", "four ", "five"]


async def test_every_word_the_sdk_hands_over_before_a_failure_is_relayed(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_openai.cut(ANSWER, after=ANSWER_WORDS // 4, deltas=ANSWER_WORDS, delta_delay=0.001)
    result = run(client)
    handed_over: list[str] = []
    sdk_events = result.stream_events

    async def recorded() -> AsyncIterator[StreamEvent]:
        async for event in sdk_events():
            if (text := text_of(event)) is not None:
                handed_over.append(text)
            yield event

    monkeypatch.setattr(result, "stream_events", recorded)
    relayed: list[str] = []
    with pytest.raises(openai.APIConnectionError):
        await relay(joining_queued_text_deltas(result).stream_events(), relayed, SLOW_RELAY_SECONDS)
    assert handed_over
    assert "".join(relayed) == "".join(handed_over)
