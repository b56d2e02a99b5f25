"""The QApplication, made here before pywebview makes one, so that the app's identity is ours:
WM_CLASS ``chatkit-desktop`` (from argv[0] and the application name), the desktop file name
(the Wayland app id) and the icon."""

from collections.abc import Callable
from typing import NoReturn

# Qt WebEngine must be loaded before the QApplication exists.
import qtpy.QtWebEngineWidgets  # noqa: F401
from qtpy.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from qtpy.QtGui import QIcon
from qtpy.QtWidgets import QApplication

from desktop.window.identity import APP_ID, ICON_SIZES, WINDOW_TITLE, icon_png


def create_qt_application(cannot_start: Callable[[str], NoReturn]) -> QApplication:
    """``cannot_start`` receives Qt's reason when it cannot reach a display: Qt would abort the
    process right after, so it must end the process itself."""
    QApplication.setApplicationName(APP_ID)
    QApplication.setApplicationDisplayName(WINDOW_TITLE)
    QApplication.setDesktopFileName(APP_ID)
    messages: list[str] = []

    def on_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            cannot_start(messages[0] if messages else message)
        messages.append(message)

    previous = qInstallMessageHandler(on_message)
    try:
        # Our own argv: argv[0] is WM_CLASS's instance name, and Qt must not parse our options.
        application = QApplication([APP_ID])
    finally:
        qInstallMessageHandler(previous)
    application.setWindowIcon(app_icon())
    # The window may be hidden to the tray; pywebview ends the loop itself when it closes.
    application.setQuitOnLastWindowClosed(False)
    return application


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)))
    return icon
