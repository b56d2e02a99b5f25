"""Puts the global shortcut to work in the running app: registered as the settings say, again
whenever they change, and its state and capture offered to the server's routes."""

import os
import threading
from collections.abc import Callable
from typing import Any

from desktop.context.capture import create_context_capture
from desktop.hotkey import create_global_hotkey
from desktop.shortcut.ask_flow import AskFlow
from desktop.shortcut.global_shortcut import GlobalShortcut
from server.local_server import LocalServer
from server.routes.ask import attach_context_source
from server.routes.shortcut import attach_shortcut_state


def install_global_shortcut(local: LocalServer, show_window: Callable[[], None]) -> GlobalShortcut:
    # Our own window is never what the user is asking about.
    capture = create_context_capture(frozenset({os.getpid()}))
    flow = AskFlow(capture, local.settings_file, local.ask_events, show_window)
    shortcut = GlobalShortcut(
        flow.on_press, create_global_hotkey, lambda: local.settings_file.load().hotkey
    )
    attach_context_source(local.app, flow)
    local.settings_file.on_change(lambda _settings: shortcut.refresh())
    shortcut.refresh()
    return shortcut


class DeferredGlobalShortcut:
    """The shortcut, installed once the window's page has loaded: nothing of it (the X
    library, the grab) stands between a launch and the first paint."""

    def __init__(self, local: LocalServer) -> None:
        self._local = local
        self._lock = threading.Lock()
        self._shortcut: GlobalShortcut | None = None
        self._closed = False
        attach_shortcut_state(local.app, self)

    def install(self, show_window: Callable[[], None]) -> None:
        """Safe to call again (every page load does): installs once."""
        with self._lock:
            if self._shortcut is None and not self._closed:
                self._shortcut = install_global_shortcut(self._local, show_window)

    def active(self) -> bool:
        shortcut = self._shortcut
        return shortcut is not None and shortcut.active

    def describe(self) -> dict[str, Any]:
        """Until the page has loaded, neither registered nor refused: still being set up."""
        shortcut = self._shortcut
        if shortcut is None:
            return {"combination": None, "active": False, "problem": None}
        return shortcut.describe()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._shortcut is not None:
                self._shortcut.close()
