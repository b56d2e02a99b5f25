"""Every request is kept, and what a model call carried reads as plain text on either API."""

import threading

import httpx
from openai import AsyncOpenAI

from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.fake_openai.recording import Message, RecordedRequest, recorded_from
from tests.fixtures.fake_openai import FAKE_API_KEY

SELECTED_TEXT = "the paragraph the user had selected"
CLOCK_CALL = {"name": "clock", "arguments": "{}"}


def responses_call(body: dict[str, object]) -> RecordedRequest:
    return RecordedRequest("POST", "/v1/responses", {}, body)


def chat_call(body: dict[str, object]) -> RecordedRequest:
    return RecordedRequest("POST", "/v1/chat/completions", {}, body)


async def test_each_request_keeps_its_path_headers_and_body(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    await client.models.list()
    await client.responses.create(model="gpt-4.1-mini", input="Hi", temperature=0.2)

    listing, call = fake_openai.requests.all()
    assert (listing.method, listing.path, listing.is_model_call) == ("GET", "/v1/models", False)
    assert (call.method, call.path, call.api) == ("POST", "/v1/responses", "responses")
    assert call.headers["authorization"] == f"Bearer {FAKE_API_KEY}"
    assert call.api_key == FAKE_API_KEY
    assert call.body["temperature"] == 0.2
    assert fake_openai.requests.model_calls() == [call]
    assert fake_openai.last_model_call() is call


def test_responses_instructions_and_input_read_as_text() -> None:
    call = responses_call(
        {
            "instructions": "You are helpful.",
            "input": [
                {"role": "developer", "content": f"Selected text: {SELECTED_TEXT}"},
                {"role": "user", "content": [{"type": "input_text", "text": "Summarise it"}]},
                {
                    "type": "message",
                    "role": "assistant",
                    "content": [{"type": "output_text", "text": "Sure.", "annotations": []}],
                },
                {"type": "function_call", "call_id": "c1", "name": "clock", "arguments": "{}"},
                {"type": "function_call_output", "call_id": "c1", "output": "noon"},
                {"role": "user", "content": [{"type": "input_image", "image_url": "data:,"}]},
            ],
        }
    )

    assert call.instructions == f"You are helpful.\nSelected text: {SELECTED_TEXT}"
    assert call.messages[1:] == [
        Message("user", "Summarise it"),
        Message("assistant", "Sure."),
        Message("function_call", "clock({})"),
        Message("function_call_output", "noon"),
        Message("user", ""),
    ]
    assert SELECTED_TEXT in call.all_text
    assert call.last_user_text == ""


def test_a_plain_string_input_is_one_user_message() -> None:
    call = responses_call({"input": "Just this"})

    assert call.messages == [Message("user", "Just this")]
    assert call.instructions == ""


def test_chat_messages_read_as_text() -> None:
    call = chat_call(
        {
            "messages": [
                {"role": "system", "content": "You are helpful."},
                {"role": "user", "content": [{"type": "text", "text": SELECTED_TEXT}]},
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "c1",
                            "type": "function",
                            "function": {"name": "clock", "arguments": "{}"},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": "c1", "content": "noon"},
            ]
        }
    )

    assert call.instructions == "You are helpful."
    assert call.messages[1:] == [
        Message("user", SELECTED_TEXT),
        Message("function_call", "clock({})"),
        Message("tool", "noon"),
    ]
    assert call.texts("user") == [SELECTED_TEXT]
    assert call.all_text == f"You are helpful.\n{SELECTED_TEXT}\nclock({{}})\nnoon"


def test_a_body_that_is_not_json_is_kept_as_none() -> None:
    call = recorded_from("POST", "/v1/responses", {}, b"{not json")

    assert call.body is None
    assert call.messages == []


async def test_a_model_call_that_is_not_json_gets_the_apis_400(
    fake_openai: FakeOpenAIServer,
) -> None:
    async with httpx.AsyncClient(base_url=fake_openai.base_url) as http:
        response = await http.post("/responses", content=b"{not json")

    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert fake_openai.requests.model_calls()[0].body is None


def test_waiting_for_calls_made_from_another_thread(fake_openai: FakeOpenAIServer) -> None:
    def call_the_model() -> None:
        with httpx.Client(base_url=fake_openai.base_url) as http:
            http.post("/chat/completions", json={"model": "m", "messages": []})

    caller = threading.Thread(target=call_the_model)
    caller.start()
    calls = fake_openai.requests.wait_for_model_calls(1, timeout=5)
    caller.join()

    assert calls[0].api == "chat_completions"
    fake_openai.requests.clear()
    assert len(fake_openai.requests) == 0
