"""The Agents SDK model object for a ``ModelChoice``, over one reused HTTP client."""

from dataclasses import dataclass

from agents import Model
from openai import AsyncOpenAI

from server.agent.loop_sharing_models import (
    LoopSharingChatCompletionsModel,
    LoopSharingResponsesModel,
)
from server.settings.model_choice import ModelChoice
from server.settings.settings_file import Settings


@dataclass(frozen=True)
class _ClientSettings:
    api_key: str
    base_url: str | None
    timeout: float
    max_retries: int


class ModelClients:
    """Keeps one ``AsyncOpenAI`` client, so answers reuse its connections, and replaces it
    when the key, endpoint or limits change."""

    def __init__(self) -> None:
        self._client: AsyncOpenAI | None = None
        self._settings: _ClientSettings | None = None

    async def model_for(self, choice: ModelChoice, settings: Settings) -> Model:
        wanted = _ClientSettings(
            api_key=choice.client_key,
            base_url=choice.base_url,
            timeout=settings.request_timeout_seconds,
            max_retries=settings.max_retries,
        )
        if self._client is None or wanted != self._settings:
            await self.aclose()
            self._client = AsyncOpenAI(
                api_key=wanted.api_key,
                base_url=wanted.base_url,
                timeout=wanted.timeout,
                max_retries=wanted.max_retries,
            )
            self._settings = wanted
        if choice.api == "responses":
            return LoopSharingResponsesModel(model=choice.model, openai_client=self._client)
        return LoopSharingChatCompletionsModel(model=choice.model, openai_client=self._client)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
        self._client = None
        self._settings = None
