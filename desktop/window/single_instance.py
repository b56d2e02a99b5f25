"""One app per data directory: a second launch finds the running one through ``runtime.json``
and asks it to show its window, instead of opening a second window on the same history.

Kept light (``http.client``, no proxies) so the second launch is over in a fraction of a second.
"""

import http.client
from enum import Enum
from pathlib import Path

from server.runtime_file import RuntimeInfo, read_live_runtime

SHOW_WINDOW_PATH = "/api/window/show"
# Generous for a loopback round trip, yet a hung instance cannot hold the new launch for long.
ANSWER_TIMEOUT_SECONDS = 3.0


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
    status = _post_show(running)
    if status == 204:
        return Handoff.SHOWN, running
    if status == 409:
        return Handoff.SERVER_WITHOUT_WINDOW, running
    return Handoff.NOBODY, running


def _post_show(running: RuntimeInfo) -> int | None:
    # runtime.json names the loopback address itself, so no proxy can be involved.
    connection = http.client.HTTPConnection(
        "127.0.0.1", running.port, timeout=ANSWER_TIMEOUT_SECONDS
    )
    try:
        connection.request(
            "POST",
            SHOW_WINDOW_PATH,
            headers={"Authorization": f"Bearer {running.token}", "Content-Length": "0"},
        )
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()
