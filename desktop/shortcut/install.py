"""Puts the global shortcut to work in the running app: registered as the settings say, again
whenever they change, and its capture offered to the server's routes."""

import os
from collections.abc import Callable

from desktop.context.capture import create_context_capture
from desktop.hotkey import create_global_hotkey
from desktop.shortcut.ask_flow import AskFlow
from desktop.shortcut.global_shortcut import GlobalShortcut
from server.local_server import LocalServer
from server.routes.ask import attach_context_source


def install_global_shortcut(local: LocalServer, show_window: Callable[[], None]) -> GlobalShortcut:
    # Our own window is never what the user is asking about.
    capture = create_context_capture(frozenset({os.getpid()}))
    flow = AskFlow(capture, local.settings_file, local.ask_events, show_window)
    shortcut = GlobalShortcut(
        flow.on_press, create_global_hotkey, lambda: local.settings_file.load().hotkey
    )
    attach_context_source(local.app, flow)
    local.settings_file.on_change(lambda _settings: shortcut.refresh())
    shortcut.refresh()
    return shortcut
