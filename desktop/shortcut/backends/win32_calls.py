"""The user32/kernel32 calls behind ``windows.WindowsShortcutBackend``, and nothing else: imported
and made on Windows only. Signatures as in the Win32 documentation (winuser.h)."""

import ctypes
from ctypes import wintypes

PM_NOREMOVE = 0x0000


class Win32ShortcutCalls:
    def __init__(self) -> None:
        self._user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
        self._kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        user32 = self._user32
        user32.RegisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int, wintypes.UINT, wintypes.UINT]
        user32.RegisterHotKey.restype = wintypes.BOOL
        user32.UnregisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int]
        user32.UnregisterHotKey.restype = wintypes.BOOL
        user32.GetMessageW.argtypes = [
            ctypes.POINTER(wintypes.MSG),
            wintypes.HWND,
            wintypes.UINT,
            wintypes.UINT,
        ]
        user32.GetMessageW.restype = wintypes.BOOL
        user32.PeekMessageW.argtypes = [
            ctypes.POINTER(wintypes.MSG),
            wintypes.HWND,
            wintypes.UINT,
            wintypes.UINT,
            wintypes.UINT,
        ]
        user32.PeekMessageW.restype = wintypes.BOOL
        user32.PostThreadMessageW.argtypes = [
            wintypes.DWORD,
            wintypes.UINT,
            wintypes.WPARAM,
            wintypes.LPARAM,
        ]
        user32.PostThreadMessageW.restype = wintypes.BOOL
        self._kernel32.GetCurrentThreadId.restype = wintypes.DWORD

    def current_thread_id(self) -> int:
        return int(self._kernel32.GetCurrentThreadId())

    def create_message_queue(self) -> None:
        # A thread gets its message queue at its first user32 message call.
        message = wintypes.MSG()
        self._user32.PeekMessageW(ctypes.byref(message), None, 0, 0, PM_NOREMOVE)

    def register_hotkey(self, hotkey_id: int, modifiers: int, virtual_key: int) -> int:
        if self._user32.RegisterHotKey(None, hotkey_id, modifiers, virtual_key):
            return 0
        return ctypes.get_last_error()  # type: ignore[attr-defined]

    def unregister_hotkey(self, hotkey_id: int) -> None:
        self._user32.UnregisterHotKey(None, hotkey_id)

    def next_message(self) -> tuple[int, int]:
        message = wintypes.MSG()
        # 0 is WM_QUIT and -1 an error; both end the loop.
        if self._user32.GetMessageW(ctypes.byref(message), None, 0, 0) <= 0:
            return 0x0012, 0
        return int(message.message), int(message.wParam)

    def post_thread_message(self, thread_id: int, message: int) -> None:
        self._user32.PostThreadMessageW(thread_id, message, 0, 0)
