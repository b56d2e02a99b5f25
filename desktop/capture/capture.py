"""What reads the context, and the choice of one for this platform and session."""

import logging
import os
import sys
from collections.abc import Mapping
from typing import Protocol

from common.shared_context import SharedContext, SharingChoice
from desktop.shortcut.backends.wayland import is_wayland_session

logger = logging.getLogger(__name__)


class ContextCapture(Protocol):
    def capture(self, choice: SharingChoice) -> SharedContext:
        """Reads the parts ``choice`` shares; a part it does not share is never read."""

    def close(self) -> None:
        """Lets go of the OS handles a capture keeps (its X connection, its worker)."""


class NothingToCapture:
    """Where no backend can read anything (no display): an empty context, so a press still
    brings the window up."""

    def capture(self, choice: SharingChoice) -> SharedContext:
        return SharedContext()

    def close(self) -> None:
        """Nothing is kept."""


def create_context_capture(
    own_pids: frozenset[int],
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
) -> ContextCapture:
    """Cheap: backends connect at their first capture. Windows whose process is in
    ``own_pids`` (the app and its helper processes) are never reported as the active one."""
    try:
        if platform == "win32":
            from desktop.capture.windows import create_windows_capture

            return create_windows_capture(own_pids)
        if platform == "darwin":
            from desktop.capture.macos import create_mac_capture

            return create_mac_capture(own_pids)
    except (ImportError, OSError):
        # A press must still bring the window up, with nothing captured.
        logger.warning("cannot read the context on this system", exc_info=True)
        return NothingToCapture()
    if environ.get("DISPLAY"):
        from desktop.capture.x11 import X11ContextCapture

        # Under Wayland, X (XWayland) sees only X programs' windows, so it cannot say which
        # window is active; the desktop still shares the PRIMARY selection with it.
        return X11ContextCapture(
            own_pids, environ["DISPLAY"], reads_windows=not is_wayland_session(environ)
        )
    return NothingToCapture()
