"""Assembles the FastAPI app: the routes behind the loopback guards."""

from fastapi import FastAPI

from server.http_errors import install_error_handlers
from server.middleware import install_loopback_guards
from server.routes import chatkit, page, settings
from server.services import Services

# What the page may load: our origin, and ChatKit's script and frame from OpenAI's CDN.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    "script-src 'self' https://cdn.platform.openai.com; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https:; "
    "font-src 'self' data: https:; "
    "connect-src 'self' https://*.openai.com; "
    "frame-src https://cdn.platform.openai.com https://*.openai.com; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def create_app(*, services: Services, port: int, token: str) -> FastAPI:
    app = FastAPI(
        title="ChatKit Desktop",
        version=services.version,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.services = services
    app.include_router(chatkit.router)
    app.include_router(settings.router)
    app.include_router(page.router)
    app.mount("/static", page.static_files(), name="static")
    install_error_handlers(app)
    install_loopback_guards(
        app,
        port=port,
        token=token,
        public_paths=page.PUBLIC_PATHS,
        public_prefixes=page.PUBLIC_PREFIXES,
        content_security_policy=CONTENT_SECURITY_POLICY,
    )
    return app
