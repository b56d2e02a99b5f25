"""Waiting for what a backend's thread does, and recording where it happened."""

import threading
import time
from collections.abc import Callable

TIMEOUT = 5.0


def wait_until(condition: Callable[[], bool], message: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.005)


class Presses:
    """An ``on_press`` that records the thread each call came on."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    def __call__(self) -> None:
        self.threads.append(threading.current_thread().name)

    @property
    def count(self) -> int:
        return len(self.threads)
