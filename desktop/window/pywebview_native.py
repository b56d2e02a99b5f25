"""The window through pywebview's own API: the path for WebView2, WKWebView and GTK, which
must not touch Qt."""

import threading
from collections.abc import Callable

import webview

from desktop.window.geometry import WindowGeometry


class PywebviewWindow:
    def __init__(self, window: webview.Window) -> None:
        self._window = window

    def show_and_focus(self) -> None:
        self._in_background(self._show_and_focus)

    def hide(self) -> None:
        self._in_background(self._window.hide)

    def close(self) -> None:
        self._in_background(self._window.destroy)

    def geometry(self) -> WindowGeometry | None:
        if not self._window.events.shown.is_set():
            return None
        return WindowGeometry(
            x=self._window.x, y=self._window.y, width=self._window.width, height=self._window.height
        )

    def copy_text(self, text: str) -> bool:
        # pywebview has no clipboard API, and these web views let the page write it itself.
        return False

    def _show_and_focus(self) -> None:
        self._window.show()
        self._window.restore()

    @staticmethod
    def _in_background(work: Callable[[], None]) -> None:
        # pywebview's calls wait for the window to be shown, which must not hold up the GUI
        # thread or the server's event loop.
        threading.Thread(target=work, name="window-call", daemon=True).start()
