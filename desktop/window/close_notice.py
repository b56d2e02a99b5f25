"""The first close while the shortcut keeps the app running: the page says so before the window
hides (web/static/window/close-notice.js), with "Quit instead", "Keep running" and "Don't show
again" (the ``close_notice`` setting).

The page is asked through ``run_js``, on a thread of its own: the answer comes back through
Qt's loop, so waiting for it on the GUI thread would never end. A page that cannot show the
notice (still loading, or an opening page of our own) does not leave the close unanswered:
after a short wait the window hides as it would without the notice.
"""

import json
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

logger = logging.getLogger(__name__)

# What the page's hook answers once its notice is on screen.
SHOWN = "shown"
ANSWER_TIMEOUT_SECONDS = 3.0


class ScriptedPage(Protocol):
    def run_js(self, script: str) -> Any: ...


def notice_script(tray_available: bool) -> str:
    detail = json.dumps({"tray": tray_available})
    return f"window.chatkitDesktop?.showCloseNotice?.({detail}) ?? 'absent'"


class CloseNotice:
    """``wanted`` reads the setting at the moment of closing; called on the GUI thread."""

    def __init__(self, page: ScriptedPage, wanted: Callable[[], bool]) -> None:
        self._page = page
        self.wanted = wanted

    def show(self, tray_available: bool, if_not_shown: Callable[[], None]) -> None:
        """Asks the page to show the notice and returns at once; ``if_not_shown`` runs (on
        another thread) when the page does not confirm it in time."""
        answered = threading.Event()
        result: list[Any] = []

        def ask() -> None:
            try:
                result.append(self._page.run_js(notice_script(tray_available)))
            except Exception:
                logger.exception("The page could not be asked to show the close notice")
            answered.set()

        def wait() -> None:
            if not answered.wait(ANSWER_TIMEOUT_SECONDS) or result[:1] != [SHOWN]:
                logger.info("The page did not show the close notice; hiding the window")
                if_not_shown()

        threading.Thread(target=ask, name="close-notice", daemon=True).start()
        threading.Thread(target=wait, name="close-notice-wait", daemon=True).start()
