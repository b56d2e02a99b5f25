"""The local server as one object: store, token, socket, app and uvicorn, with a clean start
and stop. ``chatkit-desktop serve`` and the window both run it."""

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from common.paths import database_path, profile_of
from common.runtime_file import RuntimeInfo, remove_runtime_file, write_runtime_file
from server.agent.sdk_loader import ChatKitServerLoader
from server.attachments.attachment_store import DesktopAttachmentStore
from server.attachments.files import AttachmentFiles
from server.http.app import create_app
from server.http.ask_events import AskEvents
from server.http.loopback_endpoint import LoopbackEndpoint
from server.http.services import Services
from server.settings.model_choice import BASE_URL_ENV
from server.settings.offered_models import OfferedModels
from server.settings.settings_file import SettingsFile
from server.settings.stored_key import ServerApiKey
from server.store import SQLiteStore
from server.store.progress import OpeningProgress, no_progress
from server.tuning.thread_switching import switch_threads_promptly

if TYPE_CHECKING:
    from server.agent.chatkit_server import DesktopChatKitServer

logger = logging.getLogger(__name__)


class LocalServer:
    def __init__(
        self,
        data_dir: Path,
        port: int = 0,
        *,
        endpoint: LoopbackEndpoint | None = None,
        preload_agent: bool = True,
        on_store_progress: OpeningProgress = no_progress,
    ) -> None:
        """``endpoint``: one opened earlier (then ``port`` is unused), which the server then
        owns. ``preload_agent=False`` leaves loading the agent to ``load_agent()`` (or the
        first message): the window calls it once its page has loaded, so the ~100 MB import
        does not compete with the first paint. ``on_store_progress`` hears the steps of opening
        the store (``server/store/progress.py``)."""
        self._preload_agent = preload_agent
        self.data_dir = data_dir
        self.version = version("chatkit-desktop")
        attachment_files = AttachmentFiles(data_dir)
        self.store = SQLiteStore(
            database_path(data_dir),
            on_store_progress,
            remove_attachment_files=attachment_files.delete_all,
        )
        try:
            self.endpoint = endpoint or LoopbackEndpoint.open(port)
        except OSError:
            self.store.close()
            raise
        self.socket = self.endpoint.socket
        self.port = self.endpoint.port
        self.url = self.endpoint.url
        self.token = self.endpoint.token
        self.settings_file = settings_file = SettingsFile.of_profile(profile_of(data_dir))
        self.attachments = attachments = DesktopAttachmentStore(
            self.store, attachment_files, settings_file, self.url, clock=time.time
        )
        self.offered_models = offered_models = OfferedModels()
        self.api_key = api_key = ServerApiKey()
        self.chatkit_server = ChatKitServerLoader(
            lambda: _build_chatkit_server(
                self.store, settings_file, attachments, offered_models, api_key
            )
        )
        self.ask_events = AskEvents()
        services = Services(
            store=self.store,
            settings_file=settings_file,
            chatkit_server=self.chatkit_server,
            api_key=api_key,
            version=self.version,
            ask_events=self.ask_events,
            attachments=attachments,
            offered_models=offered_models,
        )
        self.app = create_app(services=services, port=self.port, token=self.token)
        self.app.router.lifespan_context = self._lifespan
        self._on_ready: Callable[[], None] | None = None
        self._uvicorn = _Uvicorn(
            uvicorn.Config(
                self.app,
                # httptools' C parser rather than h11's pure Python: an answer's first words
                # arrive about 1 ms sooner and a long one costs 3-5 % less CPU
                # (bench/stream.py). Named, not "auto", so a bundle without it fails loudly.
                http=HttpToolsProtocol,
                # uvicorn's own configuration would replace the process's logging (closing
                # the log file's handler); without it, its warnings reach the log like any.
                log_config=None,
                log_level="warning",
                access_log=False,
                lifespan="on",
            ),
            before_shutdown=self.ask_events.close,
        )

    def load_agent(self) -> None:
        """Starts importing the Agents SDK side in the background; safe to call repeatedly."""
        self.chatkit_server.start()

    @property
    def page_url(self) -> str:
        return self.endpoint.page_url

    @asynccontextmanager
    async def _lifespan(self, _app: FastAPI) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(_log_loop_failure)
        self.ask_events.bind(loop)
        # The keyring's one read starts now, on its own thread, so that the page's first
        # status usually finds it done; it starts only where a key will be read anyway.
        settings = self.settings_file.load()
        self.api_key.stored.view(os.environ.get(BASE_URL_ENV) or settings.base_url)
        self.chatkit_server.when_loaded(lambda: self._start_tool_servers(loop))
        if self._preload_agent:
            self.load_agent()
        write_runtime_file(
            self.data_dir,
            RuntimeInfo(
                url=self.url,
                port=self.port,
                token=self.token,
                pid=os.getpid(),
                version=self.version,
            ),
        )
        clean_up = asyncio.create_task(
            self.attachments.clean_up_forever(), name="attachment-clean-up"
        )
        if self._on_ready is not None:
            self._on_ready()
        try:
            yield
        finally:
            clean_up.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await clean_up
            remove_runtime_file(self.data_dir, os.getpid())
            await self.chatkit_server.aclose()

    def _start_tool_servers(self, loop: asyncio.AbstractEventLoop) -> None:
        """Once the agent side has loaded (called on the loader's thread): the MCP servers of
        the settings start in the background, and again whenever the settings change."""

        async def watch() -> None:
            built = await self.chatkit_server.get()
            await built.mcp_servers.watch(self.settings_file)

        watching = watch()
        try:
            asyncio.run_coroutine_threadsafe(watching, loop)
        except RuntimeError:  # the loop has closed: the server has stopped
            watching.close()

    async def serve(self, on_ready: Callable[[], None] | None = None) -> None:
        """Serves until stopped. ``on_ready`` runs once requests are answered and runtime.json
        is written."""
        self._on_ready = on_ready
        switch_threads_promptly()
        await self._uvicorn.serve(sockets=[self.socket])

    @property
    def started(self) -> bool:
        return self._uvicorn.started

    def request_stop(self) -> None:
        self._uvicorn.should_exit = True

    def close(self) -> None:
        self.socket.close()
        self.store.close()


class _Uvicorn(uvicorn.Server):
    """uvicorn waits for every open response before it stops; the pages' event streams never
    end on their own, so they are ended first, whatever asked the server to stop."""

    def __init__(self, config: uvicorn.Config, before_shutdown: Callable[[], None]) -> None:
        super().__init__(config)
        self._before_shutdown = before_shutdown

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._before_shutdown()
        await super().shutdown(sockets)


def _log_loop_failure(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """What no one awaited: a task's exception, a callback's. asyncio's message, the task's
    coroutine by name, and the traceback; not the rest of the context, whose reprs of futures,
    handles and transports can quote results and arguments."""
    task = context.get("task") or context.get("future")
    coroutine = task.get_coro() if isinstance(task, asyncio.Task) else None
    running = getattr(coroutine, "__qualname__", type(coroutine).__name__)
    logger.error(
        "unexpected error in the server's event loop: %s%s",
        context.get("message", "no message"),
        f" (task running {running})" if coroutine is not None else "",
        exc_info=context.get("exception"),
    )


def _build_chatkit_server(
    store: SQLiteStore,
    settings_file: SettingsFile,
    attachments: DesktopAttachmentStore,
    offered_models: OfferedModels,
    api_key: ServerApiKey,
) -> "DesktopChatKitServer":
    from agents import set_tracing_disabled

    from server.agent.chatkit_server import DesktopChatKitServer

    # Off for the whole process: per-run settings cannot stop the SDK's exporter from starting.
    set_tracing_disabled(not settings_file.load().tracing)
    return DesktopChatKitServer(store, settings_file, api_key, attachments, offered_models)
