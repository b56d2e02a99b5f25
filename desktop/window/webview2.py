"""Windows: the window needs Microsoft's WebView2 runtime.

Without it pywebview falls back to Internet Explorer's engine, which cannot show the page; the
app says so instead, in a message box (started from the Start menu it has no console), with
where to get the runtime. Windows 11 and updated Windows 10 have it; older or trimmed
installations may not.
"""

import sys
from typing import Protocol

# Where the Evergreen runtime registers its version (Microsoft's "Detect if a WebView2 Runtime
# is already installed"): machine-wide, under WOW6432Node on 64-bit Windows and without it on
# 32-bit Windows, or for the user alone.
RUNTIME_CLIENT = r"Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
VERSION_LOCATIONS = (
    ("HKEY_LOCAL_MACHINE", rf"SOFTWARE\WOW6432Node\{RUNTIME_CLIENT}"),
    ("HKEY_LOCAL_MACHINE", rf"SOFTWARE\{RUNTIME_CLIENT}"),
    ("HKEY_CURRENT_USER", rf"Software\{RUNTIME_CLIENT}"),
)
VERSION_VALUE = "pv"
# An empty or all-zero version is what an uninstalled runtime leaves behind.
NOT_A_VERSION = frozenset({"", "0.0.0.0"})  # noqa: S104 (a version, not an address)
# The backends that draw with WebView2: pywebview's default on Windows, and its own name.
WEBVIEW2_GUIS = (None, "edgechromium")
DOWNLOAD_URL = "https://developer.microsoft.com/microsoft-edge/webview2/"
TITLE = "ChatKit Desktop"
MESSAGE = (
    "ChatKit Desktop needs the Microsoft Edge WebView2 Runtime to show its window, and it is "
    "not installed on this computer.\n\n"
    f"Download the Evergreen runtime from {DOWNLOAD_URL} (the Evergreen Bootstrapper is "
    "enough), install it, then start ChatKit Desktop again."
)


class WindowsCalls(Protocol):
    def registry_string(self, root: str, key: str, name: str) -> str | None:
        """The string value ``name`` of ``root\\key``; None if the key or the value is absent."""
        ...

    def show_error(self, title: str, message: str) -> None: ...


def webview2_version(calls: WindowsCalls) -> str | None:
    for root, key in VERSION_LOCATIONS:
        found = calls.registry_string(root, key, VERSION_VALUE)
        if found is not None and found.strip() not in NOT_A_VERSION:
            return found.strip()
    return None


def webview2_missing(
    gui: str | None, platform: str = sys.platform, calls: WindowsCalls | None = None
) -> bool:
    """True, once the user has been told, when the window cannot open for want of WebView2.
    Elsewhere than on Windows, or with another backend, it looks at nothing."""
    if platform != "win32" or gui not in WEBVIEW2_GUIS:
        return False
    if calls is None:
        from desktop.window.windows_calls import Win32Calls

        calls = Win32Calls()
    if webview2_version(calls) is not None:
        return False
    print(f"chatkit-desktop: {MESSAGE}", file=sys.stderr)
    calls.show_error(TITLE, MESSAGE)
    return True
