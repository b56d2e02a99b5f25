"""The paste backend for this platform and session. Importing this is cheap: the backend's OS
modules load when the first answer is inserted."""

import logging
import os
import sys
from collections.abc import Mapping

from desktop.insert.inserter import PasteBackend
from desktop.shortcut.backends.wayland import is_wayland_session

logger = logging.getLogger(__name__)


def create_paste_backend(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> PasteBackend | None:
    """None where no window can be pasted into (Wayland: X sees only X programs' windows and
    the compositor keeps the others' focus to itself)."""
    try:
        if platform == "win32":
            from desktop.insert.native import NativePaste
            from desktop.insert.win32_insert_calls import Win32InsertCalls

            return NativePaste(Win32InsertCalls())
        if platform == "darwin":
            from desktop.insert.mac_insert_calls import MacInsertCalls
            from desktop.insert.native import NativePaste

            return NativePaste(MacInsertCalls())
    except (ImportError, OSError):
        logger.warning("cannot paste into other windows on this system", exc_info=True)
        return None
    if environ.get("DISPLAY") and not is_wayland_session(environ):
        from desktop.insert.x11 import X11Paste

        return X11Paste(environ["DISPLAY"])
    return None
