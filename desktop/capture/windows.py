"""Context capture on Windows: the foreground window (GetForegroundWindow, its title and its
process's image name), the selection through UI Automation's TextPattern, else by copying it.
The calls into Windows are in ``win32_context_calls``; this is the small layer above them."""

from pathlib import PureWindowsPath
from typing import Protocol

from common.shared_context import SELECTION_LIMIT, ActiveWindow
from desktop.capture.clipboard_copy import ClipboardCalls, ClipboardCopy
from desktop.capture.native import Foreground, NativeContextCapture


class Win32Calls(ClipboardCalls, Protocol):
    def foreground_window(self) -> int:
        """The HWND, 0 when there is none."""

    def window_pid(self, window: int) -> int | None: ...

    def window_title(self, window: int) -> str: ...

    def process_path(self, pid: int) -> str | None:
        """The process's image, e.g. C:\\Windows\\notepad.exe; None when not allowed."""

    def focused_text_selection(self, limit: int) -> str | None:
        """The focused element's TextPattern selection, at most ``limit`` characters; None
        when the element has no TextPattern."""


class WindowsDesktop:
    def __init__(self, calls: Win32Calls) -> None:
        self._calls = calls

    def foreground(self) -> Foreground | None:
        window = self._calls.foreground_window()
        return Foreground(window, self._calls.window_pid(window)) if window else None

    def describe(self, foreground: Foreground) -> ActiveWindow:
        assert isinstance(foreground.handle, int)
        path = self._calls.process_path(foreground.pid) if foreground.pid else None
        return ActiveWindow(
            title=self._calls.window_title(foreground.handle),
            # "notepad" from C:\Windows\notepad.exe, as X11 gives "firefox".
            app=PureWindowsPath(path).stem if path else "",
            pid=foreground.pid,
            handle=foreground.handle,
        )

    def accessible_selection(self, foreground: Foreground) -> str | None:
        # One character more than is kept, so the truncation shows.
        return self._calls.focused_text_selection(SELECTION_LIMIT + 1)

    def may_send_copy(self) -> bool:
        return True


def create_windows_capture(
    own_pids: frozenset[int], calls: Win32Calls | None = None
) -> NativeContextCapture:
    if calls is None:
        from desktop.capture.win32_capture_calls import Win32ContextCalls

        calls = Win32ContextCalls()
    return NativeContextCapture(own_pids, WindowsDesktop(calls), ClipboardCopy(calls))
