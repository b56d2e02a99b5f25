"""The fake's Responses API, checked with the real openai client and against the client's own
types with full validation (the client itself builds them without validating)."""

import json

import httpx
from openai import AsyncOpenAI
from openai.types.responses import Response, ResponseStreamEvent
from pydantic import TypeAdapter

from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.fake_openai.raw_sse import parse_sse
from tests.fixtures.fake_openai import FAKE_API_KEY

STREAM_EVENT = TypeAdapter[ResponseStreamEvent](ResponseStreamEvent)
EXPECTED_ORDER = [
    "response.created",
    "response.in_progress",
    "response.output_item.added",
    "response.content_part.added",
    *["response.output_text.delta"] * 5,
    "response.output_text.done",
    "response.content_part.done",
    "response.output_item.done",
    "response.completed",
]


async def test_a_streamed_reply_arrives_as_the_real_event_sequence(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply("Hello from the fake model", deltas=5)

    stream = await client.responses.create(model="gpt-4.1-mini", input="Hi", stream=True)
    events = [event async for event in stream]

    assert [event.type for event in events] == EXPECTED_ORDER
    assert [event.sequence_number for event in events] == list(range(len(events)))
    deltas = [event.delta for event in events if event.type == "response.output_text.delta"]
    assert "".join(deltas) == "Hello from the fake model"
    completed = events[-1]
    assert completed.type == "response.completed"
    assert completed.response.output_text == "Hello from the fake model"
    assert completed.response.status == "completed"
    assert completed.response.usage is not None
    assert completed.response.usage.total_tokens > 0


async def test_every_streamed_event_validates_against_the_clients_types(
    fake_openai: FakeOpenAIServer,
) -> None:
    fake_openai.reply("Validated to the last field", deltas=4)
    body = {"model": "gpt-4.1-mini", "input": "Hi", "stream": True, "instructions": "Be brief"}

    async with httpx.AsyncClient(base_url=fake_openai.base_url) as http:
        response = await http.post(
            "/responses", json=body, headers={"Authorization": f"Bearer {FAKE_API_KEY}"}
        )

    assert response.headers["content-type"].startswith("text/event-stream")
    raw_events = parse_sse(response.text)
    parsed = [STREAM_EVENT.validate_python(json.loads(raw.data)) for raw in raw_events]
    assert [raw.event for raw in raw_events] == [event.type for event in parsed]
    item_ids = {event.item.id for event in parsed if event.type == "response.output_item.added"}
    delta_item_ids = {
        event.item_id for event in parsed if event.type == "response.output_text.delta"
    }
    assert delta_item_ids == item_ids
    final = parsed[-1]
    assert final.type == "response.completed"
    assert final.response.instructions == "Be brief"
    done = next(event for event in parsed if event.type == "response.output_text.done")
    assert done.text == "Validated to the last field"


async def test_a_reply_without_streaming_is_a_whole_valid_response(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.reply("All at once")

    raw = await client.responses.with_raw_response.create(model="gpt-4.1-mini", input="Hi")

    response = Response.model_validate(json.loads(raw.text))
    assert response.output_text == "All at once"
    assert response.status == "completed"
    assert response.model == "gpt-4.1-mini"
    assert raw.headers["x-request-id"].startswith("req_")


async def test_with_nothing_scripted_the_reply_repeats_the_last_user_text(
    client: AsyncOpenAI,
) -> None:
    conversation = [
        {"role": "user", "content": "first question"},
        {"role": "assistant", "content": "first answer"},
        {"role": "user", "content": [{"type": "input_text", "text": "second question"}]},
    ]

    response = await client.responses.create(model="gpt-4.1-mini", input=conversation)

    assert response.output_text == "You said: second question"
