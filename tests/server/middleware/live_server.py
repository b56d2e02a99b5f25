"""Serving an ASGI app with a real uvicorn on a real loopback socket, in a background thread."""

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from starlette.types import ASGIApp

from server.http.loopback_endpoint import bind_loopback

STARTUP_TIMEOUT = 10.0


@dataclass(frozen=True)
class LiveServer:
    port: int

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}"


@contextmanager
def serve_on_loopback(build_app: Callable[[int], ASGIApp]) -> Iterator[LiveServer]:
    """Binds first, so the app can be built for its port, then serves it until the block ends."""
    listener = bind_loopback(0)
    port = listener.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            build_app(port),
            log_level="warning",
            access_log=False,
            lifespan="off",
            ws="websockets-sansio",
            timeout_graceful_shutdown=2,
        )
    )
    thread = threading.Thread(
        target=lambda: asyncio.run(server.serve(sockets=[listener])),
        name=f"uvicorn-{port}",
        daemon=True,
    )
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.started, "uvicorn did not start"
        yield LiveServer(port)
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_TIMEOUT)
        listener.close()
    assert not thread.is_alive(), "uvicorn did not stop"
