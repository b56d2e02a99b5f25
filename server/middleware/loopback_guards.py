"""All the guards of the loopback server, installed on an app in the one order that works.

Outermost first, as a request meets them:

1. ``SecurityHeaders``: outside every guard, so their refusals carry nosniff and no-store too.
2. ``HostAllowlist``: a DNS-rebinding page is turned away before anything else looks at its
   request, and learns nothing from what the other guards would have said.
3. ``OriginCheck``: another site's page is turned away whatever it sends, before its token
   could be tried, so no foreign page can use us as an oracle for guesses.
4. ``BodyLimit``: a declared oversize body is refused before anything is read. It counts what
   the app reads, so it must wrap the app; the token check below reads no body.
5. ``BearerToken``: the last gate before the app, so every request that reaches a route has
   passed all of the above.

Capability paths (the attachment uploads) carry their own secret in the path, single-use and
short-lived, because the one who sends them (ChatKit's frame, on OpenAI's origin) can add
neither our token nor our origin: they pass the origin and token checks, and get a body limit
of their own. The Host allowlist still applies, so DNS rebinding cannot reach them.
"""

from collections.abc import Iterable

from starlette.applications import Starlette

from server.middleware.bearer_token import BearerToken
from server.middleware.body_limit import DEFAULT_MAX_BODY_BYTES, BodyLimit
from server.middleware.host_allowlist import HostAllowlist, loopback_hosts
from server.middleware.origin_check import OriginCheck, loopback_origins
from server.middleware.path_rules import PathRule
from server.middleware.security_headers import SecurityHeaders


def install_loopback_guards(
    app: Starlette,
    *,
    port: int,
    token: str,
    public_paths: Iterable[str] = (),
    public_prefixes: Iterable[str] = (),
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    capability_prefixes: Iterable[str] = (),
    capability_max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    content_security_policy: str | None = None,
) -> None:
    """Guard ``app``, served on 127.0.0.1 at ``port``. Paths in ``public_paths``, or starting
    with one of ``public_prefixes``, need no token: give only paths that hold no secret."""
    hosts = loopback_hosts(port)
    capabilities = tuple(capability_prefixes)
    capability_paths = PathRule.of(prefixes=capabilities)
    public = PathRule.of(public_paths, (*public_prefixes, *capabilities))
    # Starlette wraps the app in middlewares in reverse order of adding: innermost first.
    app.add_middleware(BearerToken, token=token, public=public)
    app.add_middleware(
        BodyLimit,
        max_body_bytes=max_body_bytes,
        larger_limit=(capability_paths, capability_max_body_bytes),
    )
    app.add_middleware(
        OriginCheck, allowed_origins=loopback_origins(hosts), any_origin=capability_paths
    )
    app.add_middleware(HostAllowlist, allowed_hosts=hosts)
    app.add_middleware(SecurityHeaders, content_security_policy=content_security_policy)
