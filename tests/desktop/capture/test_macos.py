"""macOS context capture (the adapter, the shared logic and the clipboard copy) over a fake of
its thin AppKit/accessibility layer."""

from collections.abc import Iterator

import pytest

from common.shared_context import ActiveWindow, SharingChoice
from desktop.capture.macos import create_mac_capture
from desktop.capture.native import NativeContextCapture
from tests.desktop.capture.fake_desktops import FOREIGN_PID, SAVED_CLIPBOARD, FakeMac

OUR_PID = 99


@pytest.fixture
def captures() -> Iterator[list[NativeContextCapture]]:
    made: list[NativeContextCapture] = []
    yield made
    for capture in made:
        capture.close()


def capture_with(calls: FakeMac, made: list[NativeContextCapture]) -> NativeContextCapture:
    capture = create_mac_capture(frozenset({OUR_PID}), calls)
    made.append(capture)
    return capture


def test_with_permission_reads_the_title_and_the_selected_text(
    captures: list[NativeContextCapture],
) -> None:
    calls = FakeMac(selected_text="selected in TextEdit")
    captured = capture_with(calls, captures).capture(SharingChoice())
    assert captured.active_window == ActiveWindow("Quarterly report.rtf", "TextEdit", FOREIGN_PID)
    assert captured.selection == "selected in TextEdit"
    assert "send_copy" not in calls.calls


def test_without_permission_only_the_application_is_known_and_nothing_is_pressed(
    captures: list[NativeContextCapture],
) -> None:
    calls = FakeMac(allowed=False, selected_text="hidden", selection="hidden")
    captured = capture_with(calls, captures).capture(SharingChoice())
    assert captured.active_window == ActiveWindow("", "TextEdit", FOREIGN_PID)
    assert captured.selection is None
    assert not {"focused_window_title", "focused_selected_text", "send_copy"} & set(calls.calls)


def test_where_accessibility_gives_no_text_it_copies_and_restores(
    captures: list[NativeContextCapture],
) -> None:
    calls = FakeMac(selected_text=None, selection="copied with Command+C")
    captured = capture_with(calls, captures).capture(SharingChoice(active_window=False))
    assert captured.selection == "copied with Command+C"
    assert calls.contents == SAVED_CLIPBOARD


def test_our_own_application_in_front_is_not_captured(
    captures: list[NativeContextCapture],
) -> None:
    calls = FakeMac(pid=OUR_PID, selected_text="ours")
    assert capture_with(calls, captures).capture(SharingChoice()).as_json() == {}
    assert calls.calls == ["frontmost_application"]
