"""Assembles the FastAPI app: the routes behind the loopback guards."""

from fastapi import FastAPI

from server.attachments.attachment_store import UPLOAD_PATH_PREFIX
from server.export.jobs import ExportJobs
from server.http.errors import install_error_handlers
from server.http.services import Services
from server.middleware import install_loopback_guards
from server.routes import (
    ask,
    attachments,
    chatkit,
    chatkit_session,
    diagnostics,
    exports,
    history,
    hosted_sync,
    insert,
    key,
    models,
    open_url,
    page,
    settings,
    shortcut,
    status,
    tools,
    uploads,
    window,
)

# ChatKit's code and its frame come from here, only: OpenAI serves the element nowhere else.
CHATKIT_CDN = "https://cdn.platform.openai.com"

# The page's policy, each source for one reason. Everything else falls to default-src 'none'.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        # Our modules, and ChatKit's script (with whatever it loads beside it on its CDN).
        f"script-src 'self' {CHATKIT_CDN}",
        # ChatKit draws in a frame served from its CDN. What that frame itself reaches (OpenAI's
        # services) is governed by the frame's own policy, not by ours.
        f"frame-src {CHATKIT_CDN}",
        # Our API only: ChatKit's requests run through the page's own fetch, to /chatkit.
        "connect-src 'self'",
        # Our stylesheets, and inline styles for ChatKit's element: custom elements commonly put
        # style elements in their shadow root, and its code (OpenAI's, changing without notice)
        # cannot be checked from here. Styles run no code; scripts get no 'unsafe-inline' and no
        # 'unsafe-eval' (the page talks HTTP to us, never through pywebview's bridge).
        "style-src 'self' 'unsafe-inline'",
        # Attachments in the built-in view: thumbnails come as data: URLs (no loopback address
        # that changes with the port), the full image as a Blob URL of bytes fetched with the
        # token.
        "img-src data: blob:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
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
    app.state.export_jobs = ExportJobs()
    app.include_router(chatkit.router)
    app.include_router(settings.router)
    app.include_router(key.router)
    app.include_router(status.router)
    app.include_router(window.router)
    app.include_router(ask.router)
    app.include_router(insert.router)
    app.include_router(shortcut.router)
    app.include_router(history.router)
    app.include_router(exports.router)
    app.include_router(attachments.router)
    app.include_router(uploads.router)
    app.include_router(diagnostics.router)
    app.include_router(tools.router)
    chatkit_session.attach_workflow_sessions(app.state, services)
    app.include_router(chatkit_session.router)
    app.include_router(hosted_sync.router)
    app.include_router(models.router)
    app.include_router(open_url.router)
    app.include_router(page.router)
    app.mount("/static", page.static_files(), name="static")
    install_error_handlers(app)
    install_loopback_guards(
        app,
        port=port,
        token=token,
        public_paths=page.PUBLIC_PATHS,
        public_prefixes=page.PUBLIC_PREFIXES,
        capability_prefixes=(UPLOAD_PATH_PREFIX,),
        capability_max_body_bytes=uploads.MAX_UPLOAD_BODY_BYTES,
        content_security_policy=CONTENT_SECURITY_POLICY,
    )
    return app
