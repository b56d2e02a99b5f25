"""What closing, quitting and showing the window do, whatever draws it.

Closing the window hides it while the app may run in the background (``background_allowed``),
and quits otherwise; before it hides, the page says that the app keeps running and how to
bring it back or quit (``close_notice.py``), until the user says not to. Quitting (Ctrl+Q, the
tray, a signal) always quits. Either way the geometry is saved as the window closes, so the
next run opens where this one was.
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from desktop.folder_opener import open_folder
from desktop.window.close_notice import CloseNotice
from desktop.window.geometry import WindowGeometry, save_geometry
from desktop.window.identity import WINDOW_TITLE

logger = logging.getLogger(__name__)

BACKGROUND_NOTICE = "ChatKit Desktop is still running. Its shortcut brings the window back."


class NativeWindow(Protocol):
    """The toolkit's window. ``show_and_focus``, ``hide``, ``close`` and ``copy_text`` may be
    called from any thread and return at once; ``geometry`` is called on the GUI thread."""

    def show_and_focus(self) -> None: ...

    def hide(self) -> None: ...

    def close(self) -> None: ...

    def geometry(self) -> WindowGeometry | None: ...

    def copy_text(self, text: str) -> bool: ...


class WindowLifecycle:
    """Also the server's ``WindowController`` (``show``, ``copy_text``, ``open_folder``)."""

    def __init__(
        self,
        native: NativeWindow,
        geometry_file: Path,
        background_allowed: Callable[[], bool],
        notify: Callable[[str, str], None] = lambda _title, _message: None,
        tray_available: Callable[[], bool] = lambda: False,
    ) -> None:
        self._native = native
        self._geometry_file = geometry_file
        self._background_allowed = background_allowed
        self._notify = notify
        self._tray_available = tray_available
        self._close_notice: CloseNotice | None = None
        self._quitting = False
        self._noticed_background = False

    def ask_before_hiding(self, notice: CloseNotice) -> None:
        """From now on a close that would hide the window asks the page to explain first."""
        self._close_notice = notice

    @property
    def quitting(self) -> bool:
        return self._quitting

    def show(self) -> None:
        self._native.show_and_focus()

    def copy_text(self, text: str) -> bool:
        return self._native.copy_text(text)

    def open_folder(self, folder: Path) -> None:
        open_folder(folder)

    def quit(self) -> None:
        self._quitting = True
        self._native.close()

    def hide(self) -> None:
        """Into the background: the close notice's "Keep running", or a close without it."""
        self._native.hide()
        if not self._noticed_background:
            self._noticed_background = True
            self._notify(WINDOW_TITLE, BACKGROUND_NOTICE)

    def on_closing(self) -> bool:
        """pywebview's ``closing`` event, on the GUI thread: False keeps the window open."""
        if not self._quitting and self._background_allowed():
            notice = self._close_notice
            if notice is not None and notice.wanted():
                notice.show(self._tray_available(), if_not_shown=self.hide)
            else:
                self.hide()
            return False
        self._quitting = True
        self._remember_geometry()
        return True

    def _remember_geometry(self) -> None:
        geometry = self._native.geometry()
        if geometry is None:
            return
        try:
            save_geometry(self._geometry_file, geometry)
        except OSError as error:
            # Losing the placement is no reason to fail a quit.
            logger.warning(
                "could not save the window geometry to %s: %s", self._geometry_file, error
            )
