"""Keyboard shortcuts of the Qt window."""

import threading
from collections.abc import Callable

import webview
from qtpy.QtCore import Qt
from qtpy.QtGui import QKeySequence, QShortcut
from qtpy.QtWidgets import QWidget

# Qt reads Ctrl as Cmd on macOS.
QUIT_KEYS = "Ctrl+Q"
SEARCH_KEYS = ("Ctrl+K", "Ctrl+Shift+F")
# What web/static/search/keys.js listens for (NATIVE_SEARCH_EVENT).
SEARCH_SCRIPT = 'window.dispatchEvent(new CustomEvent("chatkit-desktop:search"));'


def add_quit_shortcut(window: QWidget, quit_app: Callable[[], None]) -> QShortcut:
    # Application-wide, so it works whichever widget (the web view's) has the focus.
    shortcut = QShortcut(QKeySequence(QUIT_KEYS), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(quit_app)
    return shortcut


def add_search_shortcuts(window: QWidget, page: webview.Window) -> tuple[QShortcut, ...]:
    """Ctrl+K and Ctrl+Shift+F open the page's search even while ChatKit's frame has the focus:
    that frame is another origin's document, so the page never sees the keys pressed in it. Qt
    sees them first, whichever frame has the focus, and consumes them."""
    # A tuple: pywebview keeps what an event handler returns in a set.
    return tuple(_search_shortcut(window, keys, page) for keys in SEARCH_KEYS)


def _search_shortcut(window: QWidget, keys: str, page: webview.Window) -> QShortcut:
    shortcut = QShortcut(QKeySequence(keys), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: tell_page_to_search(page))
    return shortcut


def tell_page_to_search(page: webview.Window) -> None:
    """Straight into this window's page rather than through the server's event stream: one
    step, no HTTP, and only the page on screen hears it. run_js rather than evaluate_js,
    because evaluate_js wraps the script in eval(), which the page's Content-Security-Policy
    refuses. Both wait for the page's answer, which comes through Qt's loop: called here, on
    the GUI thread, the wait would never end, so it waits on a thread of its own."""
    threading.Thread(
        target=page.run_js, args=(SEARCH_SCRIPT,), name="page-search", daemon=True
    ).start()
