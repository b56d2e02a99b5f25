"""``chatkit-desktop ask [TEXT]``: "ask about this" from a command, as the shortcut does it.

Without TEXT the running app reads the active window and the selection itself (where it can,
as for the shortcut); with TEXT, or ``--stdin``, that text is what the question will be about.
Either way the app's window comes to the front with the context card and the composer ready.
The app is started first when it is not running. For Wayland desktops, whose global shortcuts
belong to the compositor, and for scripts.
"""

import argparse
import sys
from pathlib import Path
from typing import Any

from common.paths import data_dir
from common.runtime_file import RuntimeInfo, read_live_runtime
from common.shared_context import SELECTION_LIMIT
from desktop.detached_app import AppDidNotStart, start_app
from desktop.running_app_api import post
from desktop.window.backend import default_gui
from desktop.window.display import missing_display, no_display_message

ASK_PATH = "/api/ask"
WITHHELD_SETTINGS = {
    "selection": "sharing selected text",
    "active_window": "sharing the active window",
}


def _text(args: argparse.Namespace) -> str | None:
    if args.stdin:
        # One more than the limit, so the app still sees that the text was cut.
        return sys.stdin.read(SELECTION_LIMIT + 1)
    return args.text


def _request(text: str | None) -> dict[str, Any]:
    if text is None:
        return {"capture": True}
    return {"context": {"selection": text}}


def _running_app(data: Path) -> RuntimeInfo | None:
    running = read_live_runtime(data)
    if running is not None:
        return running
    reason = missing_display(default_gui())
    if reason is not None:
        print(no_display_message(reason), file=sys.stderr)
        return None
    try:
        return start_app(data)
    except AppDidNotStart as error:
        print(f"chatkit-desktop: {error}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    text = _text(args)
    if text is not None and not text.strip():
        print("chatkit-desktop: there is no text to ask about", file=sys.stderr)
        return 2
    data = data_dir(args.data_dir)
    running = _running_app(data)
    if running is None:
        return 1
    answer = post(running, ASK_PATH, _request(text))
    if answer is None:
        print(f"chatkit-desktop: the app (process {running.pid}) did not answer", file=sys.stderr)
        return 1
    if answer.status != 202:
        print(f"chatkit-desktop: the app refused: {answer.error_message}", file=sys.stderr)
        return 1
    for part in answer.body.get("withheld", []):
        setting = WITHHELD_SETTINGS.get(part, part)
        print(f"chatkit-desktop: not shared, {setting} is off in Settings", file=sys.stderr)
    if not answer.body.get("window") and not answer.body.get("pages"):
        print(
            "chatkit-desktop: no page is open yet; the question waits for the page that "
            "`chatkit-desktop serve` serves",
            file=sys.stderr,
        )
    return 0
