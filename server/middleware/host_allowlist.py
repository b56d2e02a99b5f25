"""Refuses any request whose ``Host`` is not exactly one of our loopback names and port.

A page in the user's browser can point a name it controls at 127.0.0.1 (DNS rebinding) and
then talk to us as if same-origin; its requests still carry its own name in ``Host``. So no
route is exempt, the page included. Refused with 403, like every other guard's refusal of a
client that may not talk to us at all (only the token answers 401, as a challenge).
"""

from starlette.types import ASGIApp, Receive, Scope, Send

from server.middleware.headers import header_values
from server.middleware.refusal import refuse

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
HTTP_DEFAULT_PORT = 80


def loopback_hosts(port: int) -> frozenset[str]:
    """The ``Host`` values that name this server: each loopback name with the port, and without
    it only where clients leave it out, on the default port."""
    if not 0 < port < 65536:
        raise ValueError(f"not a TCP port: {port}")
    hosts = {f"{name}:{port}" for name in LOOPBACK_NAMES}
    if port == HTTP_DEFAULT_PORT:
        hosts.update(LOOPBACK_NAMES)
    return frozenset(hosts)


class HostAllowlist:
    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str]) -> None:
        self.app = app
        self.allowed_hosts = frozenset(host.lower().encode("ascii") for host in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not self._allowed(scope):
            await refuse(scope, receive, send, 403, "This server answers only to its own address")
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        # Exactly one Host: with two, parts of a stack could each believe a different one.
        hosts = header_values(scope, b"host")
        return len(hosts) == 1 and hosts[0].lower() in self.allowed_hosts
