"""What a press does, with a stand-in capture: the real one is tested on a real X display in
``tests/desktop/context`` and end to end in ``test_shortcut_in_the_app``."""

import asyncio
from pathlib import Path

from desktop.context.captured import ActiveWindowInfo, CapturedContext
from desktop.shortcut.ask_flow import AskFlow
from server.ask_events import AskEvent, AskEvents
from server.model.settings import SettingsFile

FOUND = CapturedContext(ActiveWindowInfo("Report — Notes", "Notes", 4242), "some text")


class StandInCapture:
    """Returns ``result`` (or raises it), recording which parts it was allowed to read."""

    def __init__(self, result: CapturedContext | Exception) -> None:
        self.result = result
        self.asked: list[tuple[bool, bool]] = []

    def capture(self, *, window: bool, selection: bool) -> CapturedContext:
        self.asked.append((window, selection))
        if isinstance(self.result, Exception):
            raise self.result
        return CapturedContext(
            self.result.active_window if window else None,
            self.result.selection if selection else None,
        )


def first_ask(events: AskEvents) -> AskEvent:
    """What the next page to listen receives: the ask kept for it."""

    async def listen() -> AskEvent:
        async for item in events.listen():
            assert isinstance(item, AskEvent)
            return item
        raise AssertionError("the stream ended without an ask")

    return asyncio.run(asyncio.wait_for(listen(), 5))


def flow_with(
    tmp_path: Path, capture: StandInCapture, order: list[str]
) -> tuple[AskFlow, AskEvents, SettingsFile]:
    events = AskEvents()
    settings = SettingsFile(tmp_path)
    flow = AskFlow(capture, settings, events, lambda: order.append("window shown"))
    return flow, events, settings


def test_a_press_sends_what_it_read_to_the_page_then_shows_the_window(tmp_path: Path) -> None:
    order: list[str] = []
    capture = StandInCapture(FOUND)
    flow, events, _ = flow_with(tmp_path, capture, order)
    flow.on_press()
    assert order == ["window shown"]
    assert first_ask(events).context == {
        "active_window": {"title": "Report — Notes", "app": "Notes"},
        "selection": "some text",
    }


def test_a_part_switched_off_is_never_read(tmp_path: Path) -> None:
    capture = StandInCapture(FOUND)
    flow, events, settings = flow_with(tmp_path, capture, [])
    settings.update({"share_selection": False})
    flow.on_press()
    assert capture.asked == [(True, False)]
    assert first_ask(events).context == {
        "active_window": {"title": "Report — Notes", "app": "Notes"}
    }


def test_a_capture_that_fails_still_brings_the_window_up_with_nothing(tmp_path: Path) -> None:
    order: list[str] = []
    flow, events, _ = flow_with(tmp_path, StandInCapture(OSError("display gone")), order)
    flow.on_press()
    assert order == ["window shown"]
    assert first_ask(events).context == {}
