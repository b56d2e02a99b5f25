"""Reading X window properties as text or numbers, with the encoding their type names."""

from Xlib import X, Xatom
from Xlib.display import Display
from Xlib.xobject.drawable import Window

from desktop.capture.compound_text import decode_compound_text

# In 32-bit units: 16 KB is far more than any title or class name a person reads.
PROPERTY_LENGTH = 4096


def text_property(display: Display, window: Window, name: str) -> str | None:
    reply = window.get_property(display.intern_atom(name), X.AnyPropertyType, 0, PROPERTY_LENGTH)
    if reply is None or reply.format != 8:
        return None
    return decode_text(display, reply.property_type, bytes(reply.value))


def decode_text(display: Display, property_type: int, value: bytes) -> str:
    """UTF8_STRING is UTF-8; STRING is Latin-1 by the ICCCM; COMPOUND_TEXT switches sets."""
    if property_type == display.intern_atom("UTF8_STRING"):
        return value.decode("utf-8", errors="replace")
    if property_type == display.intern_atom("COMPOUND_TEXT"):
        return decode_compound_text(value)
    return value.decode("latin-1")


def cardinal_property(display: Display, window: Window, name: str) -> int | None:
    reply = window.get_property(display.intern_atom(name), Xatom.CARDINAL, 0, 1)
    if reply is None or reply.format != 32 or not reply.value:
        return None
    return int(reply.value[0])


def window_property(display: Display, window: Window, name: str) -> int | None:
    reply = window.get_property(display.intern_atom(name), Xatom.WINDOW, 0, 1)
    if reply is None or reply.format != 32 or not reply.value:
        return None
    return int(reply.value[0]) or None
