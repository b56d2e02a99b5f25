"""The Windows and macOS paste, its logic over a stand-in for the OS calls (which exist only on
their own systems): the clipboard saved, the text on it, the window in front, the paste
shortcut, the clipboard put back, whatever went wrong in between."""

import pytest

from common.answer_insertion import InsertRefused
from common.shared_context import ActiveWindow
from desktop.insert.native import NativePaste
from desktop.insert.platform import create_paste_backend
from desktop.insert.x11 import X11Paste

NOTEPAD = ActiveWindow("notes.txt - Notepad", "notepad", 4242, handle=0x1234)


class StandInDesktop:
    """Keeps a clipboard and a foreground window, and records every call in order."""

    def __init__(
        self,
        *,
        activates: bool = True,
        front_after: int | None = 0,
        problem: str | None = None,
    ) -> None:
        """``front_after``: how many looks at the front the activated window stays behind (as a
        macOS application comes forward asynchronously); None: it never gets there."""
        self.calls: list[str] = []
        self.clipboard: object = ["the user's clipboard"]
        self.foreground: int | None = None
        self.pasted: list[object] = []
        self._activates = activates
        self._front_after = front_after
        self._requested: int | None = None
        self._looks = 0
        self._problem = problem

    def paste_problem(self) -> str | None:
        return self._problem

    def window_exists(self, handle: int) -> bool:
        return handle == NOTEPAD.handle

    def activate(self, handle: int) -> bool:
        self.calls.append("activate")
        if self._activates:
            self._requested = handle
        return self._activates

    def in_front(self, handle: int) -> bool:
        if self._front_after is not None and self._looks >= self._front_after:
            self.foreground = self._requested
        self._looks += 1
        return self.foreground == handle

    def save(self) -> object:
        self.calls.append("save")
        return self.clipboard

    def restore(self, saved: object) -> None:
        self.calls.append("restore")
        self.clipboard = saved

    def write_text(self, text: str) -> None:
        self.calls.append("write")
        self.clipboard = [text]

    def send_paste(self) -> None:
        self.calls.append("paste")
        self.pasted.append((self.foreground, self.clipboard))


def test_the_text_is_pasted_into_the_window_and_the_clipboard_put_back() -> None:
    desktop = StandInDesktop()
    NativePaste(desktop, read_moment=0).paste(NOTEPAD, "Grüße ☃")
    assert desktop.calls == ["save", "write", "activate", "paste", "restore"]
    assert desktop.pasted == [(NOTEPAD.handle, ["Grüße ☃"])]
    assert desktop.clipboard == ["the user's clipboard"]


def test_a_window_that_does_not_come_forward_gets_nothing() -> None:
    desktop = StandInDesktop(activates=False)
    with pytest.raises(InsertRefused, match="did not come to the front"):
        NativePaste(desktop, read_moment=0).paste(NOTEPAD, "text")
    assert "paste" not in desktop.calls
    assert desktop.clipboard == ["the user's clipboard"]


def test_the_paste_waits_for_a_window_that_comes_forward_late() -> None:
    desktop = StandInDesktop(front_after=5)
    NativePaste(desktop, read_moment=0).paste(NOTEPAD, "text")
    assert desktop.calls == ["save", "write", "activate", "paste", "restore"]
    assert desktop.pasted == [(NOTEPAD.handle, ["text"])]


def test_a_window_that_never_gets_to_the_front_gets_nothing() -> None:
    desktop = StandInDesktop(front_after=None)
    with pytest.raises(InsertRefused, match="did not come to the front"):
        NativePaste(desktop, read_moment=0, front_wait=0.2).paste(NOTEPAD, "text")
    assert "paste" not in desktop.calls
    assert desktop.clipboard == ["the user's clipboard"]


def test_without_permission_nothing_is_touched() -> None:
    desktop = StandInDesktop(problem="Allow it under Accessibility.")
    with pytest.raises(InsertRefused, match="Accessibility"):
        NativePaste(desktop, read_moment=0).paste(NOTEPAD, "text")
    assert desktop.calls == []


def test_a_closed_window_is_known() -> None:
    paste = NativePaste(StandInDesktop(), read_moment=0)
    assert paste.window_exists(NOTEPAD)
    assert not paste.window_exists(ActiveWindow("gone", "app", handle=99))


def test_the_backend_for_each_session() -> None:
    assert isinstance(create_paste_backend({"DISPLAY": ":5"}, "linux"), X11Paste)
    # Under Wayland X sees only X programs' windows: nothing to paste into.
    wayland = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert create_paste_backend(wayland, "linux") is None
    assert create_paste_backend({}, "linux") is None
