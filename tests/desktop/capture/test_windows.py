"""Windows context capture (the adapter, the shared logic and the clipboard copy) over a fake
of its thin Win32 layer."""

import time
from collections.abc import Iterator

import pytest

from common.shared_context import SELECTION_LIMIT, TRUNCATION_MARK, ActiveWindow, SharingChoice
from desktop.capture.native import NativeContextCapture
from desktop.capture.windows import create_windows_capture
from tests.desktop.capture.fake_desktops import FOREIGN_PID, SAVED_CLIPBOARD, FakeWin32

OUR_PID = 99
NOTEPAD = ActiveWindow("Quarterly report.txt - Notepad", "notepad", FOREIGN_PID)
WINDOW_CALLS = {"window_title", "process_path"}
SELECTION_CALLS = {"focused_text_selection", "save", "send_copy", "read_text", "restore"}


@pytest.fixture
def captures() -> Iterator[list[NativeContextCapture]]:
    made: list[NativeContextCapture] = []
    yield made
    for capture in made:
        capture.close()


def capture_with(calls: FakeWin32, made: list[NativeContextCapture]) -> NativeContextCapture:
    capture = create_windows_capture(frozenset({OUR_PID}), calls)
    made.append(capture)
    return capture


def test_reads_the_window_and_the_automation_selection_without_the_clipboard(
    captures: list[NativeContextCapture],
) -> None:
    calls = FakeWin32(automation="selected in Notepad")
    captured = capture_with(calls, captures).capture(SharingChoice())
    assert captured.active_window == NOTEPAD
    assert captured.selection == "selected in Notepad"
    assert "send_copy" not in calls.calls
    assert "save" not in calls.calls
    assert calls.automation_limits == [SELECTION_LIMIT + 1]


def test_without_a_text_pattern_it_copies_and_puts_the_clipboard_back(
    captures: list[NativeContextCapture],
) -> None:
    calls = FakeWin32(automation=None, selection="copied from the app", held_polls=2)
    captured = capture_with(calls, captures).capture(SharingChoice(active_window=False))
    assert captured.selection == "copied from the app"
    assert calls.contents == SAVED_CLIPBOARD
    sequence = [call for call in calls.clipboard_calls if call != "change_count"]
    # It waits for the shortcut's keys to be let go before pressing Ctrl+C.
    assert sequence == [
        "modifiers_held",
        "modifiers_held",
        "modifiers_held",
        "save",
        "send_copy",
        "read_text",
        "restore",
    ]


def test_a_slow_copy_within_the_limit_is_still_read(captures: list[NativeContextCapture]) -> None:
    calls = FakeWin32(automation=None, selection="slowly copied", copy_delay=0.05)
    captured = capture_with(calls, captures).capture(SharingChoice(active_window=False))
    assert captured.selection == "slowly copied"
    assert calls.contents == SAVED_CLIPBOARD


def test_an_empty_automation_selection_means_nothing_selected(
    captures: list[NativeContextCapture],
) -> None:
    calls = FakeWin32(automation="", selection="would be copied")
    captured = capture_with(calls, captures).capture(SharingChoice(active_window=False))
    assert captured.selection is None
    assert "send_copy" not in calls.calls


def test_a_long_selection_is_truncated_and_marked(captures: list[NativeContextCapture]) -> None:
    text = "z" * (SELECTION_LIMIT + 1)
    captured = capture_with(FakeWin32(automation=text), captures).capture(
        SharingChoice(active_window=False)
    )
    assert captured.selection == text[:SELECTION_LIMIT] + TRUNCATION_MARK


def test_a_frozen_program_costs_the_automation_limit_and_gets_no_copy_shortcut(
    captures: list[NativeContextCapture],
) -> None:
    calls = FakeWin32(automation="too late", automation_delay=1.0, selection="never")
    started = time.monotonic()
    captured = capture_with(calls, captures).capture(SharingChoice())
    elapsed = time.monotonic() - started
    assert captured.selection is None
    assert captured.active_window == NOTEPAD
    assert elapsed < 0.5
    assert "send_copy" not in calls.calls


def test_our_own_window_in_front_is_neither_described_nor_copied_from(
    captures: list[NativeContextCapture],
) -> None:
    calls = FakeWin32(pid=OUR_PID, automation="ours", selection="ours")
    captured = capture_with(calls, captures).capture(SharingChoice())
    assert captured.as_json() == {}
    assert set(calls.calls) == {"foreground_window", "window_pid"}


def test_no_foreground_window_gives_an_empty_context(captures: list[NativeContextCapture]) -> None:
    calls = FakeWin32(foreground=0)
    assert capture_with(calls, captures).capture(SharingChoice()).as_json() == {}


@pytest.mark.parametrize(("window", "selection"), [(True, False), (False, True), (False, False)])
def test_a_part_switched_off_is_never_read(
    captures: list[NativeContextCapture], window: bool, selection: bool
) -> None:
    calls = FakeWin32(automation=None, selection="copied")
    captured = capture_with(calls, captures).capture(SharingChoice(window, selection))
    made = set(calls.calls)
    if not window:
        assert not made & WINDOW_CALLS
        assert captured.active_window is None
    if not selection:
        assert not made & SELECTION_CALLS
        assert captured.selection is None
    if not (window or selection):
        assert calls.calls == []
