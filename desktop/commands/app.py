"""``chatkit-desktop`` with no command: the app in its window, or, when it is already running
on this data directory, that app's window brought to the front."""

import argparse
import os
import sys

from common.paths import data_dir
from desktop.log_file import log_exit
from desktop.window.backend import default_gui
from desktop.window.display import missing_display, no_display_message
from desktop.window.single_instance import Handoff, hand_off_to_running_app
from desktop.window.webview2 import webview2_missing


def run(args: argparse.Namespace) -> int:
    data = data_dir(args.data_dir)
    handoff, running = hand_off_to_running_app(data)
    if handoff is Handoff.SHOWN:
        return 0
    if handoff is Handoff.SERVER_WITHOUT_WINDOW:
        print(
            f"chatkit-desktop: `chatkit-desktop serve` is already running for {data} "
            f"(process {running.pid if running else '?'}). Open the address it printed in a "
            "browser, or stop it and start the app again.",
            file=sys.stderr,
        )
        return 1
    gui = args.gui or default_gui()
    reason = missing_display(gui)
    if reason is not None:
        print(no_display_message(reason), file=sys.stderr)
        return 1
    if webview2_missing(gui):
        return 1
    from desktop.window.launch import run_window_app

    status = run_window_app(data, gui)
    # Written here: the exit below leaves no way back to the command line's own last line.
    log_exit(status)
    # Everything of ours is closed by now. What the interpreter's exit would add is Qt
    # WebEngine's teardown: about a second, and a warning about the order pywebview's page
    # and profile are released in.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
