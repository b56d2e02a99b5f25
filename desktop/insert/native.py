"""Pasting a text into a window on Windows and macOS: save the clipboard, put the text on it,
bring the window (Windows) or the application (macOS) to the front and wait until it is
there (macOS activates asynchronously), press the paste shortcut,
give the program a moment to read it, put the saved clipboard back. Neither system says when
a program has read the clipboard, hence the moment. The OS calls are in ``win32_insert_calls``
and ``mac_insert_calls``; this is the small layer above them."""

import time
from typing import Protocol

from common.answer_insertion import InsertRefused
from common.shared_context import ActiveWindow

# Long enough for a busy program to handle the keys and read the clipboard.
READ_MOMENT = 0.5
# macOS activates an application asynchronously, and Windows may take a moment too: the paste
# shortcut waits until the target is really in front, for at most this long.
FRONT_WAIT = 2.0
FRONT_POLL = 0.02


class NativePasteCalls(Protocol):
    def paste_problem(self) -> str | None:
        """Why keys cannot be sent to other programs here (macOS: no Accessibility
        permission), in words for the person; None when they can."""

    def window_exists(self, handle: int) -> bool: ...

    def activate(self, handle: int) -> bool:
        """Asks for the window or application to come to the front; False when the system
        refused. It may get there only later: see ``in_front``."""

    def in_front(self, handle: int) -> bool:
        """Whether the window (Windows) or application (macOS) is the one keys go to now."""

    def save(self) -> object:
        """Everything on the clipboard that can be put back."""

    def restore(self, saved: object) -> None: ...

    def write_text(self, text: str) -> None: ...

    def send_paste(self) -> None:
        """Presses the paste shortcut (Ctrl+V, Command+V) in the foreground program."""


class NativePaste:
    def __init__(
        self,
        calls: NativePasteCalls,
        read_moment: float = READ_MOMENT,
        front_wait: float = FRONT_WAIT,
    ) -> None:
        self._calls = calls
        self._read_moment = read_moment
        self._front_wait = front_wait

    def window_exists(self, window: ActiveWindow) -> bool:
        return window.handle is not None and self._calls.window_exists(window.handle)

    def paste(self, window: ActiveWindow, text: str) -> None:
        assert window.handle is not None
        problem = self._calls.paste_problem()
        if problem is not None:
            raise InsertRefused(problem)
        saved = self._calls.save()
        try:
            self._calls.write_text(text)
            if not self._bring_to_front(window.handle):
                raise InsertRefused(
                    f"The window “{window.title or window.app}” did not come to the front; "
                    "nothing was pasted."
                )
            self._calls.send_paste()
            time.sleep(self._read_moment)
        finally:
            self._calls.restore(saved)

    def _bring_to_front(self, handle: int) -> bool:
        if not self._calls.activate(handle):
            return False
        deadline = time.monotonic() + self._front_wait
        while not self._calls.in_front(handle):
            if time.monotonic() >= deadline:
                return False
            time.sleep(FRONT_POLL)
        return True

    def close(self) -> None:
        """Nothing is kept between pastes."""
