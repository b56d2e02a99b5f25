"""The global shortcut as the window sees it: made before the local server exists (the window
asks it whether closing may keep the app running), given the server once that is built, and
installed once the page has loaded, so nothing of it (the X library, the grab) stands between a
launch and the first paint. Nothing heavy is imported until then."""

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.shortcut.global_shortcut import NOT_SET, GlobalShortcut

if TYPE_CHECKING:
    from server.http.local_server import LocalServer


class DeferredGlobalShortcut:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local: LocalServer | None = None
        self._shortcut: GlobalShortcut | None = None
        self._closed = False

    def attach(self, local: "LocalServer") -> None:
        """On the server's thread, before it serves: ``GET /api/shortcut`` answers from here."""
        from server.routes.shortcut import attach_shortcut_state

        with self._lock:
            self._local = local
        attach_shortcut_state(local.app, self)

    def install(self, show_window: Callable[[], None]) -> None:
        """Safe to call again (every page load does): installs once, once attached."""
        from desktop.shortcut.install import install_global_shortcut

        with self._lock:
            if self._shortcut is None and self._local is not None and not self._closed:
                self._shortcut = install_global_shortcut(self._local, show_window)

    def active(self) -> bool:
        shortcut = self._shortcut
        return shortcut is not None and shortcut.active

    def describe(self) -> dict[str, Any]:
        """Until the page has loaded, neither registered nor refused: still being set up."""
        shortcut = self._shortcut
        return NOT_SET.describe() if shortcut is None else shortcut.describe()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._shortcut is not None:
                self._shortcut.close()
