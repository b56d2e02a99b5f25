"""Runs calls from any thread on the one thread that owns what they touch: an X connection or a
Windows message queue (their handles belong to the thread that made them), or a worker given over
to calls that may hang (accessibility queries answered by another, possibly frozen, program).
Callers wait only so long, so a wedged owner shows as an error instead of a frozen caller."""

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

Result = TypeVar("Result")
_Call = tuple[Callable[[], object], Future[object]]


class CallNotAnswered(RuntimeError):
    """The owner thread has stopped, or did not answer in time: the call did not run, or it may
    still be running there."""


class OwnerThread:
    """The calls waiting for one thread. That thread either waits in ``serve``, or has a wait of
    its own (an event loop) that ``wake`` makes return, and then calls ``run_pending``."""

    def __init__(self, limit: float, wake: Callable[[], None] = lambda: None) -> None:
        """``limit``: how many seconds a caller waits for its answer."""
        self._limit = limit
        self._wake = wake
        # None, queued by ``stop``, ends ``serve``.
        self._pending: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        self._owner: threading.Thread | None = None
        self._stopped = False
        self._lock = threading.Lock()

    def bind(self, owner: threading.Thread) -> None:
        self._owner = owner

    def call(self, function: Callable[[], Result]) -> Result:
        """Runs ``function`` on the owner thread and returns what it returned or raises what it
        raised. Runs it at once when called on the owner thread itself (a shortcut's
        ``on_press`` changing the registration), which would otherwise wait for itself."""
        if threading.current_thread() is self._owner:
            return function()
        future: Future[object] = Future()
        with self._lock:
            if self._stopped:
                raise self._stopped_error()
            self._pending.put((function, future))
        self._wake()
        try:
            return future.result(self._limit)  # type: ignore[return-value]
        except FutureTimeout as error:
            # Its caller has given up on it: a call that has not started must not run later.
            future.cancel()
            raise CallNotAnswered(f"no answer within {self._limit * 1000:.0f} ms") from error

    def run_pending(self) -> None:
        """On the owner thread, after ``wake``: runs what is queued, without waiting for more."""
        while (queued := self._next_queued()) is not None:
            _run(*queued)

    def serve(self) -> None:
        """On a thread given over to the calls: runs them as they come, until ``stop``."""
        while (queued := self._pending.get()) is not None:
            _run(*queued)

    def stop(self) -> None:
        """Whatever is still queued fails instead of waiting, and so does every later call.
        Waits for nothing, so it may be called from any thread while ``serve`` is stuck in a call
        that never returns; an owner with a loop of its own calls it as it ends."""
        with self._lock:
            self._stopped = True
        while (queued := self._next_queued()) is not None:
            _, future = queued
            if future.set_running_or_notify_cancel():
                future.set_exception(self._stopped_error())
        self._pending.put(None)

    def _next_queued(self) -> _Call | None:
        try:
            return self._pending.get_nowait()
        except queue.Empty:
            return None

    def _stopped_error(self) -> CallNotAnswered:
        name = self._owner.name if self._owner is not None else "owner"
        return CallNotAnswered(f"the {name} thread has stopped")


class WorkerThread:
    """An owner thread of its own, started at the first call. One thread, so the calls share
    whatever per-thread setup they need (COM); a daemon, so a call that never returns does not
    keep the app from exiting."""

    def __init__(self, name: str, limit: float) -> None:
        self._name = name
        self._limit = limit
        self._owner: OwnerThread | None = None
        self._lock = threading.Lock()

    def call(self, function: Callable[[], Result]) -> Result:
        """As ``OwnerThread.call``: raises ``CallNotAnswered`` after the time limit."""
        with self._lock:
            if self._owner is None:
                self._owner = self._start()
            owner = self._owner
        return owner.call(function)

    def close(self) -> None:
        """Does not wait: the thread may be stuck in a call that never returns. A later call
        starts a new thread."""
        with self._lock:
            if self._owner is not None:
                self._owner.stop()
                self._owner = None

    def _start(self) -> OwnerThread:
        owner = OwnerThread(self._limit)
        thread = threading.Thread(target=owner.serve, name=self._name, daemon=True)
        owner.bind(thread)
        thread.start()
        return owner


def _run(function: Callable[[], object], future: Future[object]) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(function())
    except Exception as error:
        future.set_exception(error)
