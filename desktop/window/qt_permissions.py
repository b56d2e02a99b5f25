"""Refuses every web permission the page asks for (notifications, geolocation, clipboard,
camera, microphone...) in the Qt window.

pywebview's own handler passes an int where PyQt6 wants an enum; the TypeError escaping a Qt
slot aborts the whole process. The app does what those permissions would allow from Python
instead (clipboard, notifications), so the page never needs them.
"""

from typing import Any

import webview.platforms.qt as pywebview_qt
from qtpy.QtCore import QUrl
from qtpy.QtWebEngineCore import QWebEnginePage


def refuse_web_permissions() -> None:
    pywebview_qt.BrowserView.WebPage.onFeaturePermissionRequested = _refuse


def _refuse(page: QWebEnginePage, origin: QUrl, feature: Any) -> None:
    page.setFeaturePermission(
        origin, feature, QWebEnginePage.PermissionPolicy.PermissionDeniedByUser
    )
