"""Runs calls on one owner thread: backends whose OS handles belong to the thread that made
them (an X connection, a Windows message queue) take register/unregister from any thread."""

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

Result = TypeVar("Result")

# Long enough for a slow X server or a busy machine; short enough that a wedged backend thread
# shows as an error instead of a frozen Settings page.
CALL_TIMEOUT = 10.0


class BackendStopped(RuntimeError):
    """The owner thread has ended, or is stuck: the call did not run, or not in time."""


class ThreadCalls:
    def __init__(self, wake: Callable[[], None]) -> None:
        """``wake`` makes the owner thread's wait return, so it calls ``run_pending``."""
        self._wake = wake
        self._pending: queue.SimpleQueue[tuple[Callable[[], object], Future[object]]] = (
            queue.SimpleQueue()
        )
        self._owner: threading.Thread | None = None
        self._stopped = False
        self._lock = threading.Lock()

    def bind(self, owner: threading.Thread) -> None:
        self._owner = owner

    def call(self, function: Callable[[], Result]) -> Result:
        """Runs ``function`` on the owner thread and returns what it returned or raises what it
        raised; runs it at once when called on the owner thread itself (from ``on_press``)."""
        if threading.current_thread() is self._owner:
            return function()
        future: Future[object] = Future()
        with self._lock:
            if self._stopped:
                raise BackendStopped("the hotkey thread has stopped")
            self._pending.put((function, future))
        self._wake()
        try:
            return future.result(CALL_TIMEOUT)  # type: ignore[return-value]
        except FutureTimeout as error:
            raise BackendStopped("the hotkey thread did not answer") from error

    def run_pending(self) -> None:
        """On the owner thread: runs what was queued."""
        while True:
            try:
                function, future = self._pending.get_nowait()
            except queue.Empty:
                return
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(function())
            except Exception as error:
                future.set_exception(error)

    def stop(self) -> None:
        """On the owner thread, as it ends: whatever is still queued fails instead of waiting."""
        with self._lock:
            self._stopped = True
        while True:
            try:
                _, future = self._pending.get_nowait()
            except queue.Empty:
                return
            if future.set_running_or_notify_cancel():
                future.set_exception(BackendStopped("the hotkey thread has stopped"))
