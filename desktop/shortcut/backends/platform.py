"""Picks the global-shortcut backend for this platform and session. Each backend's module is
imported only here, when it is chosen, so importing ``desktop.shortcut.backends`` stays cheap."""

import logging
import os
import sys
from collections.abc import Mapping

from desktop.shortcut.backends.base import ShortcutBackend, ShortcutUnavailable
from desktop.shortcut.backends.wayland import is_wayland_session

logger = logging.getLogger(__name__)


def create_shortcut_backend(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> ShortcutBackend:
    try:
        if platform == "win32":
            from desktop.shortcut.backends.windows import WindowsShortcutBackend

            return WindowsShortcutBackend.on_this_system()
        if platform == "darwin":
            from desktop.shortcut.backends.macos import MacShortcutBackend

            return MacShortcutBackend.on_this_system()
    except (ImportError, OSError) as error:
        logger.warning("the global shortcut cannot be set up", exc_info=True)
        raise ShortcutUnavailable(
            "The global shortcut cannot be set up on this system. Run `chatkit-desktop ask` to "
            "bring the app up with what you selected instead."
        ) from error
    if is_wayland_session(environ):
        from desktop.shortcut.backends.portal import PortalShortcutBackend

        return PortalShortcutBackend.on_session_bus()
    if environ.get("DISPLAY"):
        from desktop.shortcut.backends.x11 import X11ShortcutBackend

        return X11ShortcutBackend(environ["DISPLAY"])
    raise ShortcutUnavailable(
        "There is no display to take a global shortcut from. Without one, bind the command "
        "`chatkit-desktop ask` to a key in your desktop's keyboard settings."
    )
