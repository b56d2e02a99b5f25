"""The global shortcut on Windows: ``RegisterHotKey`` on a thread of our own with its own message
loop (hotkey messages go to the queue of the thread that registered). The calls into user32
are in ``win32_calls``; this module is the logic above them, testable anywhere."""

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from common.shortcut_combination import Combination
from common.shortcut_keys import FUNCTION_KEY_COUNT
from desktop.owner_thread import OwnerThread
from desktop.shortcut.backends.base import (
    OWNER_THREAD_LIMIT,
    ShortcutUnavailable,
    already_used,
    call_on_owner_thread,
)

logger = logging.getLogger(__name__)

WM_QUIT = 0x0012
WM_HOTKEY = 0x0312
# Ours: "run what is queued for this thread".
WM_APP_CALLS = 0x8000
MOD_ALT = 0x0001
MOD_CONTROL = 0x0002
MOD_SHIFT = 0x0004
MOD_WIN = 0x0008
# Holding the keys down gives one WM_HOTKEY, not one per auto-repeat (Windows 7 and later).
MOD_NOREPEAT = 0x4000
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
HOTKEY_ID = 1

MODIFIER_FLAGS = {"ctrl": MOD_CONTROL, "alt": MOD_ALT, "shift": MOD_SHIFT, "super": MOD_WIN}
# Virtual-key codes; the punctuation keys are the VK_OEM_* keys at those places on a US layout.
VIRTUAL_KEYS: dict[str, int] = {
    **{letter: ord(letter.upper()) for letter in "abcdefghijklmnopqrstuvwxyz"},
    **{digit: ord(digit) for digit in "0123456789"},
    **{f"f{number}": 0x70 + number - 1 for number in range(1, FUNCTION_KEY_COUNT + 1)},
    "space": 0x20,
    "enter": 0x0D,
    "tab": 0x09,
    "escape": 0x1B,
    "backspace": 0x08,
    "delete": 0x2E,
    "insert": 0x2D,
    "home": 0x24,
    "end": 0x23,
    "pageup": 0x21,
    "pagedown": 0x22,
    "left": 0x25,
    "up": 0x26,
    "right": 0x27,
    "down": 0x28,
    "semicolon": 0xBA,
    "equal": 0xBB,
    "comma": 0xBC,
    "minus": 0xBD,
    "period": 0xBE,
    "slash": 0xBF,
    "grave": 0xC0,
    "bracketleft": 0xDB,
    "backslash": 0xDC,
    "bracketright": 0xDD,
    "apostrophe": 0xDE,
}


class ShortcutCalls(Protocol):
    """The user32/kernel32 calls the backend makes, all on its own thread except
    ``post_thread_message``."""

    def current_thread_id(self) -> int: ...

    def create_message_queue(self) -> None: ...

    def register_hotkey(self, hotkey_id: int, modifiers: int, virtual_key: int) -> int:
        """0 on success, else the Windows error code."""

    def unregister_hotkey(self, hotkey_id: int) -> None: ...

    def next_message(self) -> tuple[int, int]:
        """Waits for the thread's next message: (message, wParam); WM_QUIT at the end."""

    def post_thread_message(self, thread_id: int, message: int) -> None: ...


def hotkey_arguments(combination: Combination) -> tuple[int, int]:
    """(modifiers, virtual key) for RegisterHotKey."""
    modifiers = MOD_NOREPEAT
    for name in combination.modifiers:
        modifiers |= MODIFIER_FLAGS[name]
    return modifiers, VIRTUAL_KEYS[combination.key]


class WindowsShortcutBackend:
    def __init__(self, calls: ShortcutCalls) -> None:
        self._os = calls
        self._on_press: Callable[[], None] | None = None
        self._thread_id: int | None = None
        self._owner = OwnerThread(OWNER_THREAD_LIMIT, self._wake)
        self._queue_ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="windows-shortcut", daemon=True)
        self._owner.bind(self._thread)
        self._thread.start()
        # Until the thread has a message queue, a posted message would be lost.
        self._queue_ready.wait()

    @classmethod
    def on_this_system(cls) -> "WindowsShortcutBackend":
        from desktop.shortcut.backends.win32_calls import Win32ShortcutCalls

        return cls(Win32ShortcutCalls())

    def register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        call_on_owner_thread(self._owner, lambda: self._register(combination, on_press))

    def unregister(self) -> None:
        call_on_owner_thread(self._owner, self._unregister)

    def close(self) -> None:
        if self._thread.is_alive() and self._thread_id is not None:
            self._os.post_thread_message(self._thread_id, WM_QUIT)
        if threading.current_thread() is not self._thread:
            self._thread.join()

    def _wake(self) -> None:
        assert self._thread_id is not None
        self._os.post_thread_message(self._thread_id, WM_APP_CALLS)

    # Below: on the shortcut thread.

    def _register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        self._unregister()
        modifiers, virtual_key = hotkey_arguments(combination)
        status = self._os.register_hotkey(HOTKEY_ID, modifiers, virtual_key)
        if status == ERROR_HOTKEY_ALREADY_REGISTERED:
            logger.warning("%s is registered by another program", combination.label())
            raise already_used(combination.label())
        if status:
            logger.warning("RegisterHotKey(%s) failed: error %d", combination.label(), status)
            raise ShortcutUnavailable(
                f"{combination.label()} could not be registered (Windows error {status}). "
                "Choose another shortcut in Settings."
            )
        self._on_press = on_press
        logger.info("global shortcut %s registered", combination.label())

    def _unregister(self) -> None:
        if self._on_press is not None:
            self._os.unregister_hotkey(HOTKEY_ID)
            self._on_press = None

    def _run(self) -> None:
        self._os.create_message_queue()
        self._thread_id = self._os.current_thread_id()
        self._queue_ready.set()
        try:
            while True:
                message, parameter = self._os.next_message()
                if message == WM_QUIT:
                    return
                if message == WM_APP_CALLS:
                    self._owner.run_pending()
                elif message == WM_HOTKEY and parameter == HOTKEY_ID:
                    self._dispatch_press()
        finally:
            self._owner.stop()
            # A shortcut can only be unregistered by the thread that registered it.
            self._unregister()

    def _dispatch_press(self) -> None:
        on_press = self._on_press
        if on_press is None:
            return
        try:
            on_press()
        except Exception:
            logger.exception("the global shortcut's handler failed")
