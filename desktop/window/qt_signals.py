"""SIGTERM and SIGINT while Qt's event loop runs.

Python runs its signal handlers only between bytecodes, and Qt's loop runs in C++: a signal
would wait until some Python code happens to run. Python writes each signal's number to a
socket Qt watches, so the loop wakes at once and the handler runs.
"""

import signal
import socket
from collections.abc import Callable
from types import FrameType

from qtpy.QtCore import QSocketNotifier

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class SignalsIntoQt:
    def __init__(self, on_stop: Callable[[], None]) -> None:
        self._on_stop = on_stop
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)

    def install(self) -> None:
        """Call on the main thread; again after pywebview has put in its own SIGINT handler."""
        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for stop_signal in STOP_SIGNALS:
            signal.signal(stop_signal, self._handle)

    def _handle(self, _signal: int, _frame: FrameType | None) -> None:
        self._on_stop()

    def _drain(self) -> None:
        # Reading is all it takes: running this Python code lets the handler run.
        try:
            while self._reader.recv(512):
                pass
        except BlockingIOError:
            pass
