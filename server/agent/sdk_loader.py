"""Loads the agent side of the server (the Agents SDK, ``openai``, ``chatkit.server``) in a
background thread, so the saved history answers before that ~1.5 s import has finished."""

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.agent.chatkit_server import DesktopChatKitServer


class ChatKitServerLoader:
    def __init__(self, build: "Callable[[], DesktopChatKitServer]") -> None:
        self._build = build
        self._future: Future[DesktopChatKitServer] = Future()
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()

    def start(self) -> None:
        with self._starting:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._load, name="chatkit-server-loader", daemon=True
                )
                self._thread.start()

    def _load(self) -> None:
        try:
            self._future.set_result(self._build())
        except BaseException as error:
            self._future.set_exception(error)

    def when_loaded(self, callback: Callable[[], None]) -> None:
        """``callback`` runs once the agent side has been built, on the thread that built it
        (at once, here, if it has been); never if building it failed."""

        def after(built: "Future[DesktopChatKitServer]") -> None:
            if built.exception() is None:
                callback()

        self._future.add_done_callback(after)

    @property
    def loaded(self) -> bool:
        return self._future.done() and self._future.exception() is None

    async def get(self) -> "DesktopChatKitServer":
        if self.loaded:
            # Every message asks; waiting on the loaded future would cost a wake-up of the
            # event loop from another thread before each answer could start.
            return self._future.result()
        self.start()
        return await asyncio.wrap_future(self._future)

    async def aclose(self) -> None:
        if self.loaded:
            await self._future.result().aclose()
