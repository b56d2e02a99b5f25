"""The global shortcut on macOS: Carbon's ``RegisterEventHotKey``, which needs no accessibility
permission. Carbon delivers the press on the main thread's run loop (the app's Cocoa loop);
the handler only hands it to this backend's own thread, which calls ``on_press``. The calls
into Carbon are in ``carbon_calls``; this module is the logic above them."""

import logging
import queue
import threading
from collections.abc import Callable
from typing import Protocol

from common.shortcut_combination import Combination
from desktop.shortcut.backends.base import ShortcutUnavailable, already_used

logger = logging.getLogger(__name__)

# Modifier masks (Events.h: cmdKey, shiftKey, optionKey, controlKey).
CMD_KEY = 1 << 8
SHIFT_KEY = 1 << 9
OPTION_KEY = 1 << 11
CONTROL_KEY = 1 << 12
EVENT_HOTKEY_EXISTS_ERR = -9878

MODIFIER_MASKS = {"ctrl": CONTROL_KEY, "alt": OPTION_KEY, "shift": SHIFT_KEY, "super": CMD_KEY}
# Virtual key codes (Events.h kVK_*); letters, digits and punctuation are the ANSI positions.
KEY_CODES: dict[str, int] = {
    "a": 0x00, "s": 0x01, "d": 0x02, "f": 0x03, "h": 0x04, "g": 0x05, "z": 0x06, "x": 0x07,
    "c": 0x08, "v": 0x09, "b": 0x0B, "q": 0x0C, "w": 0x0D, "e": 0x0E, "r": 0x0F, "y": 0x10,
    "t": 0x11, "1": 0x12, "2": 0x13, "3": 0x14, "4": 0x15, "6": 0x16, "5": 0x17, "equal": 0x18,
    "9": 0x19, "7": 0x1A, "minus": 0x1B, "8": 0x1C, "0": 0x1D, "bracketright": 0x1E, "o": 0x1F,
    "u": 0x20, "bracketleft": 0x21, "i": 0x22, "p": 0x23, "enter": 0x24, "l": 0x25, "j": 0x26,
    "apostrophe": 0x27, "k": 0x28, "semicolon": 0x29, "backslash": 0x2A, "comma": 0x2B,
    "slash": 0x2C, "n": 0x2D, "m": 0x2E, "period": 0x2F, "tab": 0x30, "space": 0x31,
    "grave": 0x32, "backspace": 0x33, "escape": 0x35,
    "f1": 0x7A, "f2": 0x78, "f3": 0x63, "f4": 0x76, "f5": 0x60, "f6": 0x61, "f7": 0x62,
    "f8": 0x64, "f9": 0x65, "f10": 0x6D, "f11": 0x67, "f12": 0x6F, "f13": 0x69, "f14": 0x6B,
    "f15": 0x71, "f16": 0x6A, "f17": 0x40, "f18": 0x4F, "f19": 0x50, "f20": 0x5A,
    # Mac keyboards have Help where PC keyboards have Insert.
    "insert": 0x72, "home": 0x73, "pageup": 0x74, "delete": 0x75, "end": 0x77,
    "pagedown": 0x79, "left": 0x7B, "right": 0x7C, "down": 0x7D, "up": 0x7E,
}  # fmt: skip


class CarbonCalls(Protocol):
    def install_handler(self, on_event: Callable[[int, bool], None]) -> None:
        """Has ``on_event(hotkey_id, pressed)`` called for hotkey presses and releases."""

    def register_hotkey(self, key_code: int, modifiers: int, hotkey_id: int) -> tuple[int, object]:
        """(OSStatus, EventHotKeyRef)."""

    def unregister_hotkey(self, reference: object) -> None: ...


def hotkey_arguments(combination: Combination) -> tuple[int, int]:
    """(key code, modifiers) for RegisterEventHotKey."""
    modifiers = 0
    for name in combination.modifiers:
        modifiers |= MODIFIER_MASKS[name]
    return KEY_CODES[combination.key], modifiers


class MacShortcutBackend:
    def __init__(self, calls: CarbonCalls) -> None:
        self._os = calls
        self._lock = threading.Lock()
        self._handler_installed = False
        self._reference: object | None = None
        self._on_press: Callable[[], None] | None = None
        # A new id per registration: a late event of the previous one is not a press.
        self._hotkey_id = 0
        self._held = False
        self._closed = False
        self._presses: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._dispatch, name="macos-shortcut", daemon=True)
        self._thread.start()

    @classmethod
    def on_this_system(cls) -> "MacShortcutBackend":
        from desktop.shortcut.backends.carbon_calls import CarbonShortcutCalls

        return cls(CarbonShortcutCalls())

    def register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        key_code, modifiers = hotkey_arguments(combination)
        label = combination.mac_label()
        with self._lock:
            if self._closed:
                raise ShortcutUnavailable("The shortcut has been closed; restart the app.")
            if not self._handler_installed:
                self._os.install_handler(self._on_event)
                self._handler_installed = True
            self._unregister_locked()
            self._hotkey_id += 1
            status, reference = self._os.register_hotkey(key_code, modifiers, self._hotkey_id)
            if status == EVENT_HOTKEY_EXISTS_ERR:
                logger.warning("%s is registered by another program", label)
                raise already_used(label)
            if status:
                logger.warning("RegisterEventHotKey(%s) failed: %d", label, status)
                raise ShortcutUnavailable(
                    f"{label} could not be registered (macOS error {status}). "
                    "Choose another shortcut in Settings."
                )
            self._reference, self._on_press, self._held = reference, on_press, False
        logger.info("global shortcut %s registered", label)

    def unregister(self) -> None:
        with self._lock:
            self._unregister_locked()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._unregister_locked()
        self._presses.put(None)
        if threading.current_thread() is not self._thread:
            self._thread.join()

    def _unregister_locked(self) -> None:
        if self._reference is not None:
            self._os.unregister_hotkey(self._reference)
        self._reference, self._on_press = None, None

    def _on_event(self, hotkey_id: int, pressed: bool) -> None:
        """On the main thread: only notes the press, so the run loop goes on at once. A press
        while the keys are still held (no release yet) is not a new one."""
        if hotkey_id != self._hotkey_id:
            return
        if not pressed:
            self._held = False
        elif not self._held:
            self._held = True
            self._presses.put(hotkey_id)

    def _dispatch(self) -> None:
        while (hotkey_id := self._presses.get()) is not None:
            with self._lock:
                on_press = self._on_press if hotkey_id == self._hotkey_id else None
            if on_press is None:
                continue
            try:
                on_press()
            except Exception:
                logger.exception("the global shortcut's handler failed")
