"""Scripted failures reach the real openai client as the real API's would: the right exception
class for each status, a cut stream, a timeout, a refused key, and retries that consume one
behaviour per attempt."""

import asyncio
import time

import openai
import pytest
from openai import AsyncOpenAI

from testing.fake_openai.behaviours import TextReply
from testing.fake_openai.openai_errors import INSUFFICIENT_QUOTA
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.fake_openai import FAKE_API_KEY

EXCEPTIONS_BY_STATUS: dict[int, type[openai.APIStatusError]] = {
    400: openai.BadRequestError,
    401: openai.AuthenticationError,
    403: openai.PermissionDeniedError,
    404: openai.NotFoundError,
    429: openai.RateLimitError,
    500: openai.InternalServerError,
    503: openai.InternalServerError,
}
CODES_BY_STATUS = {401: "invalid_api_key", 404: "model_not_found", 429: "rate_limit_exceeded"}


async def ask(client: AsyncOpenAI, api: str, stream: bool) -> str:
    """One model call on ``api``, its text read to the end."""
    if api == "responses":
        if not stream:
            return (await client.responses.create(model="gpt-4.1-mini", input="Hi")).output_text
        events = await client.responses.create(model="gpt-4.1-mini", input="Hi", stream=True)
        return "".join([e.delta async for e in events if e.type == "response.output_text.delta"])
    messages = [{"role": "user", "content": "Hi"}]
    if not stream:
        completion = await client.chat.completions.create(model="gpt-4.1-mini", messages=messages)
        return completion.choices[0].message.content or ""
    chunks = await client.chat.completions.create(
        model="gpt-4.1-mini", messages=messages, stream=True
    )
    return "".join([c.choices[0].delta.content or "" async for c in chunks if c.choices])


@pytest.fixture(params=[True, False], ids=["streamed", "whole"])
def stream(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.mark.parametrize("status", EXCEPTIONS_BY_STATUS)
async def test_each_status_raises_the_clients_own_exception(
    status: int, api: str, stream: bool, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.fail(status)

    with pytest.raises(EXCEPTIONS_BY_STATUS[status]) as raised:
        await ask(client, api, stream)

    assert raised.value.status_code == status
    assert raised.value.code == CODES_BY_STATUS.get(status)
    assert isinstance(raised.value.body, dict)
    assert set(raised.value.body) == {"message", "type", "param", "code"}


async def test_an_error_can_carry_any_message_and_code(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.enqueue(INSUFFICIENT_QUOTA)
    fake_openai.fail(400, message="Too long", code="context_length_exceeded", param="input")

    with pytest.raises(openai.RateLimitError) as quota:
        await ask(client, "responses", stream=True)
    with pytest.raises(openai.BadRequestError) as too_long:
        await ask(client, "responses", stream=True)

    assert quota.value.code == "insufficient_quota"
    assert (too_long.value.code, too_long.value.param) == ("context_length_exceeded", "input")
    assert "Too long" in too_long.value.message


async def test_retries_take_one_behaviour_each(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.fail(429, retry_after=0.01)
    fake_openai.fail(503, retry_after=0.01)

    async with AsyncOpenAI(base_url=fake_openai.base_url, api_key=FAKE_API_KEY) as retrying:
        text = await ask(retrying, "responses", stream=True)

    assert text == "You said: Hi"
    retry_counts = [call.headers["x-stainless-retry-count"] for call in fake_openai.requests.all()]
    assert retry_counts == ["0", "1", "2"]


async def test_a_failure_queued_for_every_call_outlasts_the_retries(
    fake_openai: FakeOpenAIServer,
) -> None:
    fake_openai.fail(500, retry_after=0.01, times=None)

    async with AsyncOpenAI(base_url=fake_openai.base_url, api_key=FAKE_API_KEY) as retrying:
        with pytest.raises(openai.InternalServerError):
            await ask(retrying, "chat_completions", stream=True)
        with pytest.raises(openai.InternalServerError):
            await ask(retrying, "responses", stream=False)

    assert len(fake_openai.requests) == 6


async def test_a_cut_stream_raises_a_connection_error_after_the_first_deltas(
    api: str, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.cut("one two three four five", after=2)
    received: list[str] = []

    with pytest.raises(openai.APIConnectionError):
        if api == "responses":
            events = await client.responses.create(model="gpt-4.1-mini", input="Hi", stream=True)
            async for event in events:
                received.append(event.type)
        else:
            chunks = await client.chat.completions.create(
                model="gpt-4.1-mini", messages=[{"role": "user", "content": "Hi"}], stream=True
            )
            async for chunk in chunks:
                received.append(chunk.choices[0].delta.content or "")

    if api == "responses":
        assert received.count("response.output_text.delta") == 2
        assert "response.completed" not in received
    else:
        assert received == ["", "one ", "two "]


async def test_a_cut_call_without_streaming_gets_no_answer(
    api: str, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.cut("never seen", after=0)

    with pytest.raises(openai.APIConnectionError):
        await ask(client, api, stream=False)


async def test_a_hang_trips_the_clients_timeout(
    api: str, stream: bool, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    hang = fake_openai.hang()
    started = time.perf_counter()

    with pytest.raises(openai.APITimeoutError):
        await ask(client.with_options(timeout=0.3), api, stream)

    assert hang.reached.is_set()
    assert time.perf_counter() - started < 5


async def test_a_released_hang_goes_on_to_its_reply(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    hang = fake_openai.hang(then=TextReply("At last"))
    answer = asyncio.create_task(ask(client, "responses", stream=True))
    assert await asyncio.to_thread(hang.reached.wait, 5)

    assert not answer.done()
    hang.release()
    assert await answer == "At last"


async def test_a_slow_first_byte_delays_the_answer(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply("Slow start", first_byte_delay=0.2, delta_delay=0.01)
    started = time.perf_counter()

    assert await ask(client, "chat_completions", stream=True) == "Slow start"
    assert time.perf_counter() - started >= 0.2


async def test_a_required_key_refuses_others_without_using_the_script(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.require_api_key("sk-the-right-one")
    fake_openai.reply("For the right key only")

    with pytest.raises(openai.AuthenticationError) as refused:
        await ask(client, "responses", stream=True)
    right_key = client.with_options(api_key="sk-the-right-one")

    assert refused.value.code == "invalid_api_key"
    assert await ask(right_key, "responses", stream=True) == "For the right key only"
    assert [call.api_key for call in fake_openai.requests.all()] == [
        FAKE_API_KEY,
        "sk-the-right-one",
    ]
