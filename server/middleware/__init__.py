"""Pure ASGI middlewares that guard the loopback server, one concern per module.

``install_loopback_guards`` puts them all on an app, in order; see ``loopback_guards``.
"""

from server.middleware.body_limit import DEFAULT_MAX_BODY_BYTES
from server.middleware.host_allowlist import loopback_hosts
from server.middleware.loopback_guards import install_loopback_guards

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "install_loopback_guards",
    "loopback_hosts",
]
