"""The copy fallback's time limits and its promise to put the clipboard back."""

import pytest

from desktop.capture.clipboard_copy import ClipboardCopy, CopyLimits
from tests.desktop.capture.fake_desktops import SAVED_CLIPBOARD, FakeClipboard

QUICK = CopyLimits(release=0.03, copy=0.03, poll=0.001)


def test_keys_held_past_the_limit_mean_no_copy_at_all() -> None:
    clipboard = FakeClipboard(selection="text", held_polls=10_000)
    assert ClipboardCopy(clipboard, QUICK).selected_text() is None
    assert not {"save", "send_copy", "restore"} & set(clipboard.calls)


def test_a_program_that_does_not_copy_leaves_the_clipboard_untouched() -> None:
    clipboard = FakeClipboard(selection=None)
    assert ClipboardCopy(clipboard, QUICK).selected_text() is None
    assert "restore" not in clipboard.calls
    assert clipboard.contents == SAVED_CLIPBOARD


def test_a_copy_later_than_the_limit_is_not_waited_for() -> None:
    clipboard = FakeClipboard(selection="late", copy_delay=0.2)
    assert ClipboardCopy(clipboard, QUICK).selected_text() is None


def test_the_clipboard_is_put_back_even_when_reading_it_fails() -> None:
    clipboard = FakeClipboard(selection="copied", read_fails=True)
    with pytest.raises(OSError):
        ClipboardCopy(clipboard, QUICK).selected_text()
    assert clipboard.calls[-1] == "restore"
    assert clipboard.contents == SAVED_CLIPBOARD
