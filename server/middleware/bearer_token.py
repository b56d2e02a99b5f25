"""Requires ``Authorization: Bearer <token>`` with this launch's token on every path but the
public ones (the page shell and its static files, which hold no secret).

The token is compared in constant time, so response timing says nothing about how much of a
guess was right. It appears in no message, log line or exception raised here.
"""

import hmac
import re

from starlette.types import ASGIApp, Receive, Scope, Send

from server.middleware.headers import header_values
from server.middleware.path_rules import PathRule
from server.middleware.refusal import refuse

# token_urlsafe(32) gives 43 characters; a shorter token of the same alphabet carries under
# 256 bits.
MIN_TOKEN_LENGTH = 43
# RFC 6750's b64token: what a Bearer credential may be made of.
_B64TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")


class BearerToken:
    def __init__(self, app: ASGIApp, token: str, public: PathRule) -> None:
        if len(token) < MIN_TOKEN_LENGTH or not _B64TOKEN.fullmatch(token):
            raise ValueError(
                f"the bearer token must be at least {MIN_TOKEN_LENGTH} characters "
                "of the base64url alphabet"
            )
        self.app = app
        self._token = token.encode("ascii")
        self.public = public

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.public.matches(scope["path"]):
            await self.app(scope, receive, send)
            return
        credentials = _bearer_credentials(header_values(scope, b"authorization"))
        if credentials is None:
            await self._challenge(scope, receive, send, "Bearer", "Authorization required")
        elif not hmac.compare_digest(credentials, self._token):
            await self._challenge(
                scope, receive, send, 'Bearer error="invalid_token"', "Invalid token"
            )
        else:
            await self.app(scope, receive, send)

    async def _challenge(
        self, scope: Scope, receive: Receive, send: Send, challenge: str, message: str
    ) -> None:
        await refuse(scope, receive, send, 401, message, {"WWW-Authenticate": challenge})


def _bearer_credentials(authorizations: list[bytes]) -> bytes | None:
    """The credentials of a single ``Bearer`` authorization, or None when there is none, more
    than one, or another scheme."""
    if len(authorizations) != 1:
        return None
    scheme, _, credentials = authorizations[0].strip().partition(b" ")
    credentials = credentials.strip()
    if scheme.lower() != b"bearer" or not credentials:
        return None
    return credentials
