"""Context capture on X11: the active window and the PRIMARY selection, on an X connection of
the capturer's own (never the shortcut thread's), opened at the first capture and kept."""

import logging
import threading
import time
from dataclasses import dataclass

from Xlib import error as xerror
from Xlib.display import Display

from common.shared_context import SharedContext, SharingChoice, limited_selection
from desktop.capture.x11_selection import PrimarySelectionReader
from desktop.capture.x11_window import read_active_window

logger = logging.getLogger(__name__)

# The whole capture, both parts: a selection owner that does not answer must not hold the
# window back. A capture takes about a millisecond (bench/shortcut.py), but the owner is another
# program, which on a busy machine can take longer than the 50 ms we aim for to answer; a
# selection the user pressed for and did not get is worse than a quarter second's wait.
CAPTURE_BUDGET = 0.250


@dataclass
class _Connection:
    display: Display
    selection: PrimarySelectionReader


class X11ContextCapture:
    def __init__(
        self,
        own_pids: frozenset[int],
        display_name: str | None = None,
        budget: float = CAPTURE_BUDGET,
        reads_windows: bool = True,
    ) -> None:
        self._own_pids = own_pids
        self._reads_windows = reads_windows
        self._display_name = display_name
        self._budget = budget
        self._connection: _Connection | None = None
        # The shortcut thread and a server thread (``ask`` without text) may capture at once.
        self._lock = threading.Lock()

    @property
    def reads_windows(self) -> bool:
        return self._reads_windows

    def capture(self, choice: SharingChoice) -> SharedContext:
        if not (choice.active_window or choice.selection):
            return SharedContext()
        with self._lock:
            deadline = time.monotonic() + self._budget
            connection = self._connect()
            if connection is None:
                return SharedContext()
            try:
                active = None
                if choice.active_window and self._reads_windows:
                    active = read_active_window(connection.display, self._own_pids)
                selected = connection.selection.read(deadline) if choice.selection else None
            except (xerror.ConnectionClosedError, OSError) as error:
                logger.warning("lost the X display while reading the context: %s", error)
                self._disconnect()
                return SharedContext()
        return SharedContext(
            active_window=active, selection=limited_selection(*(selected or ("", False)))
        )

    def close(self) -> None:
        with self._lock:
            self._disconnect()

    def _connect(self) -> _Connection | None:
        if self._connection is None:
            try:
                display = Display(self._display_name)
            except (xerror.DisplayError, xerror.ConnectionClosedError, OSError) as error:
                logger.warning("cannot read the context: no X display (%s)", error)
                return None
            self._connection = _Connection(display, PrimarySelectionReader(display))
        return self._connection

    def _disconnect(self) -> None:
        if self._connection is not None:
            self._connection.display.close()
            self._connection = None
