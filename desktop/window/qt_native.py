"""The window as a Qt widget (pywebview's ``BrowserView``), for what pywebview's API cannot do
well: raising and focusing on X11, reading the frame's position, the clipboard."""

import webview
from qtpy.QtCore import Qt
from qtpy.QtWidgets import QApplication, QWidget

from desktop.window.geometry import WindowGeometry
from desktop.window.qt_gui_thread import GuiThread


class QtWindow:
    def __init__(self, window: webview.Window, gui_thread: GuiThread) -> None:
        self._window = window
        self._gui_thread = gui_thread

    @property
    def widget(self) -> QWidget | None:
        """None until ``webview.start()`` has created the window."""
        native: QWidget | None = self._window.native
        return native

    def show_and_focus(self) -> None:
        self._gui_thread.run(self._show_and_focus)

    def hide(self) -> None:
        self._gui_thread.run(self._hide)

    def close(self) -> None:
        self._gui_thread.run(self._close)

    def geometry(self) -> WindowGeometry | None:
        widget = self.widget
        if widget is None:
            return None
        maximized = widget.isMaximized()
        # pywebview places a new window by its frame (QWidget.move) and sizes its content.
        frame = widget.frameGeometry()
        content = widget.normalGeometry() if maximized else widget.geometry()
        return WindowGeometry(
            x=frame.x(),
            y=frame.y(),
            width=content.width(),
            height=content.height(),
            maximized=maximized,
        )

    def copy_text(self, text: str) -> bool:
        self._gui_thread.run(lambda: QApplication.clipboard().setText(text))
        return True

    def _hide(self) -> None:
        if self.widget is not None:
            self.widget.hide()

    def _close(self) -> None:
        # Queued work runs inside Qt's loop, which pywebview starts only after making the widget:
        # a quit asked for earlier (a signal during start-up) still finds it.
        if self.widget is not None:
            self.widget.close()

    def _show_and_focus(self) -> None:
        widget = self.widget
        if widget is None:
            return
        if widget.isMinimized():
            widget.setWindowState(widget.windowState() & ~Qt.WindowState.WindowMinimized)
        widget.show()
        widget.raise_()
        widget.activateWindow()
        if QApplication.platformName() == "xcb":
            from desktop.window.x11_activation import request_activation

            request_activation(int(widget.winId()))
