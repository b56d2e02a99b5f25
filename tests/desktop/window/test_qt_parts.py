"""The Qt pieces on their own, on Qt's offscreen platform: no display needed."""

import logging
import os
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def qt_application() -> Iterator[Any]:
    previous = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        import qtpy.QtWebEngineWidgets  # noqa: F401  (must precede the QApplication)
        from qtpy.QtWidgets import QApplication

        yield QApplication.instance() or QApplication(["chatkit-desktop-tests"])
    finally:
        if previous is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = previous


def test_the_tray_menu_shows_and_quits(qt_application: Any) -> None:
    from desktop.window.qt_application import app_icon
    from desktop.window.tray import Tray

    calls: list[str] = []
    tray = Tray(app_icon())
    tray.connect(show=lambda: calls.append("show"), quit_app=lambda: calls.append("quit"))
    tray.show_action.trigger()
    tray.quit_action.trigger()
    assert calls == ["show", "quit"]
    assert tray.show_action.text() == "Show ChatKit Desktop"
    assert tray.quit_action.text() == "Quit"


def test_the_icon_has_every_size(qt_application: Any) -> None:
    from desktop.window.identity import ICON_SIZES
    from desktop.window.qt_application import app_icon

    sizes = {size.width() for size in app_icon().availableSizes()}
    assert sizes == set(ICON_SIZES)


def test_gui_thread_work_runs_from_the_event_loop(
    qt_application: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from desktop.window.qt_gui_thread import GuiThread

    done: list[str] = []

    def fail() -> None:
        raise RuntimeError("boom")

    gui_thread = GuiThread()
    gui_thread.run(lambda: done.append("first"))
    gui_thread.run(fail)
    gui_thread.run(lambda: done.append("after the failure"))
    assert done == []
    with caplog.at_level(logging.ERROR):
        qt_application.processEvents()
    assert done == ["first", "after the failure"]
    assert "window work failed" in caplog.text


def test_web_permissions_are_refused_with_the_enum_pyqt6_wants(qt_application: Any) -> None:
    import webview.platforms.qt as pywebview_qt
    from qtpy.QtCore import QUrl
    from qtpy.QtWebEngineCore import QWebEnginePage

    from desktop.window.qt_permissions import refuse_web_permissions

    class Page:
        def setFeaturePermission(self, origin: QUrl, feature: Any, policy: Any) -> None:
            self.answer = (origin, feature, policy)

    refuse_web_permissions()
    page = Page()
    origin = QUrl("http://127.0.0.1:1")
    feature = QWebEnginePage.Feature.Notifications
    pywebview_qt.BrowserView.WebPage.onFeaturePermissionRequested(page, origin, feature)
    assert page.answer == (origin, feature, QWebEnginePage.PermissionPolicy.PermissionDeniedByUser)
