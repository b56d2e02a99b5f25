"""Refuses a request whose ``Origin`` is present and not our own.

Browsers send ``Origin`` on cross-origin requests and on same-origin ones that change state;
our own page is same-origin, so ours is the only origin that may appear. ``Origin: null``
(sandboxed frames, ``file:`` pages, some redirects) is refused: anything can be "null". No CORS
header is ever sent, so a browser never lets another origin read an answer either.
"""

from starlette.types import ASGIApp, Receive, Scope, Send

from server.middleware.headers import header_values
from server.middleware.path_rules import PathRule
from server.middleware.refusal import refuse

_NO_PATHS = PathRule.of()


def loopback_origins(allowed_hosts: frozenset[str]) -> frozenset[str]:
    return frozenset(f"http://{host}" for host in allowed_hosts)


class OriginCheck:
    def __init__(
        self,
        app: ASGIApp,
        allowed_origins: frozenset[str],
        any_origin: PathRule = _NO_PATHS,
    ) -> None:
        """``any_origin``: paths whose secret is in the path itself, sent from other origins."""
        self.app = app
        self.any_origin = any_origin
        self.allowed_origins = frozenset(
            origin.lower().encode("ascii") for origin in allowed_origins
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] in ("http", "websocket")
            and not self.any_origin.matches(scope["path"])
            and not self._allowed(scope)
        ):
            await refuse(scope, receive, send, 403, "Requests from other origins are refused")
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        origins = header_values(scope, b"origin")
        if not origins:
            return True
        return len(origins) == 1 and origins[0].lower() in self.allowed_origins
