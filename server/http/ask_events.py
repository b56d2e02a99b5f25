"""The "ask about this" events: from the shortcut or ``chatkit-desktop ask`` to every open page.

Publishing works from any thread (the shortcut has its own); pages listen on the server's event
loop through ``GET /api/events``. An ask that arrives while no page listens (the app is still
starting, or the page is reloading) waits for the next page that connects, for a while.
"""

import asyncio
import itertools
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

# Long enough for a cold start of the window; short enough that an old ask never surprises.
UNDELIVERED_LIFETIME_SECONDS = 120.0
# A comment on an idle stream now and then, so a dead connection is noticed and cleaned up.
KEEPALIVE_SECONDS = 20.0


@dataclass(frozen=True)
class AskEvent:
    id: int
    context: dict[str, Any]
    """In the shape of a message's ``metadata.context``; empty when nothing was shared."""

    def as_json(self) -> dict[str, Any]:
        return {"type": "ask", "id": self.id, "context": self.context}


@dataclass(frozen=True)
class KeepAlive:
    """Nothing happened for a while: say so on the wire, so a dead stream is found."""


_CLOSED = object()


class AskEvents:
    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listeners: set[asyncio.Queue[object]] = set()
        self._undelivered: tuple[AskEvent, float] | None = None
        self._closed = False

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """The loop the pages listen on; events published before this wait for it."""
        with self._lock:
            self._loop = loop
            self._closed = False

    def publish(self, context: dict[str, Any]) -> AskEvent:
        """From any thread: hands the event to every listening page, or keeps it for the next."""
        event = AskEvent(next(self._ids), context)
        with self._lock:
            loop = self._loop
        if loop is None:
            self._keep(event)
            return event
        try:
            loop.call_soon_threadsafe(self._deliver, event)
        except RuntimeError:  # the loop has closed: the server is stopping
            self._keep(event)
        return event

    def deliver_now(self, context: dict[str, Any]) -> tuple[AskEvent, int]:
        """On the server's loop: publishes and says how many pages received it."""
        event = AskEvent(next(self._ids), context)
        return event, self._deliver(event)

    def close(self) -> None:
        """On the server's loop: ends every stream, so shutting down never waits on a page."""
        with self._lock:
            self._closed = True
        for queue in self._listeners:
            queue.put_nowait(_CLOSED)

    async def listen(self) -> AsyncIterator[AskEvent | KeepAlive]:
        queue: asyncio.Queue[object] = asyncio.Queue()
        self._listeners.add(queue)
        waiting = self._take_undelivered()
        if waiting is not None:
            queue.put_nowait(waiting)
        try:
            while not self._closed:
                try:
                    item = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    yield KeepAlive()
                    continue
                if item is _CLOSED:
                    return
                assert isinstance(item, AskEvent)
                yield item
        finally:
            self._listeners.discard(queue)

    def _deliver(self, event: AskEvent) -> int:
        if not self._listeners:
            self._keep(event)
            return 0
        for queue in self._listeners:
            queue.put_nowait(event)
        return len(self._listeners)

    def _keep(self, event: AskEvent) -> None:
        with self._lock:
            self._undelivered = (event, time.monotonic())

    def _take_undelivered(self) -> AskEvent | None:
        with self._lock:
            kept, self._undelivered = self._undelivered, None
        if kept is None:
            return None
        event, kept_at = kept
        if time.monotonic() - kept_at > UNDELIVERED_LIFETIME_SECONDS:
            return None
        return event
