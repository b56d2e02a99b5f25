"""For the fake's own tests (``fake_openai`` itself comes from ``tests.fixtures.fake_openai``,
which the root conftest registers): an ``openai`` client pointed at the fake that never retries
unless a test asks, and the two APIs for tests that run on each."""

from collections.abc import AsyncIterator

import pytest
from openai import AsyncOpenAI

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.fake_openai import FAKE_API_KEY


@pytest.fixture
async def client(fake_openai: FakeOpenAIServer) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(
        base_url=fake_openai.base_url, api_key=FAKE_API_KEY, max_retries=0, timeout=10
    ) as openai_client:
        yield openai_client


@pytest.fixture(params=["responses", "chat_completions"])
def api(request: pytest.FixtureRequest) -> str:
    return str(request.param)
