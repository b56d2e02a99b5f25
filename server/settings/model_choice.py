"""Which endpoint, API and model the agent uses for one answer, resolved fresh each time so a
change in Settings or the keyring applies without a restart."""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from server.settings.settings_file import Settings

OPENAI_HOST = "api.openai.com"
MODEL_ENV = "CHATKIT_DESKTOP_MODEL"
BASE_URL_ENV = "OPENAI_BASE_URL"
NO_API_KEY_MESSAGE = "No API key — open Settings or run `chatkit-desktop key set`"
# The openai client insists on some key; servers such as Ollama ignore it.
KEYLESS_PLACEHOLDER = "no-key-needed"


@dataclass(frozen=True)
class ModelChoice:
    model: str
    base_url: str | None
    api: Literal["responses", "chat_completions"]
    api_key: str | None

    @property
    def is_openai(self) -> bool:
        return self.base_url is None or urlsplit(self.base_url).hostname == OPENAI_HOST

    @property
    def endpoint_name(self) -> str:
        return self.base_url or f"https://{OPENAI_HOST}/v1"

    @property
    def missing_key(self) -> bool:
        """OpenAI's own endpoint cannot work without a key; local servers usually need none."""
        return self.api_key is None and self.is_openai

    @property
    def client_key(self) -> str:
        return self.api_key or KEYLESS_PLACEHOLDER


def choose_model(
    settings: Settings,
    read_api_key: Callable[[], str | None],
    environ: Mapping[str, str] = os.environ,
) -> ModelChoice:
    """Blocking: ``read_api_key`` may ask the system keyring. Call it off the event loop."""
    base_url = environ.get(BASE_URL_ENV) or settings.base_url
    api: Literal["responses", "chat_completions"]
    if settings.api_flavor != "auto":
        api = settings.api_flavor
    elif base_url is None or urlsplit(base_url).hostname == OPENAI_HOST:
        api = "responses"
    else:
        api = "chat_completions"
    return ModelChoice(
        model=environ.get(MODEL_ENV) or settings.model,
        base_url=base_url,
        api=api,
        api_key=read_api_key(),
    )
