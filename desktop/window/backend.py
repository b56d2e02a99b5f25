"""Which pywebview backend opens the window. Standard library only: the CLI imports it."""

import sys

# pywebview's own names, as ``webview.start(gui=...)`` takes them.
GUI_BACKENDS = ("qt", "gtk", "cef", "edgechromium", "mshtml", "cocoa")
QT = "qt"


def default_gui(platform: str = sys.platform) -> str | None:
    """Qt WebEngine on Linux, where pywebview would try GTK first; elsewhere pywebview's own
    choice (WebView2 on Windows, WKWebView on macOS)."""
    return QT if platform.startswith("linux") else None
