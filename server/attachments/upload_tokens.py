"""Single-use upload capabilities: the secret in an upload URL, since ChatKit's frame uploads
without our Bearer header. Kept in memory only: a restart changes the port, so every URL
issued before it is dead anyway."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

UPLOAD_LIFETIME_SECONDS = 10 * 60


class UploadLinkRefused(Exception):
    """The link was never issued, was used already, or has expired; the message says which
    without repeating the token."""

    def __init__(self, message: str, *, expired: bool) -> None:
        super().__init__(message)
        self.expired = expired


@dataclass(frozen=True)
class _Grant:
    attachment_id: str
    expires_at: float


class UploadTokens:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._grants: dict[str, _Grant] = {}

    def issue(self, attachment_id: str) -> str:
        self._forget_expired()
        token = secrets.token_urlsafe(32)
        self._grants[token] = _Grant(attachment_id, self._clock() + UPLOAD_LIFETIME_SECONDS)
        return token

    def take(self, token: str) -> str:
        """The attachment the token uploads; the token is spent whatever happens next."""
        grant = self._grants.pop(token, None)
        if grant is None:
            raise UploadLinkRefused(
                "this upload link was never issued or has been used already", expired=False
            )
        if self._clock() >= grant.expires_at:
            raise UploadLinkRefused("this upload link has expired", expired=True)
        return grant.attachment_id

    def revoke(self, attachment_id: str) -> None:
        for token, grant in list(self._grants.items()):
            if grant.attachment_id == attachment_id:
                del self._grants[token]

    def _forget_expired(self) -> None:
        now = self._clock()
        for token, grant in list(self._grants.items()):
            if now >= grant.expires_at:
                del self._grants[token]
