"""The tray icon, where the desktop has a tray: Show brings the window back, Quit quits."""

from collections.abc import Callable

from qtpy.QtGui import QIcon
from qtpy.QtWidgets import QMenu, QSystemTrayIcon

from desktop.window.identity import WINDOW_TITLE

NOTICE_MILLISECONDS = 6000


class Tray:
    """Made before the window's lifecycle, which notifies through it; ``connect`` then gives it
    the lifecycle's actions."""

    def __init__(self, icon: QIcon) -> None:
        self._menu = QMenu()
        self.show_action = self._menu.addAction(f"Show {WINDOW_TITLE}")
        self._menu.addSeparator()
        self.quit_action = self._menu.addAction("Quit")
        self._icon = QSystemTrayIcon(icon)
        self._icon.setToolTip(WINDOW_TITLE)
        self._icon.setContextMenu(self._menu)

    def connect(self, show: Callable[[], None], quit_app: Callable[[], None]) -> None:
        self.show_action.triggered.connect(lambda _checked=False: show())
        self.quit_action.triggered.connect(lambda _checked=False: quit_app())

        def on_activated(reason: QSystemTrayIcon.ActivationReason) -> None:
            if reason == QSystemTrayIcon.ActivationReason.Trigger:
                show()

        self._icon.activated.connect(on_activated)

    def show_if_available(self) -> bool:
        if not self.available():
            return False
        self._icon.show()
        return True

    @staticmethod
    def available() -> bool:
        """Whether the desktop shows tray icons now: on Linux, Qt looks for a StatusNotifier
        host (``org.kde.StatusNotifierWatcher`` on D-Bus) and for an XEmbed tray (the owner of
        ``_NET_SYSTEM_TRAY_S<screen>``). On the GUI thread."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    def notify(self, title: str, message: str) -> None:
        if self._icon.isVisible():
            self._icon.showMessage(title, message, self._icon.icon(), NOTICE_MILLISECONDS)
