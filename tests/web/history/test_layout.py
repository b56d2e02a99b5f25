"""The view at the window's default size and narrower, in the system's light and dark themes."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.server.export.history_seed import Conversation, assistant, user
from tests.web.history.conftest import HistoryHarness

LONG_ANSWER = "A long line without breaks: " + "word" * 200 + "\n\n```\n" + "x" * 400 + "\n```"

# The page's background as perceived brightness, 0 (black) to 255 (white).
BACKGROUND_BRIGHTNESS = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}"""


def seed(history: HistoryHarness) -> None:
    history.seed(
        [
            Conversation("Older", [user("hi"), assistant("hello")]),
            Conversation(
                "A conversation with a rather long title that goes on",
                [
                    user("show me"),
                    assistant(LONG_ANSWER),
                ],
            ),
        ]
    )


def assert_no_sideways_scrolling(page: Page) -> None:
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_the_default_window_shows_list_and_thread_side_by_side(history: HistoryHarness) -> None:
    seed(history)
    tab = history.open()
    page = tab.page
    tab.open_thread("A conversation with a rather long title")

    side = page.locator(".hv-side").bounding_box()
    main = page.locator(".hv-main").bounding_box()
    assert side is not None and main is not None
    assert side["x"] + side["width"] <= main["x"] + 1
    assert main["width"] >= 600
    expect(page.get_by_role("textbox", name="Message")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Settings")).to_be_in_viewport()
    assert_no_sideways_scrolling(page)


def test_a_narrow_window_stacks_list_and_thread(history: HistoryHarness) -> None:
    seed(history)
    tab = history.open(size={"width": 420, "height": 700})
    page = tab.page
    list_pane = page.locator(".hv-side")
    thread_pane = page.locator(".hv-main")

    expect(list_pane).to_be_visible()
    expect(thread_pane).to_be_hidden()
    assert_no_sideways_scrolling(page)

    tab.open_thread("A conversation with a rather long title")
    expect(list_pane).to_be_hidden()
    expect(thread_pane).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_be_in_viewport()
    assert_no_sideways_scrolling(page)

    page.get_by_role("button", name=re.compile("Conversations")).click()
    expect(list_pane).to_be_visible()
    expect(page.locator(".hv-threads [data-thread-id]").first).to_be_focused()

    tab.open_thread("Older")
    page.keyboard.press("Escape")
    expect(list_pane).to_be_visible()


@pytest.mark.parametrize(("scheme", "dark"), [("light", False), ("dark", True)])
def test_the_view_follows_the_system_theme(
    history: HistoryHarness, scheme: str, dark: bool
) -> None:
    tab = history.open(color_scheme=scheme)

    brightness = tab.page.evaluate(BACKGROUND_BRIGHTNESS)

    assert (brightness < 80) if dark else (brightness > 200)


def test_at_800_by_600_the_conversation_keeps_most_of_the_width(history: HistoryHarness) -> None:
    seed(history)
    tab = history.open(size={"width": 800, "height": 600})
    page = tab.page
    tab.open_thread("A conversation with a rather long title")

    main = page.locator(".hv-main").bounding_box()
    side = page.locator(".hv-side").bounding_box()
    assert main is not None and side is not None
    assert main["width"] >= 480
    assert side["width"] >= 180
    expect(page.get_by_role("textbox", name="Message")).to_be_in_viewport()
    assert_no_sideways_scrolling(page)


def test_the_empty_state_is_centred(history: HistoryHarness) -> None:
    tab = history.open()

    log = tab.page.locator(".hv-items").bounding_box()
    empty = tab.page.locator(".hv-welcome").bounding_box()
    assert log is not None and empty is not None
    centre_x = empty["x"] + empty["width"] / 2
    centre_y = empty["y"] + empty["height"] / 2
    assert abs(centre_x - (log["x"] + log["width"] / 2)) < 8
    assert abs(centre_y - (log["y"] + log["height"] / 2)) < 8


def test_a_resize_keeps_the_reading_position(history: HistoryHarness) -> None:
    talk = []
    for turn in range(1, 31):
        talk += [user(f"question {turn}"), assistant(f"answer {turn}: " + "many words " * 40)]
    history.seed([Conversation("Long read", talk)])
    tab = history.open(size={"width": 1280, "height": 800})
    page = tab.page
    tab.open_thread("Long read")
    reading = page.locator(".hv-item", has_text="question 12")
    reading.evaluate("(element) => { element.parentElement.scrollTop = element.offsetTop; }")
    page.wait_for_timeout(200)

    page.set_viewport_size({"width": 800, "height": 600})
    page.wait_for_timeout(300)

    log = page.locator(".hv-items").bounding_box()
    shown = reading.bounding_box()
    assert log is not None and shown is not None
    assert abs(shown["y"] - log["y"]) < 30
