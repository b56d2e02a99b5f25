"""The fake's Chat Completions API, checked with the real openai client and against the
client's own types with full validation."""

import json

import httpx
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.fake_openai.raw_sse import parse_sse
from tests.fixtures.fake_openai import FAKE_API_KEY


async def test_a_streamed_reply_sends_role_then_content_then_finish_then_usage(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply("Chunks of a chat reply", deltas=4)

    stream = await client.chat.completions.create(
        model="gpt-4.1-mini",
        messages=[{"role": "user", "content": "Hi"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = [chunk async for chunk in stream]

    first, *content, finish, usage = chunks
    assert first.choices[0].delta.role == "assistant"
    assert "".join(chunk.choices[0].delta.content or "" for chunk in content) == (
        "Chunks of a chat reply"
    )
    assert len(content) == 4
    assert all(chunk.choices[0].finish_reason is None for chunk in [first, *content])
    assert finish.choices[0].finish_reason == "stop"
    assert usage.choices == []
    assert usage.usage is not None
    assert usage.usage.total_tokens > 0
    assert len({chunk.id for chunk in chunks}) == 1


async def test_the_raw_stream_validates_and_ends_with_done(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.reply("Checked on the wire", deltas=3)
    body = {"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "Hi"}]}

    async with httpx.AsyncClient(base_url=fake_openai.base_url) as http:
        response = await http.post(
            "/chat/completions",
            json={**body, "stream": True},
            headers={"Authorization": f"Bearer {FAKE_API_KEY}"},
        )

    events = parse_sse(response.text)
    assert events[-1].data == "[DONE]"
    assert all(event.event is None for event in events)
    chunks = [ChatCompletionChunk.model_validate(json.loads(event.data)) for event in events[:-1]]
    assert [chunk.choices[0].finish_reason for chunk in chunks][-1] == "stop"
    assert all(chunk.usage is None for chunk in chunks)
    assert "usage" not in json.loads(events[0].data)


async def test_a_reply_without_streaming_is_a_whole_valid_completion(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply("A complete answer")

    raw = await client.chat.completions.with_raw_response.create(
        model="gpt-4.1-mini", messages=[{"role": "user", "content": "Hi"}]
    )

    completion = ChatCompletion.model_validate(json.loads(raw.text))
    assert completion.choices[0].message.content == "A complete answer"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None


async def test_with_nothing_scripted_the_reply_repeats_the_last_user_text(
    client: AsyncOpenAI,
) -> None:
    completion = await client.chat.completions.create(
        model="gpt-4.1-mini",
        messages=[
            {"role": "system", "content": "Be kind"},
            {"role": "user", "content": [{"type": "text", "text": "what is two plus two"}]},
        ],
    )

    assert completion.choices[0].message.content == "You said: what is two plus two"


async def test_models_lists_a_few_models(client: AsyncOpenAI) -> None:
    page = await client.models.list()

    assert "gpt-4.1-mini" in [model.id for model in page.data]
