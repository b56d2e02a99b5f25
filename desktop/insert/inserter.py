"""The window the latest ask captured, remembered on the desktop side, and the answer pasted
into it: the server's ``AnswerInserter`` (``server/routes/insert.py``). The page never names a
window: it can only ask for the one captured at the latest ask, which every ask replaces."""

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from common.answer_insertion import NO_CAPTURED_WINDOW, CapturedTarget, InsertRefused
from common.shared_context import ActiveWindow

NO_BACKEND = "Inserting into other applications is not possible on this desktop."
QUITTING = "ChatKit Desktop is quitting; nothing was inserted."


class PasteBackend(Protocol):
    """One platform's paste. Blocking, each wait bounded."""

    def window_exists(self, window: ActiveWindow) -> bool: ...

    def paste(self, window: ActiveWindow, text: str) -> None:
        """Puts ``text`` into ``window`` as a paste, and the clipboard back as it was; raises
        ``InsertRefused`` saying why when it could not."""

    def close(self) -> None: ...


class DesktopAnswerInserter:
    def __init__(self, create_backend: Callable[[], PasteBackend | None]) -> None:
        self._create_backend = create_backend
        self._backend: PasteBackend | None = None
        self._window: ActiveWindow | None = None
        self._captured_at = datetime.now()
        self._lock = threading.Lock()
        # One paste at a time: two would fight over the clipboard and the focus.
        self._pasting = threading.Lock()
        self._closed = False

    def remember(self, window: ActiveWindow | None) -> None:
        """At every ask, from the shortcut's thread or the server's: the window it captured, or
        None, which forgets the one before."""
        with self._lock:
            self._window = window if window is not None and window.handle is not None else None
            self._captured_at = datetime.now()

    def forget(self) -> None:
        self.remember(None)

    def target(self) -> CapturedTarget | None:
        with self._lock:
            window, captured_at = self._window, self._captured_at
        if window is None:
            return None
        return CapturedTarget(title=window.title, app=window.app, captured_at=captured_at)

    def insert(self, text: str) -> CapturedTarget:
        """Blocking: call it off the event loop."""
        with self._lock:
            window, captured_at = self._window, self._captured_at
        if window is None:
            raise InsertRefused(NO_CAPTURED_WINDOW)
        try:
            with self._pasting:
                if self._closed:
                    raise InsertRefused(QUITTING)
                backend = self._paste_backend()
                if not backend.window_exists(window):
                    raise InsertRefused(
                        f"The window “{window.title or window.app}” has closed; nothing was "
                        "inserted."
                    )
                backend.paste(window, text)
        finally:
            if self._closed:
                # ``close`` came during this paste and left the backend to it.
                self._close_backend_if_idle()
        return CapturedTarget(title=window.title, app=window.app, captured_at=captured_at)

    def close(self) -> None:
        """At quit, on the main thread: never waits for a paste under way (it may take seconds
        to give the clipboard back); that paste closes the backend as it ends."""
        self._closed = True
        self._close_backend_if_idle()

    def _close_backend_if_idle(self) -> None:
        if not self._pasting.acquire(blocking=False):
            return
        try:
            backend, self._backend = self._backend, None
            if backend is not None:
                backend.close()
        finally:
            self._pasting.release()

    def _paste_backend(self) -> PasteBackend:
        if self._backend is None:
            self._backend = self._create_backend()
        if self._backend is None:
            raise InsertRefused(NO_BACKEND)
        return self._backend
