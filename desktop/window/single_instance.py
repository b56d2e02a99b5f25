"""One app per data directory: a second launch finds the running one through ``runtime.json``
and asks it to show its window, instead of opening a second window on the same history.

Kept light, so the second launch is over in a fraction of a second.
"""

from enum import Enum
from pathlib import Path

from common.runtime_file import RuntimeInfo, read_live_runtime
from desktop.running_app_api import post

SHOW_WINDOW_PATH = "/api/window/show"


class Handoff(Enum):
    SHOWN = "shown"
    """The running app has shown its window; this launch has nothing left to do."""
    SERVER_WITHOUT_WINDOW = "server without window"
    """``chatkit-desktop serve`` is running on this data directory."""
    NOBODY = "nobody"
    """No running app answered (none, a stale file, or a process that is not ours): start."""


def hand_off_to_running_app(data_dir: Path) -> tuple[Handoff, RuntimeInfo | None]:
    running = read_live_runtime(data_dir)
    if running is None:
        return Handoff.NOBODY, None
    answer = post(running, SHOW_WINDOW_PATH)
    status = answer.status if answer is not None else None
    if status == 204:
        return Handoff.SHOWN, running
    if status == 409:
        return Handoff.SERVER_WITHOUT_WINDOW, running
    return Handoff.NOBODY, running
