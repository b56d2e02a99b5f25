"""Links leave the app for the user's own browser, through Python's ``webbrowser``: a link
clicked in an answer, and the ``open_url`` tool. Only http and https: a ``file:``,
``javascript:`` or other scheme could open or run something on this computer, or in the app.

Both sides use it: the Qt window for the navigations it refuses, the server for
``POST /api/open-url``."""

import logging
import threading
import webbrowser
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

WEB_SCHEMES = ("http", "https")
# Longer than any link a person follows; a bigger one is a mistake or a payload.
MAX_URL_LENGTH = 8192


class UrlRefused(ValueError):
    """The URL is not a web address the app will open; the message says why."""


def checked_web_url(url: object) -> str:
    """``url`` when it is an http or https address with a host; raises ``UrlRefused``."""
    if not isinstance(url, str) or not url.strip():
        raise UrlRefused("the address must be text such as https://example.com")
    if len(url) > MAX_URL_LENGTH:
        raise UrlRefused(f"the address is longer than {MAX_URL_LENGTH} characters")
    if any(character.isspace() or ord(character) < 0x20 for character in url):
        raise UrlRefused("the address must not contain spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise UrlRefused("the address cannot be read as a URL") from None
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        shown = f"{scheme}:" if scheme else "an address without a scheme"
        raise UrlRefused(f"only http and https addresses are opened, not {shown}")
    if not parts.hostname:
        raise UrlRefused("the address has no host")
    return url


def open_in_browser(url: str) -> None:
    """Hands ``url`` to the system browser and returns at once (``webbrowser`` may run a
    program and wait for it). Raises ``UrlRefused`` for anything but a web address."""
    checked = checked_web_url(url)
    threading.Thread(target=_open, args=(checked,), name="system-browser", daemon=True).start()


def _open(url: str) -> None:
    if not webbrowser.open(url, new=2):
        # Not the address: it may carry what the user would not want in a log.
        logger.warning("No system browser could be started to open a link")
