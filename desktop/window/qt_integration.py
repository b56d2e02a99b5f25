"""What the Qt backend adds around pywebview: our QApplication, the permission guard, the
navigation guard (links open in the system browser), the tray, Ctrl+Q and the search keys,
signals that reach the event loop, and the window driven as a Qt widget."""

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import webview
from qtpy.QtCore import QTimer

from desktop.window.geometry import Rect
from desktop.window.lifecycle import WindowLifecycle
from desktop.window.qt_application import app_icon, create_qt_application
from desktop.window.qt_gui_thread import GuiThread
from desktop.window.qt_native import QtWindow
from desktop.window.qt_navigation import (
    keep_navigation_on_the_page,
    refuse_windows_without_a_click,
)
from desktop.window.qt_permissions import refuse_web_permissions
from desktop.window.qt_shortcuts import add_quit_shortcut, add_search_shortcuts
from desktop.window.qt_signals import SignalsIntoQt
from desktop.window.tray import Tray


class QtIntegration:
    def __init__(self, cannot_start: Callable[[str], NoReturn]) -> None:
        self.application = create_qt_application(cannot_start)
        refuse_web_permissions()
        self._gui_thread = GuiThread()
        self._tray = Tray(app_icon())
        self._signals: SignalsIntoQt | None = None

    def screens(self) -> list[Rect]:
        return [
            Rect(area.x(), area.y(), area.width(), area.height())
            for area in (screen.availableGeometry() for screen in self.application.screens())
        ]

    def origin(self) -> tuple[int, int]:
        """What pywebview adds to a new window's x and y: the primary screen's corner."""
        corner = self.application.primaryScreen().geometry().topLeft()
        return corner.x(), corner.y()

    def attach(
        self, window: webview.Window, geometry_file: Path, background_allowed: Callable[[], bool]
    ) -> WindowLifecycle:
        lifecycle = WindowLifecycle(
            QtWindow(window, self._gui_thread),
            geometry_file,
            background_allowed,
            notify=self._notify,
            tray_available=self._tray.available,
        )
        self._tray.connect(show=lifecycle.show, quit_app=lifecycle.quit)
        keep_navigation_on_the_page(window.original_url)
        self._tray.show_if_available()
        # pywebview's before_show runs on the GUI thread, once the widget exists.
        window.events.before_show += lambda: add_quit_shortcut(window.native, lifecycle.quit)
        window.events.before_show += lambda: add_search_shortcuts(window.native, window)
        window.events.before_show += lambda: refuse_windows_without_a_click(window.native)
        self._signals = SignalsIntoQt(lifecycle.quit)
        self._signals.install()
        # pywebview sets its own SIGINT handler when its loop starts; ours goes back on after.
        QTimer.singleShot(0, self._signals.install)
        return lifecycle

    def _notify(self, title: str, message: str) -> None:
        # Hiding also runs from the close notice's wait thread and the server's loop, and
        # QSystemTrayIcon may only be touched on the GUI thread.
        self._gui_thread.run(lambda: self._tray.notify(title, message))

    def start_options(self) -> dict[str, Any]:
        return {}
