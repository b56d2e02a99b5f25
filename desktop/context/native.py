"""Context capture where the OS offers an accessibility API and a clipboard to fall back on
(Windows, macOS): the logic, over small per-platform adapters (``DesktopCalls``).

The foreground program is looked up for either part: its process tells whether it is our own
window, which is never captured and never sent a copy shortcut. Its title and name are read
only for the window part; the selection only for the selection part."""

import logging
import threading
from dataclasses import dataclass
from typing import Protocol

from desktop.context.captured import ActiveWindowInfo, CapturedContext, limited_selection
from desktop.context.clipboard_copy import ClipboardCopy
from desktop.context.time_limit import CallTimedOut, TimeLimitedWorker

logger = logging.getLogger(__name__)

# Accessibility queries are answered by the foreground program: a frozen one never answers.
ACCESSIBILITY_LIMIT = 0.2


@dataclass(frozen=True)
class Foreground:
    handle: object
    pid: int | None


class DesktopCalls(Protocol):
    def foreground(self) -> Foreground | None: ...

    def describe(self, foreground: Foreground) -> ActiveWindowInfo: ...

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
        self._accessibility_limit = accessibility_limit
        self._worker = TimeLimitedWorker("accessibility")
        # The hotkey thread and a server thread (``ask`` without text) may capture at once;
        # two copies at once would restore each other's clipboard.
        self._lock = threading.Lock()

    def capture(self, *, window: bool, selection: bool) -> CapturedContext:
        if not (window or selection):
            return CapturedContext()
        with self._lock:
            foreground = self._desktop.foreground()
            if foreground is None or foreground.pid in self._own_pids:
                return CapturedContext()
            active = self._desktop.describe(foreground) if window else None
            text, truncated = limited_selection(self._selection(foreground) if selection else None)
        return CapturedContext(active_window=active, selection=text, selection_truncated=truncated)

    def close(self) -> None:
        self._worker.close()

    def _selection(self, foreground: Foreground) -> str | None:
        try:
            text = self._worker.run(
                lambda: self._desktop.accessible_selection(foreground), self._accessibility_limit
            )
        except CallTimedOut:
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
