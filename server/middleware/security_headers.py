"""Headers every response gets, whoever made it (routes, static files, the guards' refusals):

- ``X-Content-Type-Options: nosniff``, so nothing we serve is ever run as another type;
- ``Cache-Control: no-store`` on the API and ChatKit paths, whose answers hold the history;
- the given ``Content-Security-Policy`` on HTML responses, that is, the page shell.

Headers are added as the response starts; the body passes through untouched, so streams stay
streams.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.middleware.path_rules import PathRule

NO_STORE_PATHS = PathRule.of(paths=("/chatkit",), prefixes=("/api/",))


class SecurityHeaders:
    def __init__(
        self,
        app: ASGIApp,
        content_security_policy: str | None = None,
        no_store: PathRule = NO_STORE_PATHS,
    ) -> None:
        self.app = app
        self.content_security_policy = content_security_policy
        self.no_store = no_store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = self.no_store.matches(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if no_store:
                    headers["Cache-Control"] = "no-store"
                if self.content_security_policy and _is_html(headers):
                    headers["Content-Security-Policy"] = self.content_security_policy
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_html(headers: MutableHeaders) -> bool:
    return headers.get("content-type", "").lower().startswith("text/html")
