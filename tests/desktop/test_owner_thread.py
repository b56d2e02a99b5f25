"""Calls run on one owner thread: a worker of its own that waits in ``serve``, or a thread with
an event loop of its own that is woken to ``run_pending``."""

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from desktop.owner_thread import CallNotAnswered, OwnerThread, WorkerThread

LIMIT = 0.1
# For the test's own waits, far longer than any call here should take.
PATIENCE = 5.0


def current_thread_name() -> str:
    return threading.current_thread().name


def fail() -> None:
    raise ValueError("from the call")


class LoopingOwner:
    """An owner with a wait of its own (as an X connection's select or a Windows message loop),
    which ``wake`` ends so that it runs what is queued."""

    def __init__(self) -> None:
        self._woken = threading.Event()
        self._ending = False
        self.owner = OwnerThread(LIMIT, self._woken.set)
        self.thread = threading.Thread(target=self._loop, name="looping-owner", daemon=True)
        self.owner.bind(self.thread)

    def start(self) -> None:
        self.thread.start()

    def end(self) -> None:
        self._ending = True
        self._woken.set()
        self.thread.join(PATIENCE)

    def _loop(self) -> None:
        try:
            while not self._ending:
                self._woken.wait()
                self._woken.clear()
                self.owner.run_pending()
        finally:
            self.owner.stop()


@pytest.fixture
def worker() -> Iterator[WorkerThread]:
    worker = WorkerThread("worker", LIMIT)
    yield worker
    worker.close()


@pytest.fixture
def looping() -> Iterator[LoopingOwner]:
    looping = LoopingOwner()
    looping.start()
    yield looping
    looping.end()


@pytest.fixture
def stuck() -> Iterator[threading.Event]:
    """Set at the end, so a call left waiting for it returns and its thread can end."""
    release = threading.Event()
    yield release
    release.set()


def hang_until(release: threading.Event) -> Callable[[], None]:
    def hang() -> None:
        release.wait(PATIENCE)

    return hang


def test_the_worker_runs_calls_on_its_own_thread_and_returns_their_results(
    worker: WorkerThread,
) -> None:
    assert worker.call(current_thread_name) == "worker"
    assert worker.call(lambda: 6 * 7) == 42


def test_what_a_call_raises_reaches_its_caller(worker: WorkerThread) -> None:
    with pytest.raises(ValueError, match="from the call"):
        worker.call(fail)
    assert worker.call(lambda: "still serving") == "still serving"


def test_a_call_that_hangs_is_given_up_after_the_limit(
    worker: WorkerThread, stuck: threading.Event
) -> None:
    started = time.monotonic()
    with pytest.raises(CallNotAnswered, match="100 ms"):
        worker.call(hang_until(stuck))
    assert time.monotonic() - started < PATIENCE / 2


def test_a_call_given_up_before_it_started_never_runs(
    worker: WorkerThread, stuck: threading.Event
) -> None:
    ran: list[str] = []
    with pytest.raises(CallNotAnswered):
        worker.call(hang_until(stuck))
    with pytest.raises(CallNotAnswered):
        worker.call(lambda: ran.append("late"))
    stuck.set()
    assert worker.call(lambda: "after") == "after"
    assert ran == []


def test_close_does_not_wait_for_a_stuck_call_and_a_later_call_gets_a_new_thread(
    worker: WorkerThread, stuck: threading.Event
) -> None:
    with pytest.raises(CallNotAnswered):
        worker.call(hang_until(stuck))
    started = time.monotonic()
    worker.close()
    assert time.monotonic() - started < LIMIT
    assert worker.call(lambda: "fresh") == "fresh"


def test_a_woken_owner_runs_calls_from_other_threads_on_itself(looping: LoopingOwner) -> None:
    assert looping.owner.call(current_thread_name) == "looping-owner"
    with pytest.raises(ValueError, match="from the call"):
        looping.owner.call(fail)


def test_a_call_from_the_owner_thread_runs_at_once(looping: LoopingOwner) -> None:
    def nested() -> tuple[str, str]:
        return current_thread_name(), looping.owner.call(current_thread_name)

    assert looping.owner.call(nested) == ("looping-owner", "looping-owner")


def test_once_the_owner_has_stopped_calls_fail_at_once(looping: LoopingOwner) -> None:
    looping.end()
    started = time.monotonic()
    with pytest.raises(CallNotAnswered, match="the looping-owner thread has stopped"):
        looping.owner.call(lambda: None)
    assert time.monotonic() - started < LIMIT


def test_stop_fails_the_calls_still_queued() -> None:
    queued = threading.Event()
    owner = OwnerThread(PATIENCE, wake=queued.set)
    owner.bind(threading.Thread(name="never-started"))
    failures: list[BaseException] = []

    def caller() -> None:
        try:
            owner.call(lambda: None)
        except CallNotAnswered as error:
            failures.append(error)

    waiting = threading.Thread(target=caller)
    waiting.start()
    assert queued.wait(PATIENCE)
    owner.stop()
    waiting.join(PATIENCE)
    assert [str(error) for error in failures] == ["the never-started thread has stopped"]
