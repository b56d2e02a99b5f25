"""The Windows calls behind ``native.NativePaste``, and nothing else: imported and made on
Windows only. The clipboard's save and restore are the capture's (``win32_capture_calls``);
signatures as in the Win32 documentation (winuser.h)."""

import ctypes
from ctypes import wintypes

from desktop.capture.win32_capture_calls import CF_UNICODETEXT, Win32ContextCalls

VK_V = 0x56
SW_RESTORE = 9


class Win32InsertCalls(Win32ContextCalls):
    def __init__(self) -> None:
        super().__init__()
        self._user32.IsWindow.argtypes = [wintypes.HWND]
        self._user32.IsWindow.restype = wintypes.BOOL
        self._user32.SetForegroundWindow.argtypes = [wintypes.HWND]
        self._user32.SetForegroundWindow.restype = wintypes.BOOL
        self._user32.ShowWindow.argtypes = [wintypes.HWND, ctypes.c_int]
        self._user32.IsIconic.argtypes = [wintypes.HWND]
        self._user32.IsIconic.restype = wintypes.BOOL

    def paste_problem(self) -> str | None:
        return None

    def window_exists(self, handle: int) -> bool:
        return bool(self._user32.IsWindow(handle))

    def activate(self, handle: int) -> bool:
        if self._user32.IsIconic(handle):
            self._user32.ShowWindow(handle, SW_RESTORE)
        return bool(self._user32.SetForegroundWindow(handle))

    def in_front(self, handle: int) -> bool:
        return self.foreground_window() == handle

    def write_text(self, text: str) -> None:
        with self._open_clipboard():
            self._user32.EmptyClipboard()
            if not self._set_clipboard_data(CF_UNICODETEXT, (text + "\0").encode("utf-16-le")):
                raise OSError(f"SetClipboardData failed: error {ctypes.get_last_error()}")  # type: ignore[attr-defined]

    def send_paste(self) -> None:
        self.send_ctrl_chord(VK_V)
