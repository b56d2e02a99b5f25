"""The global shortcut on X11: a passive key grab on the root window, on an X connection and a
thread of its own. The grab consumes the key (the focused program never sees it) and fails
with BadAccess when another client holds the same combination."""

import logging
import os
import select
import threading
from collections.abc import Callable
from dataclasses import dataclass

from Xlib import XK, X
from Xlib import error as xerror
from Xlib.display import Display
from Xlib.protocol import event as xevent

from common.shortcut_combination import Combination
from common.shortcut_keys import xkb_keysym_name
from desktop.owner_thread import OwnerThread
from desktop.shortcut.backends.base import (
    OWNER_THREAD_LIMIT,
    ShortcutUnavailable,
    already_used,
    call_on_owner_thread,
)

logger = logging.getLogger(__name__)

# Modifier keysyms that tell which ModN bit a modifier is on this server; the fallbacks are the
# usual XKB layout (Alt on Mod1, NumLock on Mod2, Super on Mod4).
_MODIFIER_KEYSYMS = {
    "alt": ("Alt_L", "Alt_R"),
    "super": ("Super_L", "Super_R"),
    "numlock": ("Num_Lock",),
}
_FALLBACK_MASKS = {"alt": X.Mod1Mask, "super": X.Mod4Mask, "numlock": X.Mod2Mask}
_ALL_MODIFIER_BITS = 0xFF


@dataclass(frozen=True)
class _Grab:
    combination: Combination
    keycode: int
    modifiers: int
    # The lock states a press may arrive in: none, CapsLock, NumLock, both.
    lock_variants: tuple[int, ...]

    @property
    def lock_bits(self) -> int:
        return max(self.lock_variants)


class X11ShortcutBackend:
    def __init__(self, display_name: str | None = None) -> None:
        try:
            self._display = Display(display_name)
        except (xerror.DisplayError, xerror.ConnectionClosedError, OSError) as error:
            raise ShortcutUnavailable(
                "There is no X display to register the shortcut with."
            ) from error
        self._root = self._display.screen().root
        self._grab: _Grab | None = None
        self._on_press: Callable[[], None] | None = None
        self._released_at: int | None = None
        self._closing = False
        self._wake_read, self._wake_write = os.pipe()
        self._pipe_lock = threading.Lock()
        self._pipe_open = True
        self._owner = OwnerThread(OWNER_THREAD_LIMIT, self._wake)
        self._thread = threading.Thread(target=self._run, name="x11-shortcut", daemon=True)
        self._owner.bind(self._thread)
        self._thread.start()

    def register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        call_on_owner_thread(self._owner, lambda: self._register(combination, on_press))

    def unregister(self) -> None:
        call_on_owner_thread(self._owner, self._unregister)

    def close(self) -> None:
        self._closing = True
        self._wake()
        if threading.current_thread() is not self._thread:
            self._thread.join()

    # Everything below runs on the shortcut thread.

    def _register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        self._unregister()
        grab = self._grab_for(combination)
        if not self._grab_all(grab):
            logger.warning("%s is grabbed by another X client", combination.label())
            raise already_used(combination.label())
        self._grab, self._on_press = grab, on_press
        logger.info("global shortcut %s registered", combination.label())

    def _unregister(self) -> None:
        if self._grab is not None:
            self._ungrab_all(self._grab)
            self._display.sync()
        self._grab, self._on_press, self._released_at = None, None, None

    def _grab_for(self, combination: Combination) -> _Grab:
        keycode = self._display.keysym_to_keycode(
            XK.string_to_keysym(xkb_keysym_name(combination.key))
        )
        if not keycode:
            raise ShortcutUnavailable(
                f"{combination.label()} cannot be used: this keyboard has no such key. "
                "Choose another shortcut in Settings."
            )
        masks = self._modifier_masks()
        modifiers = 0
        for name in combination.modifiers:
            modifiers |= {"ctrl": X.ControlMask, "shift": X.ShiftMask}.get(name) or masks[name]
        numlock = masks["numlock"]
        variants = (0, X.LockMask, numlock, X.LockMask | numlock)
        return _Grab(combination, keycode, modifiers, variants)

    def _modifier_masks(self) -> dict[str, int]:
        masks = dict(_FALLBACK_MASKS)
        for index, keycodes in enumerate(self._display.get_modifier_mapping()):
            names = {
                XK.keysym_to_string(self._display.keycode_to_keysym(keycode, 0))
                for keycode in keycodes
                if keycode
            }
            for modifier, keysyms in _MODIFIER_KEYSYMS.items():
                # Shift, Lock and Control (indexes 0-2) never stand for these.
                if index > 2 and names.intersection(keysyms):
                    masks[modifier] = 1 << index
        return masks

    def _grab_all(self, grab: _Grab) -> bool:
        """Grabs every lock variant; on BadAccess undoes them all and returns False. The sync
        makes the server answer now, so the error belongs to this call."""
        caught = xerror.CatchError(xerror.BadAccess)
        for lock in grab.lock_variants:
            self._root.grab_key(
                grab.keycode,
                grab.modifiers | lock,
                False,
                X.GrabModeAsync,
                X.GrabModeAsync,
                onerror=caught,
            )
        self._display.sync()
        if caught.get_error() is None:
            return True
        self._ungrab_all(grab)
        self._display.sync()
        return False

    def _ungrab_all(self, grab: _Grab) -> None:
        for lock in grab.lock_variants:
            self._root.ungrab_key(grab.keycode, grab.modifiers | lock)

    def _run(self) -> None:
        try:
            while not self._closing:
                self._dispatch_events()
                readable, _, _ = select.select([self._display.fileno(), self._wake_read], [], [])
                if self._wake_read in readable:
                    os.read(self._wake_read, 4096)
                    self._owner.run_pending()
        except xerror.ConnectionClosedError:
            logger.warning("the X display closed the shortcut's connection")
        finally:
            self._owner.stop()
            self._display.close()
            with self._pipe_lock:
                self._pipe_open = False
                os.close(self._wake_read)
                os.close(self._wake_write)

    def _wake(self) -> None:
        with self._pipe_lock:
            if self._pipe_open:
                os.write(self._wake_write, b"\0")

    def _dispatch_events(self) -> None:
        while self._display.pending_events():
            event = self._display.next_event()
            if event.type == X.KeyPress:
                self._on_key_press(event)
            elif event.type == X.KeyRelease:
                self._on_key_release(event)
            elif event.type == X.MappingNotify:
                self._on_mapping_change(event)

    def _on_key_press(self, event: xevent.KeyPress) -> None:
        grab, on_press = self._grab, self._on_press
        if grab is None or on_press is None or event.detail != grab.keycode:
            return
        if event.state & _ALL_MODIFIER_BITS & ~grab.lock_bits != grab.modifiers:
            return
        # Auto-repeat sends a release and a press with the same timestamp while the key is held.
        if event.time == self._released_at:
            return
        try:
            on_press()
        except Exception:
            logger.exception("the global shortcut's handler failed")

    def _on_key_release(self, event: xevent.KeyRelease) -> None:
        if self._grab is not None and event.detail == self._grab.keycode:
            self._released_at = event.time

    def _on_mapping_change(self, event: xevent.MappingNotify) -> None:
        """A new keyboard layout may move the key or the modifiers: then grab again."""
        self._display.refresh_keyboard_mapping(event)
        grab, on_press = self._grab, self._on_press
        if event.request == X.MappingPointer or grab is None or on_press is None:
            return
        try:
            if self._grab_for(grab.combination) != grab:
                self._register(grab.combination, on_press)
        except ShortcutUnavailable as error:
            logger.warning("after a keyboard mapping change: %s", error)
