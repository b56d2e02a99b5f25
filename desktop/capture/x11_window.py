"""The active window on X11, as the window manager names it (EWMH), or from the input focus
when there is no window manager."""

import logging

from Xlib import X
from Xlib import error as xerror
from Xlib.display import Display
from Xlib.xobject.drawable import Window

from common.shared_context import ActiveWindow
from desktop.capture.x11_properties import (
    cardinal_property,
    text_property,
    window_property,
)

logger = logging.getLogger(__name__)

# How far up from the focused window to look for its top-level window.
MAX_TREE_DEPTH = 16


def read_active_window(display: Display, own_pids: frozenset[int]) -> ActiveWindow | None:
    """None when nothing is active, the window has gone, or it is one of ours."""
    try:
        window = _active_window(display) or _focused_top_level(display)
        if window is None:
            return None
        info = _describe(display, window)
    except xerror.XError as error:
        # BadWindow: it closed while we read it.
        logger.debug("could not read the active window: %s", error)
        return None
    if info.pid is not None and info.pid in own_pids:
        return None
    return info


def _active_window(display: Display) -> Window | None:
    root = display.screen().root
    active = window_property(display, root, "_NET_ACTIVE_WINDOW")
    return display.create_resource_object("window", active) if active else None


def _focused_top_level(display: Display) -> Window | None:
    """XGetInputFocus, then up the tree to the first window with a WM_CLASS: the focus is
    often on a child of the application's top-level window."""
    focus = display.get_input_focus().focus
    if isinstance(focus, int):
        # None (0) or PointerRoot (1): no window has the focus.
        return None
    root = display.screen().root
    window = focus
    for _ in range(MAX_TREE_DEPTH):
        if window.id == root.id:
            return None
        if window.get_property(display.intern_atom("WM_CLASS"), X.AnyPropertyType, 0, 1):
            return window
        window = window.query_tree().parent
    return None


def _describe(display: Display, window: Window) -> ActiveWindow:
    title = text_property(display, window, "_NET_WM_NAME")
    if title is None:
        title = text_property(display, window, "WM_NAME")
    wm_class = (text_property(display, window, "WM_CLASS") or "").split("\0")
    # WM_CLASS is "instance\0class\0"; the class is the application's name ("XTerm", "firefox").
    app = wm_class[1] if len(wm_class) > 1 else wm_class[0]
    pid = cardinal_property(display, window, "_NET_WM_PID")
    return ActiveWindow(
        title=title or "",
        app=app,
        pid=pid,
        handle=window.id,
        wm_class=tuple(part for part in wm_class if part),
    )
