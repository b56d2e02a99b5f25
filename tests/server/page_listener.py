"""An open page's event stream, ``GET /api/events``, read on its own thread as a browser
would: for tests of what reaches the page from the shortcut and ``chatkit-desktop ask``."""

import contextlib
import http.client
import json
import queue
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.server.running_server import RunningServer

EVENT_TIMEOUT = 10.0


class PageListener:
    """An open page's side of ``/api/events``, read on its own thread as a browser would."""

    def __init__(self, server: RunningServer) -> None:
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.listening = threading.Event()
        self.ended = threading.Event()
        self._connection = http.client.HTTPConnection("127.0.0.1", server.local.port, timeout=30)
        self._connection.request(
            "GET", "/api/events", headers={"Authorization": f"Bearer {server.token}"}
        )
        self._response = self._connection.getresponse()
        assert self._response.status == 200
        assert self._response.getheader("content-type", "").startswith("text/event-stream")
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        assert self.listening.wait(EVENT_TIMEOUT), "the event stream did not open"

    def _read(self) -> None:
        name = None
        try:
            while line := self._response.readline():
                text = line.decode().rstrip("\n")
                if text == ": listening":
                    self.listening.set()
                elif text.startswith("event: "):
                    name = text.removeprefix("event: ")
                elif text.startswith("data: "):
                    self.events.put({"event": name, **json.loads(text.removeprefix("data: "))})
        except (OSError, http.client.HTTPException):
            pass
        finally:
            self.ended.set()

    def next_event(self) -> dict[str, Any]:
        return self.events.get(timeout=EVENT_TIMEOUT)

    def close(self) -> None:
        # Shutting the socket down wakes the reading thread, as a closed tab would.
        if self._connection.sock is not None:
            with contextlib.suppress(OSError):
                self._connection.sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(EVENT_TIMEOUT)
        self._response.close()
        self._connection.close()


@contextmanager
def listening_page(server: RunningServer) -> Iterator[PageListener]:
    listener = PageListener(server)
    try:
        yield listener
    finally:
        listener.close()
