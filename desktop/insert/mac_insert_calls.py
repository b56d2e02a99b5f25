"""The macOS calls behind ``native.NativePaste``, and nothing else: imported and made on macOS
only. The pasteboard's save and restore are the capture's (``mac_capture_calls``); AppKit and
Quartz through PyObjC."""

import Quartz  # type: ignore[import-not-found]
from AppKit import (  # type: ignore[import-not-found]
    NSApplicationActivateIgnoringOtherApps,
    NSPasteboard,
    NSPasteboardTypeString,
    NSRunningApplication,
)

from desktop.capture.mac_capture_calls import MacContextCalls

K_VK_ANSI_V = 0x09
NO_ACCESSIBILITY = (
    "ChatKit Desktop may not press keys in other applications yet. Allow it in System "
    "Settings → Privacy & Security → Accessibility, then try again."
)


class MacInsertCalls(MacContextCalls):
    def paste_problem(self) -> str | None:
        # Posting Command+V to another application needs the Accessibility permission.
        return None if self.accessibility_allowed() else NO_ACCESSIBILITY

    def window_exists(self, handle: int) -> bool:
        application = NSRunningApplication.runningApplicationWithProcessIdentifier_(handle)
        return application is not None and not application.isTerminated()

    def activate(self, handle: int) -> bool:
        application = NSRunningApplication.runningApplicationWithProcessIdentifier_(handle)
        if application is None:
            return False
        return bool(application.activateWithOptions_(NSApplicationActivateIgnoringOtherApps))

    def in_front(self, handle: int) -> bool:
        front = self.frontmost_application()
        return front is not None and front[1] == handle

    def write_text(self, text: str) -> None:
        pasteboard = NSPasteboard.generalPasteboard()
        pasteboard.clearContents()
        pasteboard.setString_forType_(text, NSPasteboardTypeString)

    def send_paste(self) -> None:
        for pressed in (True, False):
            event = Quartz.CGEventCreateKeyboardEvent(None, K_VK_ANSI_V, pressed)
            Quartz.CGEventSetFlags(event, Quartz.kCGEventFlagMaskCommand)
            Quartz.CGEventPost(Quartz.kCGHIDEventTap, event)
