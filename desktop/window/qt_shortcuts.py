"""Keyboard shortcuts of the Qt window."""

from collections.abc import Callable

from qtpy.QtCore import Qt
from qtpy.QtGui import QKeySequence, QShortcut
from qtpy.QtWidgets import QWidget

# Qt reads Ctrl as Cmd on macOS.
QUIT_KEYS = "Ctrl+Q"


def add_quit_shortcut(window: QWidget, quit_app: Callable[[], None]) -> QShortcut:
    # Application-wide, so it works whichever widget (the web view's) has the focus.
    shortcut = QShortcut(QKeySequence(QUIT_KEYS), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(quit_app)
    return shortcut
