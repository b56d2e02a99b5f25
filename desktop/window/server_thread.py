"""The local server on a background thread, since the GUI owns the main thread.

It is built on that thread too, so its imports (FastAPI, the store, ChatKit's types) overlap
with Qt's start-up on the main thread, which opens the window on the address taken beforehand
(``LoopbackEndpoint``) without waiting for them. It serves only once ``serve()`` has handed it
what to attach (the window controller): a second launch never finds a server without its
window, and the page's first request waits in the socket's backlog until then.
"""

import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.opening_progress import SlowOpening
from server.http.loopback_endpoint import LoopbackEndpoint

if TYPE_CHECKING:
    from server.http.local_server import LocalServer


class ServerThread:
    def __init__(
        self, data_dir: Path, endpoint: LoopbackEndpoint, opening: SlowOpening | None = None
    ) -> None:
        """``endpoint`` becomes the server's, which closes it; or this thread's, if building
        the server fails. ``opening`` hears the steps of opening the store, and when it is
        over."""
        self._data_dir = data_dir
        self._endpoint = endpoint
        self._opening = opening
        self._built: Future[LocalServer] = Future()
        self._go = threading.Event()
        self._lock = threading.Lock()
        self._prepare: Callable[[LocalServer], None] | None = None
        self._on_build_failure: Callable[[BaseException], None] | None = None
        self._cancelled = False
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="local-server", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def serve(
        self,
        prepare: Callable[["LocalServer"], None],
        on_build_failure: Callable[[BaseException], None],
    ) -> None:
        """Once built, ``prepare`` runs on the server's thread, then it serves. If building
        fails from now on, ``on_build_failure`` runs there instead; a failure before this call
        is ``build_failure``'s to report."""
        with self._lock:
            self._prepare = prepare
            self._on_build_failure = on_build_failure
        self._go.set()

    @property
    def build_failure(self) -> BaseException | None:
        """What building the server raised, once it has; None while it is being built."""
        if not self._built.done():
            return None
        return self._built.exception()

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

    def _opening_over(self, opened: bool) -> None:
        if self._opening is not None:
            self._opening.finish(opened)

    def _run(self) -> None:
        try:
            import asyncio

            from server.http.local_server import LocalServer
            from server.store.progress import no_progress

            local = LocalServer(
                self._data_dir,
                endpoint=self._endpoint,
                preload_agent=False,
                on_store_progress=self._opening.report if self._opening else no_progress,
            )
        except BaseException as error:
            self._opening_over(opened=False)
            self._endpoint.close()
            with self._lock:
                self._built.set_exception(error)
                on_build_failure = self._on_build_failure
            if on_build_failure is not None:
                on_build_failure(error)
            return
        self._opening_over(opened=True)
        self._built.set_result(local)
        self._go.wait()
        if self._cancelled:
            return
        assert self._prepare is not None
        try:
            self._prepare(local)
            asyncio.run(local.serve())
        except BaseException as error:
            self._failure = error
