"""What every global-hotkey backend offers, and the one error it raises."""

from collections.abc import Callable
from typing import Protocol

from desktop.hotkey.combination import Combination


class HotkeyUnavailable(Exception):
    """The shortcut cannot be had; ``str(error)`` is a sentence for a person, e.g. "Ctrl+Alt+Space
    is already used by another program. Choose another shortcut in Settings." """


def already_used(label: str) -> HotkeyUnavailable:
    """``label``: the combination as the platform names it ("Ctrl+Alt+Space", "Option+Space")."""
    return HotkeyUnavailable(
        f"{label} is already used by another program. Choose another shortcut in Settings."
    )


class GlobalHotkey(Protocol):
    def register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        """Replaces any previous registration; raises HotkeyUnavailable. ``on_press`` is called
        on the backend's own thread, once per press (not on auto-repeat), and must be quick."""

    def unregister(self) -> None: ...

    def close(self) -> None:
        """Idempotent; stops the backend's thread."""
