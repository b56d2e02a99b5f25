"""Whether there is a display to open a window on, and what to say when there is none."""

import os
import sys
from collections.abc import Mapping

from desktop.window.backend import QT


def missing_display(
    gui: str | None, environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> str | None:
    """Why no window can open, or None when one may. Only X11 and Wayland systems need a display
    named in the environment; Qt may be told to draw without one (``QT_QPA_PLATFORM``)."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    if gui == QT and environ.get("QT_QPA_PLATFORM"):
        return None
    return "neither DISPLAY nor WAYLAND_DISPLAY is set"


def no_display_message(reason: str) -> str:
    return (
        f"chatkit-desktop: cannot open a window: {reason}.\n"
        "To use ChatKit Desktop without a display, run `chatkit-desktop serve` and open the "
        "address it prints in a browser."
    )
