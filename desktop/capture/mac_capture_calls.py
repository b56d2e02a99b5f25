"""The macOS calls behind ``macos.MacDesktop`` and the clipboard copy, and nothing else:
imported and made on macOS only. AppKit and Quartz through PyObjC (which pywebview brings on
macOS); the accessibility API (HIServices, AXUIElement.h) through ctypes, as PyObjC's wrapper
for it is not installed."""

import ctypes

import Quartz  # type: ignore[import-not-found]
from AppKit import (  # type: ignore[import-not-found]
    NSPasteboard,
    NSPasteboardItem,
    NSPasteboardTypeString,
    NSWorkspace,
)

APPLICATION_SERVICES = (
    "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices"
)
CORE_FOUNDATION = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
K_CF_STRING_ENCODING_UTF8 = 0x08000100
# Seconds an accessibility query waits for the application before it gives up.
MESSAGING_TIMEOUT = 0.2
K_VK_ANSI_C = 0x08
MODIFIER_FLAGS = (
    Quartz.kCGEventFlagMaskCommand
    | Quartz.kCGEventFlagMaskAlternate
    | Quartz.kCGEventFlagMaskControl
    | Quartz.kCGEventFlagMaskShift
)


class CFRange(ctypes.Structure):
    _fields_ = [("location", ctypes.c_long), ("length", ctypes.c_long)]


class MacContextCalls:
    def __init__(self) -> None:
        ax = ctypes.CDLL(APPLICATION_SERVICES)
        cf = ctypes.CDLL(CORE_FOUNDATION)
        ax.AXIsProcessTrusted.restype = ctypes.c_bool
        ax.AXUIElementCreateApplication.argtypes = [ctypes.c_int]
        ax.AXUIElementCreateApplication.restype = ctypes.c_void_p
        ax.AXUIElementCopyAttributeValue.argtypes = [
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_void_p),
        ]
        ax.AXUIElementCopyAttributeValue.restype = ctypes.c_int32
        ax.AXUIElementSetMessagingTimeout.argtypes = [ctypes.c_void_p, ctypes.c_float]
        ax.AXUIElementSetMessagingTimeout.restype = ctypes.c_int32
        cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
        cf.CFStringCreateWithCString.restype = ctypes.c_void_p
        cf.CFStringGetTypeID.restype = ctypes.c_ulong
        cf.CFGetTypeID.argtypes = [ctypes.c_void_p]
        cf.CFGetTypeID.restype = ctypes.c_ulong
        cf.CFStringGetLength.argtypes = [ctypes.c_void_p]
        cf.CFStringGetLength.restype = ctypes.c_long
        cf.CFStringGetCharacters.argtypes = [ctypes.c_void_p, CFRange, ctypes.c_void_p]
        cf.CFRelease.argtypes = [ctypes.c_void_p]
        self._ax = ax
        self._cf = cf
        self._attributes: dict[str, int] = {}

    # The application in front.

    def frontmost_application(self) -> tuple[str, int] | None:
        application = NSWorkspace.sharedWorkspace().frontmostApplication()
        if application is None:
            return None
        return str(application.localizedName() or ""), int(application.processIdentifier())

    def accessibility_allowed(self) -> bool:
        return bool(self._ax.AXIsProcessTrusted())

    def focused_window_title(self, pid: int) -> str | None:
        return self._read_path(pid, ("AXFocusedWindow", "AXTitle"))

    def focused_selected_text(self, pid: int) -> str | None:
        return self._read_path(pid, ("AXFocusedUIElement", "AXSelectedText"))

    def _read_path(self, pid: int, attributes: tuple[str, ...]) -> str | None:
        """Follows attributes from the application's element; the last must be a string."""
        element = self._ax.AXUIElementCreateApplication(pid)
        if not element:
            return None
        self._ax.AXUIElementSetMessagingTimeout(element, MESSAGING_TIMEOUT)
        held = [element]
        try:
            for attribute in attributes:
                value = ctypes.c_void_p()
                status = self._ax.AXUIElementCopyAttributeValue(
                    held[-1], self._attribute(attribute), ctypes.byref(value)
                )
                if status or not value.value:
                    return None
                held.append(value.value)
            return self._string(held[-1])
        finally:
            for reference in held:
                self._cf.CFRelease(reference)

    def _attribute(self, name: str) -> int:
        if name not in self._attributes:
            self._attributes[name] = self._cf.CFStringCreateWithCString(
                None, name.encode(), K_CF_STRING_ENCODING_UTF8
            )
        return self._attributes[name]

    def _string(self, value: int) -> str | None:
        if self._cf.CFGetTypeID(value) != self._cf.CFStringGetTypeID():
            return None
        length = self._cf.CFStringGetLength(value)
        characters = (ctypes.c_uint16 * length)()
        self._cf.CFStringGetCharacters(value, CFRange(0, length), characters)
        return bytes(characters).decode("utf-16-le", errors="replace")

    # The clipboard and the keyboard.

    def change_count(self) -> int:
        return int(NSPasteboard.generalPasteboard().changeCount())

    def save(self) -> list[dict[str, object]]:
        items = NSPasteboard.generalPasteboard().pasteboardItems() or []
        return [{kind: item.dataForType_(kind) for kind in item.types()} for item in items]

    def restore(self, saved: object) -> None:
        assert isinstance(saved, list)
        pasteboard = NSPasteboard.generalPasteboard()
        pasteboard.clearContents()
        items = []
        for contents in saved:
            item = NSPasteboardItem.alloc().init()
            for kind, data in contents.items():
                if data is not None:
                    item.setData_forType_(data, kind)
            items.append(item)
        if items:
            pasteboard.writeObjects_(items)

    def read_text(self) -> str | None:
        text = NSPasteboard.generalPasteboard().stringForType_(NSPasteboardTypeString)
        return None if text is None else str(text)

    def modifiers_held(self) -> bool:
        state = Quartz.CGEventSourceFlagsState(Quartz.kCGEventSourceStateCombinedSessionState)
        return bool(state & MODIFIER_FLAGS)

    def send_copy(self) -> None:
        for pressed in (True, False):
            event = Quartz.CGEventCreateKeyboardEvent(None, K_VK_ANSI_C, pressed)
            Quartz.CGEventSetFlags(event, Quartz.kCGEventFlagMaskCommand)
            Quartz.CGEventPost(Quartz.kCGHIDEventTap, event)
