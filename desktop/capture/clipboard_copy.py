"""The selected text by copying it: save the clipboard, press the copy shortcut in the
foreground program, wait for the clipboard to change, read it, put the saved clipboard back.
Only where accessibility gave nothing, and never on Linux (Ctrl+C there interrupts terminals)."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)


class ClipboardCalls(Protocol):
    def change_count(self) -> int:
        """A number that changes whenever the clipboard does."""

    def save(self) -> object:
        """Everything on the clipboard that can be put back."""

    def restore(self, saved: object) -> None: ...

    def read_text(self) -> str | None: ...

    def modifiers_held(self) -> bool:
        """Whether Ctrl, Alt, Shift or the logo/Command key is down now."""

    def send_copy(self) -> None:
        """Presses the copy shortcut (Ctrl+C, Command+C) in the foreground program."""


@dataclass(frozen=True)
class CopyLimits:
    # The global shortcut's own keys are usually still down at the press: with Alt held, the
    # copy shortcut would be Ctrl+Alt+C. People let go within a few hundred milliseconds.
    release: float = 0.4
    # How long the foreground program has to put the selection on the clipboard.
    copy: float = 0.25
    poll: float = 0.005


class ClipboardCopy:
    def __init__(self, calls: ClipboardCalls, limits: CopyLimits = CopyLimits()) -> None:
        self._calls = calls
        self._limits = limits

    def selected_text(self) -> str | None:
        """None when nothing was copied in time. The clipboard is put back whenever the copy
        changed it, whatever went wrong after."""
        if not self._wait_for(lambda: not self._calls.modifiers_held(), self._limits.release):
            logger.info("the shortcut's keys were still held; not copying the selection")
            return None
        before = self._calls.change_count()
        saved = self._calls.save()
        try:
            self._calls.send_copy()
            if not self._wait_for(lambda: self._calls.change_count() != before, self._limits.copy):
                return None
            return self._calls.read_text()
        finally:
            if self._calls.change_count() != before:
                self._calls.restore(saved)

    def _wait_for(self, condition: Callable[[], bool], limit: float) -> bool:
        deadline = time.monotonic() + limit
        while not condition():
            if time.monotonic() >= deadline:
                return False
            time.sleep(self._limits.poll)
        return True
