"""Which endpoint, API and model the agent uses for one answer, resolved fresh each time so a
change in Settings or the keyring applies without a restart."""

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from common.api_key import API_KEY_ENV
from common.log_redaction import keep_out_of_logs
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
    # Where a rejected key is to be changed: where the variable is set, or in Settings.
    key_from_environment: bool = False

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


def needs_stored_key(base_url: str | None) -> bool:
    """Whether an answer from ``base_url`` may need the key kept in the keyring: not for a
    server on this computer (Ollama, LM Studio), which is sent ``OPENAI_API_KEY`` if set and
    otherwise no key, so the keyring is never opened, nor its prompt shown, for one."""
    if base_url is None:
        return True
    host = urlsplit(base_url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:  # a name other than localhost
        return True
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        # Python 3.11 does not count ::ffff:127.0.0.1 as loopback, though it reaches this computer.
        address = address.ipv4_mapped
    return not (address.is_loopback or address.is_unspecified)


def choose_model(
    settings: Settings,
    read_api_key: Callable[[], str | None],
    environ: Mapping[str, str] = os.environ,
) -> ModelChoice:
    """Blocking: ``read_api_key`` may ask the system keyring (only for an endpoint that
    ``needs_stored_key``). Call it off the event loop."""
    base_url = environ.get(BASE_URL_ENV) or settings.base_url
    api: Literal["responses", "chat_completions"]
    if settings.api_flavor != "auto":
        api = settings.api_flavor
    elif base_url is None or urlsplit(base_url).hostname == OPENAI_HOST:
        api = "responses"
    else:
        api = "chat_completions"
    environment_key = environ.get(API_KEY_ENV, "").strip() or None
    if environment_key is not None:
        keep_out_of_logs(environment_key)
    return ModelChoice(
        model=environ.get(MODEL_ENV) or settings.model,
        base_url=base_url,
        api=api,
        api_key=environment_key if not needs_stored_key(base_url) else read_api_key(),
        key_from_environment=environment_key is not None,
    )
