"""The secrets this process knows (the launch's token, the API key as read), kept out of log
lines by a filter on the log's handlers.

Nothing is meant to log them in the first place; this is the second line of defence, for a
library's message or an exception's text that quotes one.
"""

import logging
import threading

REDACTED = "[redacted]"
# A shorter value would blank out ordinary words all over the log; real keys and tokens are
# far longer (a local server's placeholder key such as "none" is no secret).
MIN_SECRET_LENGTH = 8

_lock = threading.Lock()
_secrets: set[str] = set()
# formatException is the standard one; the log's own formatters do not override it.
_exception_formatter = logging.Formatter()


def keep_out_of_logs(secret: str) -> None:
    """From now on, ``secret`` appears in no line that ``SecretRedaction`` filters."""
    if len(secret) >= MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(secret)


def _redact(text: str) -> str:
    with _lock:
        known = tuple(_secrets)
    for secret in known:
        text = text.replace(secret, REDACTED)
    return text


class SecretRedaction(logging.Filter):
    """Rewrites a record's message and traceback with every known secret replaced.
    On a handler, so it sees records from every logger, wherever they were made."""

    def filter(self, record: logging.LogRecord) -> bool:
        with _lock:
            if not _secrets:
                return True
        try:
            message = record.getMessage()
        except Exception:
            # A malformed call: left for the handler to report as logging always does.
            return True
        record.msg, record.args = _redact(message), None
        if record.exc_info and record.exc_text is None:
            record.exc_text = _exception_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _redact(record.exc_text)
        return True
