"""``OfferedModels``: the picker's list for each kind of endpoint, the listing asked once and a
failed one asked again after a while; against the fake OpenAI server's real ``/v1/models``."""

import asyncio
from collections.abc import Callable

from server.settings.model_choice import choose_model
from server.settings.offered_models import (
    OPENAI_MODELS,
    RETRY_FAILED_LISTING_SECONDS,
    OfferedModels,
)
from server.settings.settings_file import Settings
from testing.fake_openai.openai_server import FakeOpenAIServer

KEY = "sk-test-listing-key-0123456789"


async def offered_names(
    offered: OfferedModels, settings: Settings, read_api_key: Callable[[], str | None]
) -> list[str]:
    return await offered.names(settings, choose_model(settings, read_api_key))


def listings(fake: FakeOpenAIServer) -> int:
    return sum(request.path == "/v1/models" for request in fake.requests.all())


async def test_a_refused_listing_is_asked_again_after_a_while(
    fake_openai: FakeOpenAIServer,
) -> None:
    now = [1000.0]
    offered = OfferedModels(clock=lambda: now[0])
    settings = Settings(base_url=fake_openai.base_url, model="llama3.2")
    fake_openai.require_api_key("sk-some-other-key")
    assert await offered_names(offered, settings, lambda: None) == ["llama3.2"]

    fake_openai.require_api_key(None)
    assert await offered_names(offered, settings, lambda: None) == ["llama3.2"]
    assert listings(fake_openai) == 1

    now[0] += RETRY_FAILED_LISTING_SECONDS
    assert await offered_names(offered, settings, lambda: None) == [
        "llama3.2",
        "gpt-4.1",
        "gpt-4.1-mini",
        "gpt-4o-mini",
    ]
    now[0] += RETRY_FAILED_LISTING_SECONDS
    await offered_names(offered, settings, lambda: None)
    assert listings(fake_openai) == 2


async def test_a_server_on_this_computer_is_listed_without_the_keyring(
    fake_openai: FakeOpenAIServer,
) -> None:
    def keyring() -> str | None:
        raise AssertionError("the keyring was asked for a server on this computer")

    settings = Settings(base_url=fake_openai.base_url)
    assert await offered_names(OfferedModels(), settings, keyring) == [
        "gpt-4.1-mini",
        "gpt-4.1",
        "gpt-4o-mini",
    ]
    assert fake_openai.requests.all()[-1].api_key is None


def test_the_openai_endpoint_is_never_asked() -> None:
    names = asyncio.run(offered_names(OfferedModels(), Settings(model="gpt-4o"), lambda: KEY))
    assert names == ["gpt-4o", *OPENAI_MODELS]
