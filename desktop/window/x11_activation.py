"""Bringing our window to the front on X11 as a direct request from the user, the way a pager
or taskbar asks: ``_NET_ACTIVE_WINDOW`` with source indication 2 (EWMH).

Qt's ``activateWindow()`` asks as an application, with the time of the last input Qt itself
saw. After a global shortcut, whose key press went to another X connection, that time is old,
and window managers with focus-stealing prevention (openbox, xfwm4, KWin) then only mark the
window as wanting attention. Every caller here acts on the user's word: the shortcut, the tray's
Show, a second launch of the app.
"""

import logging
import os

from Xlib import X, error, protocol
from Xlib.display import Display
from Xlib.xobject.drawable import Window

logger = logging.getLogger(__name__)

SOURCE_PAGER = 2


def request_activation(window_id: int) -> None:
    """Best effort: without a display or a window manager, Qt's own request is all there is."""
    display_name = os.environ.get("DISPLAY")
    if not display_name:
        return
    try:
        display = Display(display_name)
    except (error.DisplayError, OSError) as failure:
        logger.warning("could not ask the window manager to raise the window: %s", failure)
        return
    try:
        send_activation(display, display.create_resource_object("window", window_id))
        display.flush()
    finally:
        display.close()


def send_activation(display: Display, window: Window) -> None:
    """Asks the window manager to activate ``window`` as a pager would; the caller flushes."""
    message = protocol.event.ClientMessage(
        window=window,
        client_type=display.intern_atom("_NET_ACTIVE_WINDOW"),
        data=(32, [SOURCE_PAGER, X.CurrentTime, 0, 0, 0]),
    )
    display.screen().root.send_event(
        message, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask
    )
