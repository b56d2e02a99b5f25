"""Runs calls that may hang (accessibility queries answered by another, possibly frozen,
program) on a worker thread, and stops waiting for them after a time limit."""

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

Result = TypeVar("Result")


class CallTimedOut(Exception):
    """The call did not finish in time; it may still be running on the worker."""


class TimeLimitedWorker:
    """One daemon thread, so the calls share whatever per-thread setup they need (COM) and a
    call that never returns does not keep the app from exiting."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._pending: queue.SimpleQueue[tuple[Callable[[], object], Future[object]] | None] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, function: Callable[[], Result], limit: float) -> Result:
        future: Future[object] = Future()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name=self._name, daemon=True)
                self._thread.start()
            self._pending.put((function, future))
        try:
            return future.result(limit)  # type: ignore[return-value]
        except FutureTimeout as error:
            future.cancel()
            raise CallTimedOut(f"no answer within {limit * 1000:.0f} ms") from error

    def close(self) -> None:
        """Does not wait: the thread may be stuck in a call that never returns."""
        with self._lock:
            if self._thread is not None:
                self._pending.put(None)
                self._thread = None

    def _serve(self) -> None:
        while (item := self._pending.get()) is not None:
            function, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(function())
            except Exception as error:
                future.set_exception(error)
