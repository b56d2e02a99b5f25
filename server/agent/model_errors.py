"""Turns a failed model call into words a person can act on, and logs what kind of failure it
was."""

import logging

import openai
from chatkit.errors import CustomStreamError

from common.api_key import API_KEY_ENV
from server.settings.model_choice import ModelChoice, needs_stored_key

logger = logging.getLogger(__name__)


def explain_model_failure(error: BaseException, choice: ModelChoice) -> CustomStreamError | None:
    """A ``CustomStreamError`` for failures we can explain; None for anything else (the ChatKit
    server logs those with their traceback)."""
    explained = _explanation(error, choice)
    if explained is not None:
        logger.info("the model call failed: %s", _kind(error))
    return explained


def _kind(error: BaseException) -> str:
    # The class and the status, never the message: a provider's message can quote the request,
    # and some quote part of a rejected key.
    if isinstance(error, openai.APIStatusError):
        return f"{type(error).__name__} (HTTP {error.status_code})"
    return type(error).__name__


def _rejected_key(choice: ModelChoice) -> str:
    """Points at where the key that was sent can be changed: an environment variable cannot be
    changed from Settings, and a server that got no key needs one entered."""
    endpoint = choice.endpoint_name
    if choice.key_from_environment:
        return (
            f"The key in {API_KEY_ENV} was rejected by {endpoint}; change it where you set it "
            "and restart the app."
        )
    if choice.api_key is None and not needs_stored_key(choice.base_url):
        return (
            f"{endpoint} wants an API key, and a server on this computer is sent only the one "
            f"in {API_KEY_ENV}: set it there and restart the app."
        )
    if choice.api_key is None:
        return f"{endpoint} wants an API key. Open Settings to enter one."
    return f"The API key was rejected by {endpoint}. Open Settings to enter a valid key."


def _explanation(error: BaseException, choice: ModelChoice) -> CustomStreamError | None:
    endpoint = choice.endpoint_name
    match error:
        case openai.AuthenticationError():
            return CustomStreamError(_rejected_key(choice), allow_retry=False)
        case openai.RateLimitError():
            return CustomStreamError(
                f"Rate limited by {endpoint}. Wait a little and try again.", allow_retry=True
            )
        case openai.APITimeoutError():
            return CustomStreamError(
                f"{endpoint} did not answer in time. Try again.", allow_retry=True
            )
        case openai.APIConnectionError():
            return CustomStreamError(
                f"Cannot reach {endpoint}. Check your connection, or the address in Settings.",
                allow_retry=True,
            )
        case openai.NotFoundError():
            return CustomStreamError(
                f"{endpoint} does not know the model {choice.model!r}. Choose another in Settings.",
                allow_retry=False,
            )
        case openai.APIStatusError(status_code=status):
            return CustomStreamError(
                f"{endpoint} answered with an error (HTTP {status}). Try again.",
                allow_retry=True,
            )
    return None
