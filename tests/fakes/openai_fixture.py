"""Pytest fixtures for the fake OpenAI API. Register with
``pytest_plugins = ["tests.fakes.openai_fixture"]``."""

from collections.abc import Iterator

import pytest

from tests.fakes.openai_server import FakeOpenAIServer

FAKE_API_KEY = "sk-fake-test-key"


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """A stand-in for the OpenAI API, used because the real API cannot be reached from the
    test machines: a real HTTP server on 127.0.0.1 that speaks the API's wire protocol, so the
    real ``openai`` client and Agents SDK work against ``fake_openai.base_url`` unmodified.
    Started for the test and stopped after it, open streams and hanging calls included."""
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def fake_openai_env(
    fake_openai: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> FakeOpenAIServer:
    """``fake_openai``, with ``OPENAI_BASE_URL`` pointing at it and ``OPENAI_API_KEY`` set to
    ``FAKE_API_KEY``, for code that reads its endpoint from the environment."""
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_API_KEY)
    return fake_openai
