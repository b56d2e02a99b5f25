"""A private X display for the shortcut and context tests (Xvfb and openbox, from the window
tests), and helpers to act on it as other programs would: xdotool, and a second X client."""

import os
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest
from Xlib import XK, X, Xatom
from Xlib import error as xerror
from Xlib.display import Display
from Xlib.xobject.drawable import Window

from testing.x_session import XSession, missing_programs, start_x_session

SETTLE_TIMEOUT = 10.0
# Shift_L to Hyper_R: the keysyms of modifier keys.
MODIFIER_KEYSYMS = (XK.XK_Shift_L, XK.XK_Hyper_R)
KEYSYM_NAMES = {
    value: name.removeprefix("XK_") for name, value in vars(XK).items() if name.startswith("XK_")
}


def x_session_or_skip(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XSession]:
    """The session for a module-scoped fixture. Missing programs fail the run on CI and skip
    elsewhere, naming the install line."""
    missing = missing_programs()
    if missing:
        message = f"these tests need programs that are not installed: {missing}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    session = start_x_session(tmp_path_factory.mktemp("x-home"))
    yield session
    session.stop()


def run_x(session: XSession, *command: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        command,
        env={**os.environ, **session.env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=SETTLE_TIMEOUT,
        check=True,
    )
    return result.stdout


def wait_until(condition: Callable[[], bool], message: str) -> None:
    deadline = time.monotonic() + SETTLE_TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.02)


class OtherClient:
    """Another program on the display: its own connection, its windows, its key grabs."""

    def __init__(self, display_name: str, session: XSession | None = None) -> None:
        self.session = session
        self.display = Display(display_name)
        self.root = self.display.screen().root

    @classmethod
    def in_session(cls, session: XSession) -> "OtherClient":
        return cls(session.display, session)

    def close(self) -> None:
        self.display.close()

    def window(
        self,
        title: str,
        wm_class: tuple[str, str] = ("notes", "Notes"),
        pid: int | None = None,
    ) -> Window:
        """A top-level window, mapped and made active through the window manager, that
        records the keys it receives."""
        assert self.session is not None, "activating a window needs the session's xdotool"
        window = self.unmanaged_window(title, wm_class, pid)
        wait_until(lambda: self._is_viewable(window), "the window did not map")
        run_x(self.session, "xdotool", "windowactivate", "--sync", str(window.id))
        return window

    def unmanaged_window(
        self, title: str, wm_class: tuple[str, str], pid: int | None = None
    ) -> Window:
        window = self.root.create_window(
            40, 40, 300, 120, 0, X.CopyFromParent, event_mask=X.KeyPressMask
        )
        # WM_NAME is Latin-1: characters beyond it become "?", as old programs show them.
        window.set_wm_name(title.encode("latin-1", errors="replace"))
        window.change_property(
            self.display.intern_atom("_NET_WM_NAME"),
            self.display.intern_atom("UTF8_STRING"),
            8,
            title.encode(),
        )
        window.set_wm_class(*wm_class)
        if pid is not None:
            window.change_property(
                self.display.intern_atom("_NET_WM_PID"), Xatom.CARDINAL, 32, [pid]
            )
        window.map()
        self.display.sync()
        return window

    def _is_viewable(self, window: Window) -> bool:
        return window.get_attributes().map_state == X.IsViewable

    def pressed_keys(self) -> list[str]:
        """The keys other than modifiers pressed in this client's windows since the last call,
        by keysym name ("space", "b")."""
        keys = []
        while self.display.pending_events():
            event = self.display.next_event()
            if event.type == X.KeyPress:
                keysym = self.display.keycode_to_keysym(event.detail, 0)
                if not MODIFIER_KEYSYMS[0] <= keysym <= MODIFIER_KEYSYMS[1]:
                    keys.append(KEYSYM_NAMES.get(keysym, hex(keysym)))
        return keys

    def grab(self, key: str, modifiers: int) -> bool:
        """Grabs the key on the root window as a shortcut program would; False on BadAccess."""
        caught = xerror.CatchError(xerror.BadAccess)
        keycode = self.display.keysym_to_keycode(XK.string_to_keysym(key))
        self.root.grab_key(
            keycode, modifiers, False, X.GrabModeAsync, X.GrabModeAsync, onerror=caught
        )
        self.display.sync()
        return caught.get_error() is None
