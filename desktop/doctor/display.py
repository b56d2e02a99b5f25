"""The display and the web engine: whether a window can open here (and in which kind of
session), and the Qt and Qt WebEngine versions it would use on Linux."""

import os
import sys
from collections.abc import Mapping

from desktop.doctor.check import Check, failed, ok
from desktop.shortcut.backends.wayland import is_wayland_session
from desktop.window.backend import QT
from desktop.window.display import missing_display

NO_DISPLAY_FIX = (
    "Start the app from your desktop session, or use `chatkit-desktop serve` and open the "
    "address it prints in a browser."
)


def check_display(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> list[Check]:
    reason = missing_display(QT, environ, platform)
    if reason is not None:
        display = failed("display", f"no display: {reason}", NO_DISPLAY_FIX)
    elif not platform.startswith("linux"):
        display = ok("display", f"the system's own ({platform})")
    elif is_wayland_session(environ):
        display = ok("display", f"Wayland session ({environ.get('WAYLAND_DISPLAY', 'portal')})")
    else:
        display = ok("display", f"X11 session (DISPLAY={environ.get('DISPLAY', '')})")
    if not platform.startswith("linux"):
        return [display]
    return [display, _web_engine()]


def _web_engine() -> Check:
    try:
        from PyQt6.QtCore import PYQT_VERSION_STR, QT_VERSION_STR
        from PyQt6.QtWebEngineCore import qWebEngineChromiumVersion, qWebEngineVersion
    except ImportError as error:
        return failed(
            "web engine",
            f"Qt WebEngine cannot be loaded: {error}",
            "Reinstall the app (`make install`), or install the system libraries it names "
            "(on Debian: libxcb-icccm4 libxcb-keysyms1 libnss3).",
        )
    return ok(
        "web engine",
        f"Qt {QT_VERSION_STR} (PyQt {PYQT_VERSION_STR}), Qt WebEngine {qWebEngineVersion()} "
        f"(Chromium {qWebEngineChromiumVersion()})",
    )
