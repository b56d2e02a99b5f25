"""Context capture on macOS: the frontmost application (NSWorkspace), its focused window's
title and the selected text through the accessibility API (``AXSelectedText``), else by
copying it. Titles, selections and key presses into other programs all need the user's
accessibility permission; without it only the application's name is known. The calls into
macOS are in ``mac_context_calls``; this is the small layer above them."""

from typing import Protocol

from common.shared_context import ActiveWindow
from desktop.capture.clipboard_copy import ClipboardCalls, ClipboardCopy
from desktop.capture.native import Foreground, NativeContextCapture


class MacCalls(ClipboardCalls, Protocol):
    def frontmost_application(self) -> tuple[str, int] | None:
        """(name, pid) of the application in front."""

    def accessibility_allowed(self) -> bool: ...

    def focused_window_title(self, pid: int) -> str | None: ...

    def focused_selected_text(self, pid: int) -> str | None:
        """``AXSelectedText`` of the focused element: "" when nothing is selected, None when
        the element does not say."""


class MacDesktop:
    def __init__(self, calls: MacCalls) -> None:
        self._calls = calls

    def foreground(self) -> Foreground | None:
        application = self._calls.frontmost_application()
        if application is None:
            return None
        name, pid = application
        return Foreground(name, pid)

    def describe(self, foreground: Foreground) -> ActiveWindow:
        title = None
        if foreground.pid is not None and self._calls.accessibility_allowed():
            title = self._calls.focused_window_title(foreground.pid)
        # The application is what macOS activates: its process stands for the window.
        return ActiveWindow(
            title=title or "", app=str(foreground.handle), pid=foreground.pid, handle=foreground.pid
        )

    def accessible_selection(self, foreground: Foreground) -> str | None:
        if foreground.pid is None or not self._calls.accessibility_allowed():
            return None
        return self._calls.focused_selected_text(foreground.pid)

    def may_send_copy(self) -> bool:
        # Posting a key press to another application needs the same permission.
        return self._calls.accessibility_allowed()


def create_mac_capture(
    own_pids: frozenset[int], calls: MacCalls | None = None
) -> NativeContextCapture:
    if calls is None:
        from desktop.capture.mac_capture_calls import MacContextCalls

        calls = MacContextCalls()
    return NativeContextCapture(own_pids, MacDesktop(calls), ClipboardCopy(calls))
