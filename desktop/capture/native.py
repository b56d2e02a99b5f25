"""Context capture where the OS offers an accessibility API and a clipboard to fall back on
(Windows, macOS): the logic, over small per-platform adapters (``DesktopCalls``).

The foreground program is looked up for either part: its process tells whether it is our own
window, which is never captured and never sent a copy shortcut. Its title and name are read
only for the window part; the selection only for the selection part."""

import logging
import threading
from dataclasses import dataclass
from typing import Protocol

from common.shared_context import ActiveWindow, SharedContext, SharingChoice, limited_selection
from desktop.capture.clipboard_copy import ClipboardCopy
from desktop.owner_thread import CallNotAnswered, WorkerThread

logger = logging.getLogger(__name__)

# Accessibility queries are answered by the foreground program: a frozen one never answers.
ACCESSIBILITY_LIMIT = 0.2


@dataclass(frozen=True)
class Foreground:
    handle: object
    pid: int | None


class DesktopCalls(Protocol):
    def foreground(self) -> Foreground | None: ...

    def describe(self, foreground: Foreground) -> ActiveWindow: ...

    def accessible_selection(self, foreground: Foreground) -> str | None:
        """The selection through the accessibility API: "" when nothing is selected, None
        when the program does not say (then the clipboard is tried)."""

    def may_send_copy(self) -> bool:
        """Whether pressing the copy shortcut in another program is allowed here."""


class NativeContextCapture:
    def __init__(
        self,
        own_pids: frozenset[int],
        desktop: DesktopCalls,
        clipboard: ClipboardCopy,
        accessibility_limit: float = ACCESSIBILITY_LIMIT,
    ) -> None:
        self._own_pids = own_pids
        self._desktop = desktop
        self._clipboard = clipboard
        self._worker = WorkerThread("accessibility", accessibility_limit)
        # The shortcut thread and a server thread (``ask`` without text) may capture at once;
        # two copies at once would restore each other's clipboard.
        self._lock = threading.Lock()

    def capture(self, choice: SharingChoice) -> SharedContext:
        if not (choice.active_window or choice.selection):
            return SharedContext()
        with self._lock:
            foreground = self._desktop.foreground()
            if foreground is None or foreground.pid in self._own_pids:
                return SharedContext()
            active = self._desktop.describe(foreground) if choice.active_window else None
            text = limited_selection(self._selection(foreground) if choice.selection else None)
        return SharedContext(active_window=active, selection=text)

    def close(self) -> None:
        self._worker.close()

    def _selection(self, foreground: Foreground) -> str | None:
        try:
            text = self._worker.call(lambda: self._desktop.accessible_selection(foreground))
        except CallNotAnswered:
            # A program too busy to answer would not answer a copy shortcut either.
            logger.info("the foreground program did not answer the accessibility query")
            return None
        except Exception:
            logger.debug("the accessibility query failed", exc_info=True)
            text = None
        if text is not None:
            return text
        if not self._desktop.may_send_copy():
            return None
        try:
            return self._clipboard.selected_text()
        except Exception:
            logger.warning("could not copy the selection", exc_info=True)
            return None
