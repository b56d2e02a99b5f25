"""How each streamed answer of the fake ended: finished, cut by the fake, or left by the client.

A client that stops reading closes its connection, and the fake learns of it at its next write;
a test that stops an answer can then check that the model call stopped too, rather than running
on to its end unread.
"""

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class StreamEnding:
    deltas_sent: int
    deltas_scripted: int
    client_left: bool
    """The client closed the connection before the answer was over."""


class StreamEndings:
    """Thread-safe: the server's thread appends while the test waits."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._endings: list[StreamEnding] = []

    def append(self, ending: StreamEnding) -> None:
        with self._changed:
            self._endings.append(ending)
            self._changed.notify_all()

    def all(self) -> list[StreamEnding]:
        with self._changed:
            return list(self._endings)

    def wait_for(self, count: int, timeout: float) -> list[StreamEnding]:
        """Blocks until ``count`` streamed answers have ended; fails after ``timeout`` s."""
        with self._changed:
            ended = self._changed.wait_for(lambda: len(self._endings) >= count, timeout)
            if not ended:
                raise AssertionError(f"fewer than {count} streamed answers ended in {timeout} s")
            return list(self._endings)
