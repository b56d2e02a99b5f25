"""Stand-ins for the thin OS layers of the Windows and macOS context capture: they keep a
clipboard, a foreground program and an accessibility answer, and log every call."""

import threading
import time

SAVED_CLIPBOARD = {"public.utf8-plain-text": "what the user had copied", "image": "png bytes"}
FOREIGN_PID = 4242


class FakeClipboard:
    """A clipboard whose owner program answers the copy shortcut with ``selection`` after
    ``copy_delay`` seconds (never, when ``selection`` is None)."""

    def __init__(
        self,
        selection: str | None = None,
        copy_delay: float = 0.0,
        held_polls: int = 0,
        read_fails: bool = False,
    ) -> None:
        self.calls: list[str] = []
        self.contents: dict[str, str] = dict(SAVED_CLIPBOARD)
        self.count = 1
        self._selection = selection
        self._copy_delay = copy_delay
        self._held_polls = held_polls
        self._read_fails = read_fails

    def change_count(self) -> int:
        self.calls.append("change_count")
        return self.count

    def save(self) -> object:
        self.calls.append("save")
        return dict(self.contents)

    def restore(self, saved: object) -> None:
        self.calls.append("restore")
        assert isinstance(saved, dict)
        self.contents = dict(saved)
        self.count += 1

    def read_text(self) -> str | None:
        self.calls.append("read_text")
        if self._read_fails:
            raise OSError("the clipboard is held by another program")
        return self.contents.get("public.utf8-plain-text")

    def modifiers_held(self) -> bool:
        self.calls.append("modifiers_held")
        self._held_polls -= 1
        return self._held_polls >= 0

    def send_copy(self) -> None:
        self.calls.append("send_copy")
        if self._selection is None:
            return
        if self._copy_delay:
            threading.Timer(self._copy_delay, self._copied).start()
        else:
            self._copied()

    def _copied(self) -> None:
        assert self._selection is not None
        self.contents = {"public.utf8-plain-text": self._selection}
        self.count += 1

    @property
    def clipboard_calls(self) -> list[str]:
        names = {"change_count", "save", "restore", "read_text", "modifiers_held", "send_copy"}
        return [call for call in self.calls if call in names]


class FakeWin32(FakeClipboard):
    def __init__(
        self,
        *,
        pid: int = FOREIGN_PID,
        automation: str | None = None,
        automation_delay: float = 0.0,
        foreground: int = 0x10A2,
        **clipboard: object,
    ) -> None:
        super().__init__(**clipboard)  # type: ignore[arg-type]
        self._foreground = foreground
        self._pid = pid
        self._automation = automation
        self._automation_delay = automation_delay
        self.automation_limits: list[int] = []

    def foreground_window(self) -> int:
        self.calls.append("foreground_window")
        return self._foreground

    def window_pid(self, window: int) -> int | None:
        self.calls.append("window_pid")
        return self._pid

    def window_title(self, window: int) -> str:
        self.calls.append("window_title")
        return "Quarterly report.txt - Notepad"

    def process_path(self, pid: int) -> str | None:
        self.calls.append("process_path")
        return "C:\\Windows\\System32\\notepad.exe"

    def focused_text_selection(self, limit: int) -> str | None:
        self.calls.append("focused_text_selection")
        self.automation_limits.append(limit)
        time.sleep(self._automation_delay)
        return self._automation


class FakeMac(FakeClipboard):
    def __init__(
        self,
        *,
        pid: int = FOREIGN_PID,
        allowed: bool = True,
        selected_text: str | None = None,
        **clipboard: object,
    ) -> None:
        super().__init__(**clipboard)  # type: ignore[arg-type]
        self._pid = pid
        self._allowed = allowed
        self._selected_text = selected_text

    def frontmost_application(self) -> tuple[str, int] | None:
        self.calls.append("frontmost_application")
        return "TextEdit", self._pid

    def accessibility_allowed(self) -> bool:
        self.calls.append("accessibility_allowed")
        return self._allowed

    def focused_window_title(self, pid: int) -> str | None:
        self.calls.append("focused_window_title")
        return "Quarterly report.rtf"

    def focused_selected_text(self, pid: int) -> str | None:
        self.calls.append("focused_selected_text")
        return self._selected_text
