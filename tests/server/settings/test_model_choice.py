import pytest

from server.settings.model_choice import choose_model
from server.settings.settings_file import Settings


def test_openai_uses_responses_and_needs_a_key() -> None:
    choice = choose_model(Settings(), lambda: None, environ={})
    assert choice.api == "responses"
    assert choice.missing_key
    assert choice.endpoint_name == "https://api.openai.com/v1"


def test_another_endpoint_uses_chat_completions_and_needs_no_key() -> None:
    settings = Settings(base_url="http://localhost:11434/v1", model="llama3.2")
    choice = choose_model(settings, lambda: None, environ={})
    assert choice.api == "chat_completions"
    assert not choice.missing_key
    assert choice.model == "llama3.2"


def test_the_flavour_can_be_forced() -> None:
    settings = Settings(base_url="http://localhost:8000/v1", api_flavor="responses")
    assert choose_model(settings, lambda: None, environ={}).api == "responses"


def test_environment_overrides_settings() -> None:
    environ = {"OPENAI_BASE_URL": "https://models.example/v1", "CHATKIT_DESKTOP_MODEL": "env-model"}
    choice = choose_model(Settings(model="settings-model"), lambda: "sk-test-1", environ=environ)
    assert (choice.base_url, choice.model, choice.api_key) == (
        "https://models.example/v1",
        "env-model",
        "sk-test-1",
    )
    assert not choice.key_from_environment


def refuse_the_keyring() -> str | None:
    raise AssertionError("the keyring was asked")


@pytest.mark.parametrize(
    "base_url",
    [
        "http://localhost:11434/v1",
        "http://127.0.0.1:1234/v1",
        "http://[::1]:8000/v1",
        "http://[::ffff:127.0.0.1]:8000/v1",
        "http://0.0.0.0:8080/v1",
    ],
)
def test_a_server_on_this_computer_is_never_sent_the_stored_key(base_url: str) -> None:
    choice = choose_model(Settings(base_url=base_url), refuse_the_keyring, environ={})
    assert choice.api_key is None
    assert not choice.missing_key


def test_a_server_on_this_computer_gets_the_key_from_the_environment() -> None:
    environ = {"OPENAI_API_KEY": "sk-test-env", "OPENAI_BASE_URL": "http://localhost:4000/v1"}
    choice = choose_model(Settings(), refuse_the_keyring, environ=environ)
    assert choice.api_key == "sk-test-env"
    assert choice.key_from_environment


def test_openai_and_other_computers_ask_for_the_stored_key() -> None:
    for base_url in (None, "https://api.groq.com/openai/v1"):
        choice = choose_model(Settings(base_url=base_url), lambda: "sk-stored", environ={})
        assert choice.api_key == "sk-stored"
        assert not choice.key_from_environment
