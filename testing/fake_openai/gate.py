"""A one-shot gate opened from the test's thread and awaited in the server's event loop."""

import asyncio
import threading


class Gate:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._opened = False
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    @property
    def is_open(self) -> bool:
        return self._opened

    def open(self) -> None:
        with self._lock:
            self._opened = True
            for loop, event in self._waiters:
                loop.call_soon_threadsafe(event.set)

    async def wait(self) -> None:
        event = asyncio.Event()
        waiter = (asyncio.get_running_loop(), event)
        with self._lock:
            if self._opened:
                return
            self._waiters.append(waiter)
        try:
            await event.wait()
        finally:
            # A waiter that is cancelled (the server stopping) must not be woken on a closed loop.
            with self._lock:
                self._waiters.remove(waiter)
