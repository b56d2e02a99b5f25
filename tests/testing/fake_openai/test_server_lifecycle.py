"""Starting and stopping the fake: a free port, a prompt stop whatever is still open, and a
fault in the fake itself reported rather than hidden."""

import asyncio
import time
from typing import cast

import httpx
import openai
import pytest
from openai import AsyncOpenAI

from testing.fake_openai.behaviours import Behaviour
from testing.fake_openai.openai_server import FakeOpenAIServer, FakeServerError
from tests.fixtures.fake_openai import FAKE_API_KEY

PROMPT = 1.0


def test_the_base_url_names_a_loopback_port_only_while_running() -> None:
    server = FakeOpenAIServer()
    with pytest.raises(RuntimeError):
        _ = server.base_url

    with server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.base_url.endswith("/v1")

    with pytest.raises(RuntimeError):
        _ = server.base_url


async def test_stopping_is_prompt_while_a_call_hangs_and_a_stream_is_open() -> None:
    with FakeOpenAIServer() as server:
        client = AsyncOpenAI(
            base_url=server.base_url, api_key=FAKE_API_KEY, max_retries=0, timeout=10
        )
        async with client:
            server.reply("word " * 100, delta_delay=1.0)
            stream = await client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "Hi"}], stream=True
            )
            hang = server.hang()
            hanging = asyncio.create_task(client.responses.create(model="m", input="Hi"))
            assert await asyncio.to_thread(hang.reached.wait, 5)

            started = time.perf_counter()
            await asyncio.to_thread(server.stop)
            stopped_in = time.perf_counter() - started

            with pytest.raises(openai.APIConnectionError):
                await hanging
            with pytest.raises(openai.APIConnectionError):
                async for _ in stream:
                    pass
    assert stopped_in < PROMPT


async def test_an_unknown_path_gets_the_apis_404(fake_openai: FakeOpenAIServer) -> None:
    async with httpx.AsyncClient(base_url=fake_openai.base_url) as http:
        response = await http.post("/embeddings", json={})

    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Invalid URL (POST /v1/embeddings)"


async def test_a_fault_in_the_fake_fails_the_test_at_stop() -> None:
    server = FakeOpenAIServer()
    server.start()
    try:
        server.enqueue(cast(Behaviour, object()))
        async with httpx.AsyncClient(base_url=server.base_url) as http:
            response = await http.post("/responses", json={"model": "m", "input": "Hi"})
        assert response.status_code == 500
    finally:
        with pytest.raises(FakeServerError, match="AttributeError"):
            await asyncio.to_thread(server.stop)


async def test_the_env_fixture_points_a_default_client_at_the_fake(
    fake_openai_env: FakeOpenAIServer,
) -> None:
    async with AsyncOpenAI(max_retries=0) as default_client:
        response = await default_client.responses.create(model="gpt-4.1-mini", input="Hi")

    assert response.output_text == "You said: Hi"
    assert fake_openai_env.last_model_call().api_key == FAKE_API_KEY
