"""A rejected key is explained with the fix that applies to where the key came from."""

import httpx
import openai
import pytest

from server.agent.model_errors import explain_model_failure
from server.settings.model_choice import choose_model
from server.settings.settings_file import Settings


def rejected() -> openai.AuthenticationError:
    request = httpx.Request("POST", "https://api.example/v1/responses")
    return openai.AuthenticationError(
        "Incorrect API key provided", response=httpx.Response(401, request=request), body=None
    )


@pytest.mark.parametrize(
    ("settings", "environ", "stored", "expected"),
    [
        (
            Settings(),
            {"OPENAI_API_KEY": "sk-test-env"},
            None,
            "The key in OPENAI_API_KEY was rejected by https://api.openai.com/v1; change it "
            "where you set it and restart the app.",
        ),
        (
            Settings(),
            {},
            "sk-test-stored",
            "The API key was rejected by https://api.openai.com/v1. Open Settings to enter a "
            "valid key.",
        ),
        (
            Settings(base_url="https://models.example/v1"),
            {},
            None,
            "https://models.example/v1 wants an API key. Open Settings to enter one.",
        ),
        (
            Settings(base_url="http://localhost:4000/v1"),
            {},
            None,
            "http://localhost:4000/v1 wants an API key, and a server on this computer is sent "
            "only the one in OPENAI_API_KEY: set it there and restart the app.",
        ),
    ],
    ids=["environment", "keyring", "no-key", "no-key-on-this-computer"],
)
def test_a_rejected_key_points_at_where_to_change_it(
    settings: Settings, environ: dict[str, str], stored: str | None, expected: str
) -> None:
    choice = choose_model(settings, lambda: stored, environ=environ)
    explained = explain_model_failure(rejected(), choice)
    assert explained is not None
    assert explained.message == expected
    assert not explained.allow_retry
