"""Replies of 2,000 deltas, as the benchmark streams them, on both APIs. The time is printed
(run with ``-s`` to see it), not asserted: the machine is shared."""

import time

from openai import AsyncOpenAI

from testing.fake_openai.openai_server import FakeOpenAIServer

DELTAS = 2000
TEXT = "token " * DELTAS


async def test_two_thousand_responses_deltas_arrive_in_order(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply(TEXT, deltas=DELTAS)

    started = time.perf_counter()
    events = await client.responses.create(model="gpt-4.1-mini", input="Hi", stream=True)
    deltas = [event.delta async for event in events if event.type == "response.output_text.delta"]
    elapsed = time.perf_counter() - started

    print(f"\nResponses API: {DELTAS} deltas streamed in {elapsed:.3f} s")
    assert len(deltas) == DELTAS
    assert "".join(deltas) == TEXT


async def test_two_thousand_chat_deltas_arrive_in_order(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply(TEXT, deltas=DELTAS)

    started = time.perf_counter()
    chunks = await client.chat.completions.create(
        model="gpt-4.1-mini", messages=[{"role": "user", "content": "Hi"}], stream=True
    )
    deltas = [chunk.choices[0].delta.content async for chunk in chunks if chunk.choices]
    elapsed = time.perf_counter() - started

    print(f"\nChat Completions: {DELTAS} deltas streamed in {elapsed:.3f} s")
    assert "".join(delta or "" for delta in deltas) == TEXT
    assert len(deltas) == DELTAS + 2
