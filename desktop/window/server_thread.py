"""The local server on a background thread, since the GUI owns the main thread.

It is built on that thread too, so its imports (FastAPI, the store, ChatKit's types) overlap
with Qt's start-up on the main thread. It serves only once ``serve()`` is called: by then the
window controller is attached, so a second launch never finds a server without its window.
"""

import asyncio
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.local_server import LocalServer

BUILD_TIMEOUT_SECONDS = 60.0


class ServerThread:
    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._built: Future[LocalServer] = Future()
        self._go = threading.Event()
        self._cancelled = False
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="local-server", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def local_server(self) -> "LocalServer":
        """The built server; raises what building it raised (``StoreError``, ``OSError``)."""
        return self._built.result(timeout=BUILD_TIMEOUT_SECONDS)

    def serve(self) -> None:
        self._go.set()

    def stop(self, timeout: float) -> bool:
        """Stops serving (``runtime.json`` goes with it) and closes the socket and the store.
        False if the server did not stop within ``timeout`` seconds."""
        self._cancelled = True
        if self._built.done() and self._built.exception() is None:
            self._built.result().request_stop()
        self._go.set()
        self._thread.join(timeout)
        stopped = not self._thread.is_alive()
        if stopped and self._built.done() and self._built.exception() is None:
            self._built.result().close()
        return stopped

    @property
    def failure(self) -> BaseException | None:
        """What ended serving early, if anything did."""
        return self._failure

    def _run(self) -> None:
        try:
            from server.local_server import LocalServer

            local = LocalServer(self._data_dir, preload_agent=False)
        except BaseException as error:
            self._built.set_exception(error)
            return
        self._built.set_result(local)
        self._go.wait()
        if self._cancelled:
            return
        try:
            asyncio.run(local.serve())
        except BaseException as error:
            self._failure = error
