"""The ``openai`` client for OpenAI's hosted ChatKit, and its failures in words for the page.

The key is read as the agent reads it (``OPENAI_API_KEY``, else the keyring); the endpoint is
OpenAI's, or ``OPENAI_BASE_URL``, never Settings' model endpoint: a workflow runs only at
OpenAI, whatever server answers the app's own agent. ``openai`` is imported on first use."""

import asyncio
import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from chatkit.errors import CustomStreamError

from server.settings.model_choice import BASE_URL_ENV, NO_API_KEY_MESSAGE
from server.settings.settings_file import Settings

if TYPE_CHECKING:
    from openai import AsyncOpenAI


class HostedError(Exception):
    """A failure to show the user: ``status`` for our answer, the message in words."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def workflow_of(settings: Settings) -> str:
    """The configured workflow id, or a ``HostedError`` saying what to set."""
    if settings.agent != "workflow":
        raise HostedError(409, "Settings → Agent is this app's agent, not a workflow.")
    if not settings.workflow_id:
        raise HostedError(409, "No workflow id is set: paste it into Settings → Agent.")
    return settings.workflow_id


async def hosted_client(
    settings: Settings, read_api_key: Callable[[], str | None], base_url: str | None
) -> "AsyncOpenAI":
    """A client with the key; ``HostedError`` when there is none. Close it after use."""
    try:
        key = await asyncio.to_thread(read_api_key)
    except CustomStreamError as waiting:  # the keyring's prompt is still open
        raise HostedError(503, waiting.message) from None
    if key is None:
        raise HostedError(409, f"{NO_API_KEY_MESSAGE}: a workflow runs with your OpenAI key.")
    # ~0.5 s the first time: on a worker thread, so the event loop keeps answering.
    openai = await asyncio.to_thread(importlib.import_module, "openai")
    client: AsyncOpenAI = openai.AsyncOpenAI(
        api_key=key,
        base_url=base_url,
        timeout=settings.request_timeout_seconds,
        max_retries=settings.max_retries,
    )
    return client


def hosted_base_url(environ: Mapping[str, str]) -> str | None:
    return environ.get(BASE_URL_ENV) or None


def in_words(error: Exception, workflow_id: str) -> HostedError:
    """An ``openai`` failure as a status and a sentence. The API's own message is quoted only
    where it cannot hold the key (a 401's message quotes part of it)."""
    import openai

    if isinstance(error, HostedError):
        return error
    if isinstance(error, openai.AuthenticationError):
        return HostedError(
            403, "OpenAI rejected the API key (401). Check the key in Settings → OpenAI API key."
        )
    if isinstance(error, openai.PermissionDeniedError):
        return HostedError(
            403, f"The API key may not use ChatKit or workflow {workflow_id}: {_said(error)}"
        )
    if isinstance(error, openai.NotFoundError):
        return HostedError(
            404,
            f"OpenAI knows no workflow {workflow_id} for this key: check the id in "
            f"Settings → Agent, and that the workflow is published. ({_said(error)})",
        )
    if isinstance(error, openai.BadRequestError):
        return HostedError(400, f"OpenAI refused the request: {_said(error)}")
    if isinstance(error, openai.RateLimitError):
        return HostedError(429, f"OpenAI says to slow down: {_said(error)}")
    if isinstance(error, openai.APITimeoutError):
        return HostedError(504, "OpenAI did not answer in time; try again.")
    if isinstance(error, openai.APIConnectionError):
        return HostedError(
            502, "OpenAI could not be reached: you may be offline, or the address is blocked."
        )
    if isinstance(error, openai.APIStatusError):
        return HostedError(502, f"OpenAI failed ({error.status_code}): {_said(error)}")
    if isinstance(error, openai.APIError):  # e.g. an answer not in the expected shape
        return HostedError(502, f"OpenAI's answer could not be read ({type(error).__name__})")
    raise error


def _said(error: "Exception") -> str:
    body = getattr(error, "body", None)
    if isinstance(body, dict):
        message = body.get("message")
        if isinstance(message, str) and message:
            return message
    return type(error).__name__
