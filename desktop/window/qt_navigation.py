"""Keeps the Qt window on the app's page: a navigation of the page to any other address (a
link clicked in an answer, ``window.location``, a form) is refused, and a web address is
handed to the system browser instead (``common/system_browser.py``). So is every new window the
page asks for (``target=_blank``, ``window.open``); the window itself never shows another site.

What the app loads itself (the page's address at start, the opening page) comes as a typed
navigation, as from an address bar the window does not have, and is let through, as is a reload.
Frames inside the page (ChatKit's) navigate on their own: only the top-level page is guarded.
"""

import logging
from urllib.parse import urlsplit

import webview.platforms.qt as pywebview_qt
from qtpy.QtCore import QUrl
from qtpy.QtWebEngineCore import QWebEnginePage, QWebEngineSettings

from common.system_browser import UrlRefused, open_in_browser

logger = logging.getLogger(__name__)

NavigationType = QWebEnginePage.NavigationType
# Loads the app starts itself, and a reload of what is shown: never a way to somewhere else.
_OWN_LOADS = (NavigationType.NavigationTypeTyped, NavigationType.NavigationTypeReload)


def keep_navigation_on_the_page(page_url: str) -> None:
    """From now on every page pywebview creates stays on ``page_url``'s origin. Call before
    the window is shown: Qt looks for a Python override when a page is made."""
    app_origin = _origin(page_url)

    def accept_in_window(
        _page: QWebEnginePage, url: QUrl, kind: NavigationType, is_main_frame: bool
    ) -> bool:
        if not is_main_frame or kind in _OWN_LOADS or _origin(url.toString()) == app_origin:
            return True
        _hand_to_browser(url.toString())
        return False

    def open_new_window_in_browser(
        _page: QWebEnginePage, url: QUrl, _kind: NavigationType, _is_main_frame: bool
    ) -> bool:
        _hand_to_browser(url.toString())
        return False

    pywebview_qt.BrowserView.WebPage.acceptNavigationRequest = accept_in_window
    # pywebview answers every new-window request with this page of its own, which would load
    # an address it is handed in our window unless told otherwise; it never shows anything.
    pywebview_qt.BrowserView.NavigationHandler.acceptNavigationRequest = open_new_window_in_browser


def refuse_windows_without_a_click(view: pywebview_qt.BrowserView) -> None:
    """A script may ask for a new window (handed to the browser) only as the user's click
    does, never on its own. Call once the view exists (pywebview's ``before_show``)."""
    view.webview.page().settings().setAttribute(
        QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False
    )


def _hand_to_browser(url: str) -> None:
    try:
        open_in_browser(url)
    except UrlRefused as refusal:
        # The reason only: the address is the page's or the model's, not for the log.
        logger.info("A navigation away from the app was refused: %s", refusal)


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port
    except ValueError:
        return "", "", None
