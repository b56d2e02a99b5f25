"""Puts the global shortcut to work in the running app: registered as the settings say, again
whenever they change, and its capture offered to the server's routes, with the window it
captured for inserting an answer back into."""

import os
from collections.abc import Callable

from desktop.capture.capture import create_context_capture
from desktop.insert.inserter import DesktopAnswerInserter
from desktop.insert.platform import create_paste_backend
from desktop.shortcut.ask_flow import AskFlow
from desktop.shortcut.backends import create_shortcut_backend
from desktop.shortcut.global_shortcut import GlobalShortcut
from server.http.local_server import LocalServer
from server.routes.ask import attach_context_source
from server.routes.insert import attach_answer_inserter


def install_global_shortcut(local: LocalServer, show_window: Callable[[], None]) -> GlobalShortcut:
    # Our own window is never what the user is asking about.
    capture = create_context_capture(frozenset({os.getpid()}))
    inserter = DesktopAnswerInserter(create_paste_backend)
    flow = AskFlow(capture, local.settings_file, local.ask_events, show_window, inserter.remember)

    def close_capture() -> None:
        capture.close()
        inserter.close()

    shortcut = GlobalShortcut(
        flow.on_press,
        create_shortcut_backend,
        lambda: local.settings_file.load().shortcut,
        on_close=close_capture,
    )
    attach_context_source(local.app, flow)
    attach_answer_inserter(local.app, inserter)
    local.settings_file.on_change(lambda _settings: shortcut.refresh())
    shortcut.refresh()
    return shortcut
