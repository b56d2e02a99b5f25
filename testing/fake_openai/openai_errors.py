"""Error answers shaped like the OpenAI API's: a status and
``{"error": {"message", "type", "param", "code"}}``, which the ``openai`` client turns into its
own exception classes (401 ``AuthenticationError``, 429 ``RateLimitError``, 5xx
``InternalServerError``...)."""

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class ErrorReply:
    status: int
    message: str
    type: str
    code: str | None = None
    param: str | None = None
    retry_after: float | None = None
    """Seconds, sent as ``retry-after-ms``; the openai client waits that long before a retry
    instead of its own 0.5 s and more, which keeps retry tests fast."""

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "message": self.message,
                "type": self.type,
                "param": self.param,
                "code": self.code,
            }
        }

    def headers(self) -> dict[str, str]:
        if self.retry_after is None:
            return {}
        return {"retry-after-ms": str(round(self.retry_after * 1000))}


# Messages and codes as the real API words them.
STANDARD_ERRORS: dict[int, ErrorReply] = {
    400: ErrorReply(400, "Invalid request.", "invalid_request_error"),
    401: ErrorReply(
        401,
        "Incorrect API key provided. You can find your API key at "
        "https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        "invalid_api_key",
    ),
    403: ErrorReply(403, "You are not allowed to sample from this model.", "invalid_request_error"),
    404: ErrorReply(
        404,
        "The model does not exist or you do not have access to it.",
        "invalid_request_error",
        "model_not_found",
    ),
    429: ErrorReply(
        429,
        "Rate limit reached for requests. Please try again in 1s.",
        "requests",
        "rate_limit_exceeded",
    ),
    500: ErrorReply(
        500,
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
    ),
    502: ErrorReply(502, "Bad gateway.", "server_error"),
    503: ErrorReply(
        503, "The engine is currently overloaded, please try again later.", "server_error"
    ),
}

INSUFFICIENT_QUOTA = ErrorReply(
    429,
    "You exceeded your current quota, please check your plan and billing details.",
    "insufficient_quota",
    "insufficient_quota",
)


def standard_error(status: int, **overrides: Any) -> ErrorReply:
    """The real API's answer for ``status``; ``overrides`` replace any of its fields."""
    base = STANDARD_ERRORS.get(status)
    if base is None:
        kind = "server_error" if status >= 500 else "invalid_request_error"
        base = ErrorReply(status, f"HTTP {status}", kind)
    return replace(base, **overrides)
