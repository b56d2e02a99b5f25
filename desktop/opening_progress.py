"""What the store's opening is doing, told to the person once it has taken long enough to be
noticed: the window shows it on a page of its own (``desktop/window/opening_page.py``),
``chatkit-desktop serve`` prints it on standard error, and both log it.

A normal start opens the store in milliseconds and shows nothing: each step is only noted until
opening has taken ``SHOW_AFTER_SECONDS``. Then the step under way at that moment is passed on,
and every one after it as it starts. Nothing here imports the server, so the window's thread
can make one before the server thread has loaded anything.
"""

import logging
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.store.progress import OpeningProgress

logger = logging.getLogger(__name__)

# Shorter than this, a blank page or a silent terminal is not noticed; a page shown and
# replaced at once would be a flicker.
SHOW_AFTER_SECONDS = 0.3


class SlowOpening:
    def __init__(
        self,
        show: "OpeningProgress",
        on_shown_finished: Callable[[], None] | None = None,
        delay: float = SHOW_AFTER_SECONDS,
    ) -> None:
        """``show`` is called with the lock held, from the opening thread or a timer's: it must
        return at once. ``on_shown_finished`` runs once the store is open, if anything was
        shown; not when opening failed, since what comes next is the error."""
        self._show = show
        self._on_shown_finished = on_shown_finished
        self._delay = delay
        self._lock = threading.Lock()
        self._current: tuple[str, float | None] | None = None
        self._timer: threading.Timer | None = None
        self._slow = False
        self._finished = False
        self._logged_step: str | None = None

    def report(self, step: str, fraction: float | None) -> None:
        """The store's ``on_progress``."""
        with self._lock:
            if self._finished:
                return
            self._current = (step, fraction)
            if self._slow:
                self._pass_on(step, fraction)
            elif self._timer is None:
                # From the first step on: before it, the store has not started opening.
                self._timer = threading.Timer(self._delay, self._reveal)
                self._timer.daemon = True
                self._timer.start()

    def finish(self, opened: bool = True) -> None:
        """Opening is over, well (``opened``) or not; safe to call more than once."""
        with self._lock:
            if self._finished:
                return
            self._finished = True
            if self._timer is not None:
                self._timer.cancel()
            shown = self._slow
        if shown and opened and self._on_shown_finished is not None:
            self._on_shown_finished()

    def _reveal(self) -> None:
        with self._lock:
            if self._finished or self._current is None:
                return
            self._slow = True
            self._pass_on(*self._current)

    def _pass_on(self, step: str, fraction: float | None) -> None:
        if step != self._logged_step:
            self._logged_step = step
            logger.info("opening the store takes long: %s", step)
        self._show(step, fraction)


def print_steps() -> "OpeningProgress":
    """For a terminal: each step once, as it starts; how far a step has come would fill it."""
    printed: list[str] = []

    def show(step: str, _fraction: float | None) -> None:
        if printed[-1:] != [step]:
            printed.append(step)
            print(f"chatkit-desktop: {step}…", file=sys.stderr, flush=True)

    return show
