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
    environ = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "CHATKIT_DESKTOP_MODEL": "env-model"}
    choice = choose_model(Settings(model="settings-model"), lambda: "sk-test-1", environ=environ)
    assert (choice.base_url, choice.model, choice.api_key) == (
        "http://127.0.0.1:9/v1",
        "env-model",
        "sk-test-1",
    )
