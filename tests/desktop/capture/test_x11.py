"""Context capture on a real X server with a window manager (openbox), and on one without."""

import os
import time
from collections.abc import Iterator

import pytest
from Xlib import X

from common.shared_context import SELECTION_LIMIT, TRUNCATION_MARK, ActiveWindow, SharingChoice
from desktop.capture import x11 as x11_capture
from desktop.capture.x11 import CAPTURE_BUDGET, X11ContextCapture
from desktop.capture.x11_selection import PrimarySelectionReader
from testing.x_display import OtherClient
from testing.x_programs import SelectionOwner, bare_x_server, xclip_selection
from testing.x_session import XSession

OUR_PID = os.getpid()
FOREIGN_PID = 4242
# The budget, and room for a loaded test machine.
NO_ANSWER_LIMIT = CAPTURE_BUDGET + 0.1


@pytest.fixture
def capture(x_session: XSession) -> Iterator[X11ContextCapture]:
    capture = X11ContextCapture(frozenset({OUR_PID}), x_session.display)
    yield capture
    capture.close()


def test_reads_the_active_windows_title_app_and_pid(
    capture: X11ContextCapture, other_x_client: OtherClient
) -> None:
    other_x_client.window("Quarterly report — Grüße ☃", ("notes", "Notes"), FOREIGN_PID)
    captured = capture.capture(SharingChoice(selection=False))
    assert captured.active_window == ActiveWindow(
        "Quarterly report — Grüße ☃", "Notes", FOREIGN_PID
    )


def test_a_window_without_a_net_wm_name_is_named_by_its_wm_name(
    capture: X11ContextCapture, other_x_client: OtherClient
) -> None:
    window = other_x_client.window("Old-style program", ("old", "Oldie"))
    window.delete_property(other_x_client.display.intern_atom("_NET_WM_NAME"))
    other_x_client.display.sync()
    captured = capture.capture(SharingChoice(selection=False))
    assert captured.active_window == ActiveWindow("Old-style program", "Oldie", None)


def test_a_compound_text_wm_name_is_decoded(
    capture: X11ContextCapture, other_x_client: OtherClient
) -> None:
    # As xmessage and other Xaw programs name their windows in a UTF-8 locale.
    window = other_x_client.window("placeholder", ("xmessage", "Xmessage"))
    window.delete_property(other_x_client.display.intern_atom("_NET_WM_NAME"))
    window.change_property(
        other_x_client.display.intern_atom("WM_NAME"),
        other_x_client.display.intern_atom("COMPOUND_TEXT"),
        8,
        b"Report \x1b%G\xe2\x80\x94\x1b%@ Gr\xfc\xdfe",
    )
    other_x_client.display.sync()
    captured = capture.capture(SharingChoice(selection=False))
    assert captured.active_window == ActiveWindow("Report — Grüße", "Xmessage", None)


def test_our_own_window_is_never_the_captured_one(
    capture: X11ContextCapture, other_x_client: OtherClient
) -> None:
    other_x_client.window("ChatKit Desktop", ("chatkit-desktop", "chatkit-desktop"), OUR_PID)
    assert capture.capture(SharingChoice(selection=False)).active_window is None


@pytest.mark.parametrize(
    "text", ["plain words", "Grüße, ☃ and 日本語\non two lines", "x" * SELECTION_LIMIT]
)
def test_reads_the_primary_selection(
    capture: X11ContextCapture, x_session: XSession, text: str
) -> None:
    with xclip_selection(x_session, text):
        captured = capture.capture(SharingChoice(active_window=False))
    assert captured.selection == text


@pytest.mark.parametrize(
    "length",
    [
        SELECTION_LIMIT + 1,
        # Past xclip's chunk size (about 1 MB): sent as an INCR transfer.
        1_200_000,
    ],
)
def test_a_long_selection_is_truncated_and_marked(
    capture: X11ContextCapture, x_session: XSession, length: int
) -> None:
    text = ("Grüße " * length)[:length]
    with xclip_selection(x_session, text):
        captured = capture.capture(SharingChoice(active_window=False))
    assert captured.selection == text[:SELECTION_LIMIT] + TRUNCATION_MARK


def test_a_selection_sent_in_chunks_arrives_whole(
    capture: X11ContextCapture, x_session: XSession
) -> None:
    chunks = ["first chunk, ", "second ünïcödé chunk, ", "last"]
    owner = SelectionOwner(x_session.display, [chunk.encode() for chunk in chunks])
    try:
        captured = capture.capture(SharingChoice(active_window=False))
    finally:
        owner.close()
    assert captured.selection == "".join(chunks)


def test_an_owner_that_never_answers_costs_the_budget_and_no_more(
    capture: X11ContextCapture, other_x_client: OtherClient, x_session: XSession
) -> None:
    other_x_client.window("Editor", ("editor", "Editor"), FOREIGN_PID)
    owner = SelectionOwner(x_session.display, None)
    try:
        started = time.monotonic()
        captured = capture.capture(SharingChoice())
        elapsed = time.monotonic() - started
    finally:
        owner.close()
    assert captured.selection is None
    assert captured.active_window is not None
    assert CAPTURE_BUDGET <= elapsed < NO_ANSWER_LIMIT


def test_a_late_answer_does_not_leak_into_the_next_capture(
    capture: X11ContextCapture, x_session: XSession
) -> None:
    late = SelectionOwner(x_session.display, [b"an old selection"], delay=2 * CAPTURE_BUDGET)
    try:
        assert capture.capture(SharingChoice(active_window=False)).selection is None
        time.sleep(3 * CAPTURE_BUDGET)
    finally:
        late.close()
    with xclip_selection(x_session, "the new selection"):
        assert capture.capture(SharingChoice(active_window=False)).selection == "the new selection"


def test_with_nothing_selected_the_selection_is_none(
    capture: X11ContextCapture, x_session: XSession
) -> None:
    # An owner that closes its connection gives the selection up.
    SelectionOwner(x_session.display, [b"x"]).close()
    assert capture.capture(SharingChoice(active_window=False)).selection is None


@pytest.mark.parametrize(("window", "selection"), [(False, True), (True, False), (False, False)])
def test_a_part_switched_off_is_never_read(
    x_session: XSession, monkeypatch: pytest.MonkeyPatch, window: bool, selection: bool
) -> None:
    reads: list[str] = []
    read_window = x11_capture.read_active_window
    read_selection = PrimarySelectionReader.read
    connect = x11_capture.Display

    def counting_window(*args: object) -> object:
        reads.append("window")
        return read_window(*args)  # type: ignore[arg-type]

    def counting_selection(*args: object) -> object:
        reads.append("selection")
        return read_selection(*args)  # type: ignore[arg-type]

    def counting_connect(*args: object) -> object:
        reads.append("display")
        return connect(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(x11_capture, "read_active_window", counting_window)
    monkeypatch.setattr(PrimarySelectionReader, "read", counting_selection)
    monkeypatch.setattr(x11_capture, "Display", counting_connect)
    capture = X11ContextCapture(frozenset(), x_session.display)
    try:
        captured = capture.capture(SharingChoice(window, selection))
    finally:
        capture.close()
    expected = (["display"] if window or selection else []) + (
        ["window"] * window + ["selection"] * selection
    )
    assert reads == expected
    if not window:
        assert captured.active_window is None
    if not selection:
        assert captured.selection is None


def test_without_a_window_manager_the_focused_window_is_the_active_one() -> None:
    with bare_x_server() as display_name:
        other = OtherClient(display_name)
        capture = X11ContextCapture(frozenset(), display_name)
        try:
            top_level = other.unmanaged_window("Bare window", ("bare", "Bare"), FOREIGN_PID)
            child = top_level.create_window(0, 0, 10, 10, 0, X.CopyFromParent)
            child.map()
            other.display.sync()
            child.set_input_focus(X.RevertToParent, X.CurrentTime)
            other.display.sync()
            captured = capture.capture(SharingChoice(selection=False))
        finally:
            capture.close()
            other.close()
    assert captured.active_window == ActiveWindow("Bare window", "Bare", FOREIGN_PID)


def test_without_a_display_the_context_is_empty() -> None:
    capture = X11ContextCapture(frozenset(), "no-such-display")
    captured = capture.capture(SharingChoice())
    assert captured.as_json() == {}
