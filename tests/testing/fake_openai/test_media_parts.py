"""Images and files sent by the real openai client and the real Agents SDK: the fake takes the
parts each API takes, records them, and refuses the ones the real API refuses."""

import openai
import pytest
from agents import (
    Agent,
    OpenAIChatCompletionsModel,
    OpenAIResponsesModel,
    Runner,
    set_tracing_disabled,
)
from openai import AsyncOpenAI

from testing.fake_openai.openai_server import FakeOpenAIServer

IMAGE_URL = "data:image/png;base64,iVBORw0KGgo="
PDF_DATA = "data:application/pdf;base64,JVBERi0xLjQK"


@pytest.fixture(autouse=True)
def no_tracing() -> None:
    set_tracing_disabled(True)


async def test_responses_records_an_image_and_a_file(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    await client.responses.create(
        model="gpt-4.1-mini",
        input=[
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": "What are these?"},
                    {"type": "input_image", "image_url": IMAGE_URL, "detail": "auto"},
                    {"type": "input_file", "filename": "a.pdf", "file_data": PDF_DATA},
                ],
            }
        ],
    )

    call = fake_openai.last_model_call()
    assert [image.data for image in call.images()] == [IMAGE_URL]
    assert [(file.filename, file.data) for file in call.files()] == [("a.pdf", PDF_DATA)]
    assert call.last_user_text == "What are these?"


async def test_chat_completions_records_an_image_and_a_file(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    await client.chat.completions.create(
        model="gpt-4.1-mini",
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What are these?"},
                    {"type": "image_url", "image_url": {"url": IMAGE_URL}},
                    {"type": "file", "file": {"filename": "a.pdf", "file_data": PDF_DATA}},
                ],
            }
        ],
    )

    call = fake_openai.last_model_call()
    assert [image.data for image in call.images()] == [IMAGE_URL]
    assert [(file.filename, file.data) for file in call.files()] == [("a.pdf", PDF_DATA)]


async def test_a_part_of_the_other_api_is_refused_as_the_real_api_does(
    client: AsyncOpenAI,
) -> None:
    with pytest.raises(openai.BadRequestError) as refused:
        await client.chat.completions.create(
            model="gpt-4.1-mini",
            messages=[
                {
                    "role": "user",
                    "content": [{"type": "input_image", "image_url": IMAGE_URL}],  # type: ignore[list-item]
                }
            ],
        )
    assert refused.value.code == "invalid_value"
    assert refused.value.param == "messages[0].content[0].type"


async def test_a_file_without_its_name_is_refused_on_responses(client: AsyncOpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as refused:
        await client.responses.create(
            model="gpt-4.1-mini",
            input=[{"role": "user", "content": [{"type": "input_file", "file_data": PDF_DATA}]}],
        )
    assert refused.value.param == "input[0].content[0].filename"


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
async def test_the_agents_sdk_sends_an_input_image_as_each_api_takes_it(
    api: str, fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    model = (
        OpenAIResponsesModel("gpt-4.1-mini", openai_client=client)
        if api == "responses"
        else OpenAIChatCompletionsModel("gpt-4.1-mini", openai_client=client)
    )
    agent = Agent(name="Assistant", model=model)
    content = [
        {"type": "input_text", "text": "Describe it"},
        {"type": "input_image", "image_url": IMAGE_URL, "detail": "auto"},
    ]

    result = await Runner.run(agent, [{"role": "user", "content": content}])  # type: ignore[list-item]

    assert result.final_output == "You said: Describe it"
    call = fake_openai.last_model_call()
    assert [image.data for image in call.images()] == [IMAGE_URL]
    parts = call.body["input" if api == "responses" else "messages"][-1]["content"]
    assert parts[1]["type"] == ("input_image" if api == "responses" else "image_url")
