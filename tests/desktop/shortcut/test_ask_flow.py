"""What a press does, with the real X11 capture on a private X display: another program's
window, made active, and a selection owned by xclip."""

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from common.shared_context import SharedContext, SharingChoice
from desktop.capture.x11 import X11ContextCapture
from desktop.shortcut.ask_flow import AskFlow
from server.http.ask_events import AskEvent, AskEvents
from server.settings.settings_file import SettingsFile
from testing.x_display import OtherClient
from testing.x_programs import xclip_selection
from testing.x_session import XSession

TITLE = "Report — Notes"
SELECTION = "some selected text"


class FailingCapture:
    """Stands in for a capture that breaks in a way the real one is not known to (a bug): the
    one case the real X11 capture cannot be made to show."""

    def capture(self, choice: SharingChoice) -> SharedContext:
        raise OSError("display gone")


@pytest.fixture
def other(x_session: XSession) -> Iterator[OtherClient]:
    client = OtherClient.in_session(x_session)
    try:
        client.window(TITLE, ("notes", "Notes"), 4242)
        with xclip_selection(x_session, SELECTION):
            yield client
    finally:
        client.close()


@pytest.fixture
def capture(x_session: XSession) -> Iterator[X11ContextCapture]:
    capture = X11ContextCapture(frozenset({os.getpid()}), x_session.display)
    yield capture
    capture.close()


def first_ask(events: AskEvents) -> AskEvent:
    """What the next page to listen receives: the ask kept for it."""

    async def listen() -> AskEvent:
        async for item in events.listen():
            assert isinstance(item, AskEvent)
            return item
        raise AssertionError("the stream ended without an ask")

    return asyncio.run(asyncio.wait_for(listen(), 5))


def test_a_press_sends_what_it_read_to_the_page_then_shows_the_window(
    tmp_path: Path, capture: X11ContextCapture, other: OtherClient
) -> None:
    events, shown = AskEvents(), []
    flow = AskFlow(capture, SettingsFile(tmp_path), events, lambda: shown.append(True))
    flow.on_press()
    assert shown == [True]
    assert first_ask(events).context == {
        "active_window": {"title": TITLE, "app": "Notes"},
        "selection": SELECTION,
    }


def test_a_part_switched_off_is_left_out(
    tmp_path: Path, capture: X11ContextCapture, other: OtherClient
) -> None:
    settings = SettingsFile(tmp_path)
    settings.update({"share_selection": False})
    events = AskEvents()
    AskFlow(capture, settings, events, lambda: None).on_press()
    assert first_ask(events).context == {"active_window": {"title": TITLE, "app": "Notes"}}


def test_a_capture_that_fails_still_brings_the_window_up_with_nothing(tmp_path: Path) -> None:
    events, shown = AskEvents(), []
    AskFlow(FailingCapture(), SettingsFile(tmp_path), events, lambda: shown.append(True)).on_press()
    assert shown == [True]
    assert first_ask(events).context == {}


def test_a_capture_that_fails_forgets_the_previous_ask_s_window(tmp_path: Path) -> None:
    captured: list[object] = ["the previous ask's window"]
    flow = AskFlow(
        FailingCapture(), SettingsFile(tmp_path), AskEvents(), lambda: None, captured.append
    )
    # `chatkit-desktop ask` without text reads through here; its error goes to the server.
    with pytest.raises(OSError, match="display gone"):
        flow.capture()
    assert captured[-1] is None
