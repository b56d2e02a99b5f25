"""Pasting a text into a window on X11: read what the clipboard holds, own the clipboard with the
text, bring the window to the front through the window manager (EWMH ``_NET_ACTIVE_WINDOW``),
press the paste keys through XTEST (Shift+Insert in terminals, where Ctrl+V is a control
character; most terminals paste PRIMARY with it, so PRIMARY holds the text too), wait for the
window to read the text, then give each selection back what it held: our own owner keeps that
text for as long as nobody else takes the selection, or, when it held nothing, it is left empty
again. Texts are restored, other contents (an image) are not: the clipboard is then left
empty. A terminal runs every pasted line, so it gets one line only, without its newline."""

import logging
import time

from Xlib import XK, X
from Xlib import error as xerror
from Xlib.display import Display
from Xlib.ext import xtest
from Xlib.xobject.drawable import Window

from common.answer_insertion import InsertRefused
from common.shared_context import ActiveWindow
from desktop.capture.x11_properties import window_property
from desktop.capture.x11_selection import PrimarySelectionReader
from desktop.insert.x11_clipboard_owner import ClipboardOwner
from desktop.window.x11_activation import send_activation

logger = logging.getLogger(__name__)

# By WM_CLASS, instance or class, lower-cased: these read Ctrl+V as a control character.
TERMINAL_CLASSES = frozenset(
    {
        "xterm",
        "uxterm",
        "urxvt",
        "rxvt",
        "kitty",
        "alacritty",
        "gnome-terminal",
        "gnome-terminal-server",
        "konsole",
    }
)
MULTILINE_IN_TERMINAL = (
    "This answer has several lines, and a terminal could run each as a command: use Copy and "
    "paste it yourself."
)
# How long the previous clipboard's owner has to hand over its text.
PREVIOUS_CLIPBOARD_LIMIT = 1.0
# A whole clipboard to put back: far beyond any text a person copies, short of a runaway owner.
PREVIOUS_CLIPBOARD_BYTES = 16 * 1024 * 1024
# The window manager raising and focusing the window.
ACTIVATION_LIMIT = 2.0
# The window asking for the text after the keys: a busy editor may take a moment.
READ_LIMIT = 3.0
POLL = 0.01
MAX_TREE_DEPTH = 16


def is_terminal(window: ActiveWindow) -> bool:
    return any(part.lower() in TERMINAL_CLASSES for part in window.wm_class)


def terminal_line(text: str) -> str:
    """What may be pasted into a terminal. Shift+Insert there is typing, without bracketed
    paste: every newline is an Enter that runs what came before it. A trailing newline is
    dropped, so the line waits for the user's own Enter; several lines are refused."""
    line = text.rstrip("\r\n")
    if "\n" in line or "\r" in line:
        raise InsertRefused(MULTILINE_IN_TERMINAL)
    return line


def paste_keys(window: ActiveWindow) -> tuple[int, int]:
    """The modifier and the key that paste in this window."""
    if is_terminal(window):
        return XK.XK_Shift_L, XK.XK_Insert
    return XK.XK_Control_L, XK.XK_v


def pasted_selections(window: ActiveWindow) -> tuple[str, ...]:
    """The selections the paste keys read: Ctrl+V reads CLIPBOARD; a terminal's Shift+Insert
    reads PRIMARY in xterm, urxvt, kitty, Alacritty and Konsole, CLIPBOARD in others."""
    return ("CLIPBOARD", "PRIMARY") if is_terminal(window) else ("CLIPBOARD",)


class X11Paste:
    def __init__(self, display_name: str | None) -> None:
        self._display_name = display_name
        # What we gave back, per selection: kept answering until another program takes it.
        self._restored: dict[str, ClipboardOwner] = {}

    def window_exists(self, window: ActiveWindow) -> bool:
        if window.handle is None:
            return False
        display = self._connect()
        try:
            display.create_resource_object("window", window.handle).get_attributes()
            return True
        except xerror.BadWindow:
            return False
        finally:
            display.close()

    def paste(self, window: ActiveWindow, text: str) -> None:
        assert window.handle is not None
        if is_terminal(window):
            text = terminal_line(text)
        display = self._connect()
        owners: dict[str, ClipboardOwner] = {}
        try:
            if not display.has_extension("XTEST"):
                raise InsertRefused("This X server cannot press keys for us (no XTEST).")
            previous = {
                name: self._selection_text(display, name) for name in pasted_selections(window)
            }
            try:
                for name in previous:
                    owners[name] = ClipboardOwner(self._display_name, text, name)
                    if not owners[name].take():
                        raise InsertRefused("Could not take the clipboard to paste the answer.")
                target = display.create_resource_object("window", window.handle)
                if not _activate(display, target):
                    raise InsertRefused(
                        f"The window “{window.title or window.app}” did not come to the front; "
                        "nothing was pasted."
                    )
                _press(display, *paste_keys(window))
                read = _wait_until_read(list(owners.values()), window.handle)
            finally:
                for name, owner in owners.items():
                    self._give_back(name, owner, previous[name])
        except xerror.BadWindow as error:
            raise InsertRefused("The window has closed; nothing was inserted.") from error
        finally:
            display.close()
        if not read:
            raise InsertRefused(
                f"“{window.title or window.app}” did not take the text: it may not accept pasted "
                "text where its cursor is."
            )

    def close(self) -> None:
        for owner in self._restored.values():
            owner.close()
        self._restored.clear()

    def _connect(self) -> Display:
        try:
            return Display(self._display_name)
        except (xerror.DisplayError, xerror.ConnectionClosedError, OSError) as error:
            raise InsertRefused(f"Cannot reach the X display: {error}") from error

    def _selection_text(self, display: Display, name: str) -> str | None:
        """What the selection holds as text, whole; None when it holds none."""
        reader = PrimarySelectionReader(
            display, display.intern_atom(name), PREVIOUS_CLIPBOARD_BYTES
        )
        read = reader.read(time.monotonic() + PREVIOUS_CLIPBOARD_LIMIT)
        if read is None:
            return None
        text, cut = read
        if cut:
            logger.info("%s held more than can be put back; it will be left empty", name)
            return None
        return text

    def _give_back(self, name: str, owner: ClipboardOwner, previous: str | None) -> None:
        if previous is None:
            owner.clear()
            return
        restored = ClipboardOwner(self._display_name, previous, name)
        if restored.take():
            # Taking it ends the answer's owner (it hears SelectionClear).
            earlier = self._restored.pop(name, None)
            if earlier is not None:
                earlier.close()
            self._restored[name] = restored
        else:
            restored.close()
        owner.close()


def _wait_until_read(owners: list[ClipboardOwner], window_id: int) -> bool:
    """Whether the window's program read the text from any of ``owners`` in time."""
    deadline = time.monotonic() + READ_LIMIT
    while time.monotonic() < deadline:
        if any(owner.wait_until_read(window_id, POLL) for owner in owners):
            return True
    return False


def _activate(display: Display, target: Window) -> bool:
    """Asks the window manager to activate ``target`` and waits until it has the focus. With
    no window manager, gives it the input focus directly."""
    root = display.screen().root
    if window_property(display, root, "_NET_SUPPORTING_WM_CHECK") is not None:
        send_activation(display, target)
    else:
        target.set_input_focus(X.RevertToParent, X.CurrentTime)
    display.flush()
    deadline = time.monotonic() + ACTIVATION_LIMIT
    while time.monotonic() < deadline:
        if _has_focus(display, target):
            return True
        time.sleep(POLL)
    return False


def _has_focus(display: Display, target: Window) -> bool:
    """Whether the input focus is on ``target`` or inside it (toolkits focus a child)."""
    focus = display.get_input_focus().focus
    if isinstance(focus, int):
        return False
    root = display.screen().root
    window = focus
    for _ in range(MAX_TREE_DEPTH):
        if window.id == target.id:
            return True
        if window.id == root.id:
            return False
        window = window.query_tree().parent
    return False


def _press(display: Display, modifier_keysym: int, keysym: int) -> None:
    modifier = display.keysym_to_keycode(modifier_keysym)
    key = display.keysym_to_keycode(keysym)
    xtest.fake_input(display, X.KeyPress, modifier)
    xtest.fake_input(display, X.KeyPress, key)
    xtest.fake_input(display, X.KeyRelease, key)
    xtest.fake_input(display, X.KeyRelease, modifier)
    display.sync()
