"""One lock per thread id, kept only while someone holds it or waits for it: the server meets
many threads in its life, and a lock left behind for each would only grow."""

import asyncio
import contextlib
from collections.abc import AsyncIterator


class ThreadLocks:
    """Lives on the server's event loop: every method is called there."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def held(self, thread_id: str) -> AsyncIterator[None]:
        """Holds the thread's lock, waiting for whoever holds it now."""
        lock = self._locks.setdefault(thread_id, asyncio.Lock())
        self._users[thread_id] = self._users.get(thread_id, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[thread_id] -= 1
            if not self._users[thread_id]:
                del self._users[thread_id], self._locks[thread_id]

    def __len__(self) -> int:
        return len(self._locks)
