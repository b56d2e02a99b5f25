"""Picks the global-hotkey backend for this platform and session. Each backend's module is
imported only here, when it is chosen, so importing ``desktop.hotkey`` stays cheap."""

import logging
import os
import sys
from collections.abc import Mapping

from desktop.hotkey.base import GlobalHotkey, HotkeyUnavailable
from desktop.hotkey.wayland import is_wayland_session

logger = logging.getLogger(__name__)


def create_global_hotkey(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> GlobalHotkey:
    try:
        if platform == "win32":
            from desktop.hotkey.windows import WindowsHotkey

            return WindowsHotkey.on_this_system()
        if platform == "darwin":
            from desktop.hotkey.macos import MacHotkey

            return MacHotkey.on_this_system()
    except (ImportError, OSError) as error:
        logger.warning("the global shortcut cannot be set up", exc_info=True)
        raise HotkeyUnavailable(
            "The global shortcut cannot be set up on this system. Run `chatkit-desktop ask` to "
            "bring the app up with what you selected instead."
        ) from error
    if is_wayland_session(environ):
        from desktop.hotkey.portal import PortalHotkey

        return PortalHotkey.on_session_bus()
    if environ.get("DISPLAY"):
        from desktop.hotkey.x11 import X11Hotkey

        return X11Hotkey(environ["DISPLAY"])
    raise HotkeyUnavailable(
        "There is no display to take a global shortcut from. Without one, bind the command "
        "`chatkit-desktop ask` to a key in your desktop's keyboard settings."
    )
