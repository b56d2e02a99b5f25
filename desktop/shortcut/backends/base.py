"""What every global-shortcut backend offers, the one error it raises, and how the backends
whose OS handles belong to a thread of their own reach that thread."""

from collections.abc import Callable
from typing import Protocol

from common.shortcut_combination import Combination
from desktop.owner_thread import CallNotAnswered, OwnerThread

# For the backends whose OS handles belong to a thread of their own. Long enough for a slow
# X server or a busy machine; short enough that a wedged backend thread shows as an error
# instead of a frozen Settings page.
OWNER_THREAD_LIMIT = 10.0


class ShortcutUnavailable(Exception):
    """The shortcut cannot be had; ``str(error)`` is a sentence for a person, e.g. "Ctrl+Alt+Space
    is already used by another program. Choose another shortcut in Settings." """


def already_used(label: str) -> ShortcutUnavailable:
    """``label``: the combination as the platform names it ("Ctrl+Alt+Space", "Option+Space")."""
    return ShortcutUnavailable(
        f"{label} is already used by another program. Choose another shortcut in Settings."
    )


def call_on_owner_thread(owner: OwnerThread, function: Callable[[], None]) -> None:
    try:
        owner.call(function)
    except CallNotAnswered as error:
        raise ShortcutUnavailable(
            "The global shortcut has stopped working; restart the app to use it again."
        ) from error


class ShortcutBackend(Protocol):
    def register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        """Replaces any previous registration; raises ShortcutUnavailable. ``on_press`` is called
        on the backend's own thread, once per press (not on auto-repeat), and must be quick."""

    def unregister(self) -> None: ...

    def close(self) -> None:
        """Idempotent; stops the backend's thread."""
