"""What a press of the global shortcut does: read what the user is looking at, while it is
still in front, then bring our window up with it (through the server, to every open page).

Also the server's ``ContextSource``, so ``chatkit-desktop ask`` without text reads the same.
"""

import logging
from collections.abc import Callable
from typing import Any

from common.shared_context import ActiveWindow
from desktop.capture.capture import ContextCapture
from server.http.ask_events import AskEvents
from server.settings.settings_file import SettingsFile

logger = logging.getLogger(__name__)


class AskFlow:
    def __init__(
        self,
        capture: ContextCapture,
        settings_file: SettingsFile,
        ask_events: AskEvents,
        show_window: Callable[[], None],
        on_captured: Callable[[ActiveWindow | None], None] = lambda _window: None,
    ) -> None:
        self._capture = capture
        self._settings_file = settings_file
        self._ask_events = ask_events
        self._show_window = show_window
        # The window an answer may be inserted into: it stays on this side, never sent.
        self._on_captured = on_captured

    def capture(self) -> dict[str, Any]:
        """What the settings allow to be read, and only that: a part switched off is never
        read at all."""
        try:
            settings = self._settings_file.load()
            shared = self._capture.capture(settings.sharing)
        except Exception:
            # The previous ask's window must not stay the one an answer goes into.
            self._on_captured(None)
            raise
        self._on_captured(shared.active_window)
        return shared.as_json()

    def on_press(self) -> None:
        """On the shortcut's thread. Capture comes first: once our window is up, it is the
        active one and the user's is gone from view."""
        try:
            context = self.capture()
        except Exception:
            # The user still gets the window and can type; the log says what went wrong.
            logger.exception("could not read the active window or the selection")
            context = {}
        self._ask_events.publish(context)
        self._show_window()
