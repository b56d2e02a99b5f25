"""The Windows calls behind ``windows.WindowsDesktop`` and the clipboard copy, and nothing
else: imported and made on Windows only. Signatures as in the Win32 documentation (winuser.h,
processthreadsapi.h, winbase.h) and UIAutomationClient.h for the UI Automation vtables."""

import contextlib
import ctypes
import threading
import time
from collections.abc import Iterator
from ctypes import wintypes

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
CF_UNICODETEXT = 13
# GDI handles, not memory: they cannot be copied byte for byte, so they are not restored.
GDI_FORMATS = frozenset({2, 3, 9, 14, 0x80, 0x82, 0x83, 0x8E})
GMEM_MOVEABLE = 0x0002
INPUT_KEYBOARD = 1
KEYEVENTF_KEYUP = 0x0002
VK_SHIFT, VK_CONTROL, VK_MENU, VK_LWIN, VK_RWIN = 0x10, 0x11, 0x12, 0x5B, 0x5C
VK_C = 0x43
CLIPBOARD_ATTEMPTS = 10
CLIPBOARD_RETRY = 0.005

COINIT_APARTMENTTHREADED = 0x2
CLSCTX_INPROC_SERVER = 0x1
CLSID_CUIAUTOMATION = "{ff48dba4-60ef-4201-aa87-54103eef594e}"
IID_IUIAUTOMATION = "{30cbe57d-d9d0-452a-ab13-7ac5ac4825ee}"
IID_IUIAUTOMATION_TEXT_PATTERN = "{32eba289-3583-42c9-9c59-3b6d9a1e9b6a}"
UIA_TEXT_PATTERN_ID = 10014
# Vtable slots (IUnknown takes 0-2).
RELEASE = 2
AUTOMATION_GET_FOCUSED_ELEMENT = 8
ELEMENT_GET_CURRENT_PATTERN_AS = 14
TEXT_PATTERN_GET_SELECTION = 5
RANGE_ARRAY_GET_LENGTH = 3
RANGE_ARRAY_GET_ELEMENT = 4
TEXT_RANGE_GET_TEXT = 12


class GUID(ctypes.Structure):
    _fields_ = [
        ("Data1", wintypes.DWORD),
        ("Data2", wintypes.WORD),
        ("Data3", wintypes.WORD),
        ("Data4", ctypes.c_ubyte * 8),
    ]


class MOUSEINPUT(ctypes.Structure):
    _fields_ = [
        ("dx", wintypes.LONG),
        ("dy", wintypes.LONG),
        ("mouseData", wintypes.DWORD),
        ("dwFlags", wintypes.DWORD),
        ("time", wintypes.DWORD),
        ("dwExtraInfo", ctypes.c_size_t),
    ]


class KEYBDINPUT(ctypes.Structure):
    _fields_ = [
        ("wVk", wintypes.WORD),
        ("wScan", wintypes.WORD),
        ("dwFlags", wintypes.DWORD),
        ("time", wintypes.DWORD),
        ("dwExtraInfo", ctypes.c_size_t),
    ]


class HARDWAREINPUT(ctypes.Structure):
    _fields_ = [("uMsg", wintypes.DWORD), ("wParamL", wintypes.WORD), ("wParamH", wintypes.WORD)]


class _INPUTUNION(ctypes.Union):
    _fields_ = [("mi", MOUSEINPUT), ("ki", KEYBDINPUT), ("hi", HARDWAREINPUT)]


class INPUT(ctypes.Structure):
    _fields_ = [("type", wintypes.DWORD), ("union", _INPUTUNION)]


def _com_call(interface: ctypes.c_void_p, slot: int, argtypes: list[type], *args: object) -> int:
    """Calls a COM method by its vtable slot; returns the HRESULT (0 is S_OK)."""
    vtable = ctypes.cast(interface, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p))).contents
    method = ctypes.WINFUNCTYPE(ctypes.c_long, ctypes.c_void_p, *argtypes)(vtable[slot])  # type: ignore[attr-defined]
    return int(method(interface, *args))


def _release(interface: ctypes.c_void_p) -> None:
    if interface.value:
        vtable = ctypes.cast(interface, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p))).contents
        ctypes.WINFUNCTYPE(ctypes.c_ulong, ctypes.c_void_p)(vtable[RELEASE])(interface)  # type: ignore[attr-defined]


class Win32ContextCalls:
    def __init__(self) -> None:
        self._user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
        self._kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        self._ole32 = ctypes.WinDLL("ole32")  # type: ignore[attr-defined]
        self._oleaut32 = ctypes.WinDLL("oleaut32")  # type: ignore[attr-defined]
        self._declare()
        # The UI Automation object belongs to the thread that made it.
        self._per_thread = threading.local()

    def _declare(self) -> None:
        user32, kernel32 = self._user32, self._kernel32
        user32.GetForegroundWindow.restype = wintypes.HWND
        user32.GetWindowThreadProcessId.argtypes = [wintypes.HWND, ctypes.POINTER(wintypes.DWORD)]
        user32.GetWindowThreadProcessId.restype = wintypes.DWORD
        user32.GetWindowTextLengthW.argtypes = [wintypes.HWND]
        user32.GetWindowTextW.argtypes = [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]
        user32.GetClipboardSequenceNumber.restype = wintypes.DWORD
        user32.OpenClipboard.argtypes = [wintypes.HWND]
        user32.EnumClipboardFormats.argtypes = [wintypes.UINT]
        user32.EnumClipboardFormats.restype = wintypes.UINT
        user32.GetClipboardData.argtypes = [wintypes.UINT]
        user32.GetClipboardData.restype = wintypes.HANDLE
        user32.SetClipboardData.argtypes = [wintypes.UINT, wintypes.HANDLE]
        user32.SetClipboardData.restype = wintypes.HANDLE
        user32.GetAsyncKeyState.argtypes = [ctypes.c_int]
        user32.GetAsyncKeyState.restype = ctypes.c_short
        user32.SendInput.argtypes = [wintypes.UINT, ctypes.POINTER(INPUT), ctypes.c_int]
        user32.SendInput.restype = wintypes.UINT
        kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.QueryFullProcessImageNameW.argtypes = [
            wintypes.HANDLE,
            wintypes.DWORD,
            wintypes.LPWSTR,
            ctypes.POINTER(wintypes.DWORD),
        ]
        kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
        kernel32.GlobalSize.argtypes = [wintypes.HGLOBAL]
        kernel32.GlobalSize.restype = ctypes.c_size_t
        kernel32.GlobalLock.argtypes = [wintypes.HGLOBAL]
        kernel32.GlobalLock.restype = ctypes.c_void_p
        kernel32.GlobalUnlock.argtypes = [wintypes.HGLOBAL]
        kernel32.GlobalAlloc.argtypes = [wintypes.UINT, ctypes.c_size_t]
        kernel32.GlobalAlloc.restype = wintypes.HGLOBAL
        kernel32.GlobalFree.argtypes = [wintypes.HGLOBAL]
        kernel32.GlobalFree.restype = wintypes.HGLOBAL
        self._oleaut32.SysStringLen.argtypes = [ctypes.c_void_p]
        self._oleaut32.SysStringLen.restype = wintypes.UINT
        self._oleaut32.SysFreeString.argtypes = [ctypes.c_void_p]

    # The foreground window.

    def foreground_window(self) -> int:
        return int(self._user32.GetForegroundWindow() or 0)

    def window_pid(self, window: int) -> int | None:
        pid = wintypes.DWORD()
        self._user32.GetWindowThreadProcessId(window, ctypes.byref(pid))
        return int(pid.value) or None

    def window_title(self, window: int) -> str:
        length = self._user32.GetWindowTextLengthW(window)
        buffer = ctypes.create_unicode_buffer(length + 1)
        self._user32.GetWindowTextW(window, buffer, length + 1)
        return buffer.value

    def process_path(self, pid: int) -> str | None:
        process = self._kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not process:
            return None
        try:
            size = wintypes.DWORD(32768)
            buffer = ctypes.create_unicode_buffer(size.value)
            if not self._kernel32.QueryFullProcessImageNameW(
                process, 0, buffer, ctypes.byref(size)
            ):
                return None
            return buffer.value
        finally:
            self._kernel32.CloseHandle(process)

    # UI Automation.

    def focused_text_selection(self, limit: int) -> str | None:
        automation = self._automation()
        element = ctypes.c_void_p()
        hresult = _com_call(
            automation,
            AUTOMATION_GET_FOCUSED_ELEMENT,
            [ctypes.POINTER(ctypes.c_void_p)],
            ctypes.byref(element),
        )
        if hresult or not element.value:
            return None
        try:
            return self._element_selection(element, limit)
        finally:
            _release(element)

    def _element_selection(self, element: ctypes.c_void_p, limit: int) -> str | None:
        pattern = ctypes.c_void_p()
        hresult = _com_call(
            element,
            ELEMENT_GET_CURRENT_PATTERN_AS,
            [ctypes.c_int, ctypes.POINTER(GUID), ctypes.POINTER(ctypes.c_void_p)],
            UIA_TEXT_PATTERN_ID,
            ctypes.byref(self._guid(IID_IUIAUTOMATION_TEXT_PATTERN)),
            ctypes.byref(pattern),
        )
        if hresult or not pattern.value:
            return None
        ranges = ctypes.c_void_p()
        try:
            hresult = _com_call(
                pattern,
                TEXT_PATTERN_GET_SELECTION,
                [ctypes.POINTER(ctypes.c_void_p)],
                ctypes.byref(ranges),
            )
            if hresult or not ranges.value:
                return None
            return "\n".join(self._range_texts(ranges, limit))
        finally:
            _release(ranges)
            _release(pattern)

    def _range_texts(self, ranges: ctypes.c_void_p, limit: int) -> list[str]:
        count = ctypes.c_int()
        _com_call(
            ranges, RANGE_ARRAY_GET_LENGTH, [ctypes.POINTER(ctypes.c_int)], ctypes.byref(count)
        )
        texts = []
        for index in range(count.value):
            text_range = ctypes.c_void_p()
            hresult = _com_call(
                ranges,
                RANGE_ARRAY_GET_ELEMENT,
                [ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)],
                index,
                ctypes.byref(text_range),
            )
            if hresult or not text_range.value:
                continue
            text = ctypes.c_void_p()
            try:
                hresult = _com_call(
                    text_range,
                    TEXT_RANGE_GET_TEXT,
                    [ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)],
                    limit,
                    ctypes.byref(text),
                )
                if not hresult and text.value:
                    texts.append(ctypes.wstring_at(text.value, self._oleaut32.SysStringLen(text)))
            finally:
                if text.value:
                    self._oleaut32.SysFreeString(text)
                _release(text_range)
        return texts

    def _automation(self) -> ctypes.c_void_p:
        automation = getattr(self._per_thread, "automation", None)
        if automation is None:
            self._ole32.CoInitializeEx(None, COINIT_APARTMENTTHREADED)
            automation = ctypes.c_void_p()
            hresult = self._ole32.CoCreateInstance(
                ctypes.byref(self._guid(CLSID_CUIAUTOMATION)),
                None,
                CLSCTX_INPROC_SERVER,
                ctypes.byref(self._guid(IID_IUIAUTOMATION)),
                ctypes.byref(automation),
            )
            if hresult or not automation.value:
                raise OSError(f"CoCreateInstance(CUIAutomation) failed: {hresult:#x}")
            self._per_thread.automation = automation
        return automation

    def _guid(self, text: str) -> GUID:
        guid = GUID()
        self._ole32.CLSIDFromString(text, ctypes.byref(guid))
        return guid

    # The clipboard and the keyboard.

    def change_count(self) -> int:
        return int(self._user32.GetClipboardSequenceNumber())

    def save(self) -> list[tuple[int, bytes]]:
        saved = []
        with self._open_clipboard():
            clipboard_format = self._user32.EnumClipboardFormats(0)
            while clipboard_format:
                if clipboard_format not in GDI_FORMATS:
                    data = self._global_bytes(self._user32.GetClipboardData(clipboard_format))
                    if data is not None:
                        saved.append((clipboard_format, data))
                clipboard_format = self._user32.EnumClipboardFormats(clipboard_format)
        return saved

    def restore(self, saved: object) -> None:
        assert isinstance(saved, list)
        with self._open_clipboard():
            self._user32.EmptyClipboard()
            for clipboard_format, data in saved:
                self._set_clipboard_data(clipboard_format, data)

    def _set_clipboard_data(self, clipboard_format: int, data: bytes) -> bool:
        """With the clipboard open; False when the data could not be put on it."""
        memory = self._kernel32.GlobalAlloc(GMEM_MOVEABLE, len(data))
        if not memory:
            return False
        pointer = self._kernel32.GlobalLock(memory)
        ctypes.memmove(pointer, data, len(data))
        self._kernel32.GlobalUnlock(memory)
        # On success the clipboard owns the memory; otherwise it is still ours.
        if not self._user32.SetClipboardData(clipboard_format, memory):
            self._kernel32.GlobalFree(memory)
            return False
        return True

    def read_text(self) -> str | None:
        with self._open_clipboard():
            memory = self._user32.GetClipboardData(CF_UNICODETEXT)
            if not memory:
                return None
            pointer = self._kernel32.GlobalLock(memory)
            if not pointer:
                return None
            try:
                return ctypes.wstring_at(pointer)
            finally:
                self._kernel32.GlobalUnlock(memory)

    def modifiers_held(self) -> bool:
        keys = (VK_SHIFT, VK_CONTROL, VK_MENU, VK_LWIN, VK_RWIN)
        return any(self._user32.GetAsyncKeyState(key) & 0x8000 for key in keys)

    def send_copy(self) -> None:
        self.send_ctrl_chord(VK_C)

    def send_ctrl_chord(self, key: int) -> None:
        """Ctrl pressed, ``key`` pressed and released, Ctrl released: one SendInput call."""
        strokes = [
            (VK_CONTROL, 0),
            (key, 0),
            (key, KEYEVENTF_KEYUP),
            (VK_CONTROL, KEYEVENTF_KEYUP),
        ]
        inputs = (INPUT * len(strokes))()
        for item, (key, flags) in zip(inputs, strokes, strict=True):
            item.type = INPUT_KEYBOARD
            item.union.ki = KEYBDINPUT(key, 0, flags, 0, 0)
        if self._user32.SendInput(len(strokes), inputs, ctypes.sizeof(INPUT)) != len(strokes):
            raise OSError(f"SendInput failed: error {ctypes.get_last_error()}")  # type: ignore[attr-defined]

    def _global_bytes(self, memory: int | None) -> bytes | None:
        if not memory:
            return None
        size = self._kernel32.GlobalSize(memory)
        pointer = self._kernel32.GlobalLock(memory) if size else None
        if not pointer:
            return None
        try:
            return ctypes.string_at(pointer, size)
        finally:
            self._kernel32.GlobalUnlock(memory)

    @contextlib.contextmanager
    def _open_clipboard(self) -> Iterator[None]:
        # Another program may hold the clipboard for a moment.
        for _ in range(CLIPBOARD_ATTEMPTS):
            if self._user32.OpenClipboard(None):
                break
            time.sleep(CLIPBOARD_RETRY)
        else:
            raise OSError("the clipboard is held by another program")
        try:
            yield
        finally:
            self._user32.CloseClipboard()
