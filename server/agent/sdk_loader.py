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

    @property
    def loaded(self) -> bool:
        return self._future.done() and self._future.exception() is None

    async def get(self) -> "DesktopChatKitServer":
        self.start()
        return await asyncio.wrap_future(self._future)

    async def aclose(self) -> None:
        if self.loaded:
            await self._future.result().aclose()
