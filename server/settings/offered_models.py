"""The models the composer's picker offers, and so the models a message may ask for.

The ``model`` setting always comes first (it answers a message that names none); then the
``models`` setting when the user wrote one; otherwise, for OpenAI's endpoint, a few current
models of OpenAI's, and for an OpenAI-compatible endpoint the names it lists at ``/v1/models``,
asked once per endpoint and kept. A failed listing is asked again after a while, so a local
server started after the app still fills the picker.

The endpoint is asked with the key of the ``ModelChoice`` the caller resolved: an answer's own,
and for the picker's route only a key already known, so listing never reads the keyring.
"""

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from server.settings.model_choice import ModelChoice
from server.settings.settings_file import Settings

logger = logging.getLogger(__name__)

OPENAI_MODELS = ("gpt-4.1-mini", "gpt-4.1", "gpt-4o-mini", "o4-mini")
RETRY_FAILED_LISTING_SECONDS = 30.0


@dataclass(frozen=True)
class _Listing:
    names: tuple[str, ...]
    failed_at: float | None


class OfferedModels:
    """One per server, shared by the route that fills the picker and the answer that checks
    a message's choice. Lives on the server's event loop."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._listings: dict[str, _Listing] = {}
        self._lock = asyncio.Lock()

    async def names(self, settings: Settings, choice: ModelChoice) -> list[str]:
        """The names in the picker's order, the default (``choice.model``) first; an endpoint
        is asked with ``choice.api_key``."""
        if settings.models:
            others: tuple[str, ...] = tuple(settings.models)
        elif choice.is_openai:
            others = OPENAI_MODELS
        else:
            others = await self._endpoint_listing(choice)
        return list(dict.fromkeys((choice.model, *others)))

    async def _endpoint_listing(self, choice: ModelChoice) -> tuple[str, ...]:
        assert choice.base_url is not None
        async with self._lock:
            listing = self._listings.get(choice.base_url)
            if listing is not None and (
                listing.failed_at is None
                or self._clock() - listing.failed_at < RETRY_FAILED_LISTING_SECONDS
            ):
                return listing.names
            listing = await self._ask_endpoint(choice.base_url, choice.api_key)
            self._listings[choice.base_url] = listing
            return listing.names

    async def _ask_endpoint(self, base_url: str, api_key: str | None) -> _Listing:
        # Imported here: httpx is not needed until a compatible endpoint is asked.
        from server.settings.endpoint_models import ModelListingFailed, list_endpoint_models

        try:
            names = await list_endpoint_models(base_url, api_key)
        except ModelListingFailed as failure:
            # Not the address: it may carry credentials, and is the user's own business.
            logger.warning("The endpoint's models could not be listed: %s", failure)
            return _Listing(names=(), failed_at=self._clock())
        return _Listing(names=tuple(sorted(names)), failed_at=None)
