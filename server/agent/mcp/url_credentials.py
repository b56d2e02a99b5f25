"""URLs in an error's text cut down to what names the server: a user name and password
(``user:pass@``), a query (``?token=…``) and a fragment may be secrets, and the text is logged
and shown on the page (``/api/tools``)."""

import re

# A scheme, "://", and everything up to a space, a quote or an angle bracket.
_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")
_QUERY_OR_FRAGMENT = re.compile(r"[?#]")


def without_url_credentials(text: str) -> str:
    """``text`` with every URL in it reduced to its scheme, host, port and path."""
    return _URL.sub(_reduced, text)


def _reduced(match: re.Match[str]) -> str:
    scheme, rest = match.group(0).split("://", 1)
    # The user name and password end at the last "@" before the path, even when a "?" or "#"
    # in the password (which should have been escaped) looks like a query.
    authority = rest.split("/", 1)[0]
    if "@" in authority:
        rest = rest[authority.rindex("@") + 1 :]
    return f"{scheme}://{_QUERY_OR_FRAGMENT.split(rest, maxsplit=1)[0]}"
