"""The steps of opening the store, as the person waiting for it reads them.

Opening is usually a matter of milliseconds; a large database read page by page, or an old one
backed up and migrated, can take seconds or minutes. Whoever opens the store may pass a callback
that hears each step as it starts, so the window (or the terminal) can say what is going on.
"""

from collections.abc import Callable

# Called on the thread that opens the store, with the step as a sentence and how much of it is
# done (0 to 1), or None when that cannot be known. It must return quickly: opening waits.
OpeningProgress = Callable[[str, float | None], None]

CHECKING = "Checking the conversation database"
BACKING_UP = "Backing up the conversation database before upgrading it"


def upgrading(description: str) -> str:
    return f"Upgrading the conversation database: {description}"


def no_progress(_step: str, _fraction: float | None) -> None:
    """For a caller that has no one to tell."""
