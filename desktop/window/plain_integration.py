"""The other backends (WebView2, WKWebView, GTK): pywebview's API only, no Qt."""

import signal
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import webview

from desktop.window.geometry import Rect
from desktop.window.identity import icon_png
from desktop.window.lifecycle import WindowLifecycle
from desktop.window.pywebview_native import PywebviewWindow

WINDOW_ICON_SIZE = 256


class PlainIntegration:
    def screens(self) -> list[Rect] | None:
        # Asking pywebview for screens before start() would start a backend of its choosing.
        return None

    def origin(self) -> tuple[int, int]:
        return 0, 0

    def attach(
        self, window: webview.Window, geometry_file: Path, background_allowed: Callable[[], bool]
    ) -> WindowLifecycle:
        lifecycle = WindowLifecycle(PywebviewWindow(window), geometry_file, background_allowed)

        def stop(_signal: int, _frame: FrameType | None) -> None:
            lifecycle.quit()

        for stop_signal in (signal.SIGTERM, signal.SIGINT):
            signal.signal(stop_signal, stop)
        return lifecycle

    def start_options(self) -> dict[str, Any]:
        # Only GTK and Qt take a window icon from here; elsewhere it comes from the app bundle.
        return {"icon": str(icon_png(WINDOW_ICON_SIZE))}
