"""Turns a failed model call into words a person can act on, and logs what kind of failure it
was."""

import logging

import openai
from chatkit.errors import CustomStreamError

from server.settings.model_choice import ModelChoice

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


def _explanation(error: BaseException, choice: ModelChoice) -> CustomStreamError | None:
    endpoint = choice.endpoint_name
    match error:
        case openai.AuthenticationError():
            return CustomStreamError(
                f"The API key was rejected by {endpoint}. Open Settings to enter a valid key.",
                allow_retry=False,
            )
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
