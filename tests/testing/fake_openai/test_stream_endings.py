"""The fake knows how each streamed answer ended, so a test can tell a model call that ran on
unread from one that stopped when its reader did."""

import openai
import pytest
from openai import AsyncOpenAI

from testing.fake_openai.openai_server import FakeOpenAIServer


async def test_an_answer_read_to_its_end_is_finished(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply("one two three", deltas=3)
    stream = await client.responses.create(model="gpt-4.1-mini", input="Hi", stream=True)
    async for _ in stream:
        pass

    [ending] = fake_openai.stream_endings.wait_for(1, timeout=5)
    assert (ending.deltas_sent, ending.deltas_scripted, ending.client_left) == (3, 3, False)


async def test_a_client_that_closes_the_stream_is_seen_to_leave(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply(" ".join(f"w{n}" for n in range(200)), deltas=200, delta_delay=0.01)
    stream = await client.chat.completions.create(
        model="gpt-4.1-mini", messages=[{"role": "user", "content": "Hi"}], stream=True
    )
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            break
    await stream.close()

    [ending] = fake_openai.stream_endings.wait_for(1, timeout=5)
    assert ending.client_left
    assert ending.deltas_sent < 200


async def test_a_cut_is_the_fakes_own_doing(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.cut("one two three four", after=2, deltas=4)
    stream = await client.responses.create(model="gpt-4.1-mini", input="Hi", stream=True)
    with pytest.raises(openai.APIConnectionError):
        async for _ in stream:
            pass

    [ending] = fake_openai.stream_endings.wait_for(1, timeout=5)
    assert (ending.deltas_sent, ending.client_left) == (2, False)
