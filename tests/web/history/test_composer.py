"""The composer's box: as tall as its text up to about eight lines, then it scrolls."""

from playwright.sync_api import expect

from tests.web.history.conftest import HistoryHarness

HEIGHTS = """(box) => {
  const style = getComputedStyle(box);
  return {
    height: box.getBoundingClientRect().height,
    line: parseFloat(style.lineHeight),
    scrolls: box.scrollHeight > box.clientHeight + 1,
  };
}"""


def test_the_composer_grows_to_about_eight_lines_then_scrolls(history: HistoryHarness) -> None:
    tab = history.open()
    box = tab.page.get_by_role("textbox", name="Message")
    expect(box).to_be_visible()
    box.focus()

    one = box.evaluate(HEIGHTS)
    tab.page.keyboard.type("one")
    for number in range(2, 6):
        tab.page.keyboard.press("Shift+Enter")
        tab.page.keyboard.type(f"line {number}")
    five = box.evaluate(HEIGHTS)
    for number in range(6, 16):
        tab.page.keyboard.press("Shift+Enter")
        tab.page.keyboard.type(f"line {number}")
    fifteen = box.evaluate(HEIGHTS)

    assert not one["scrolls"] and not five["scrolls"]
    assert five["height"] >= one["height"] + 3.5 * one["line"]
    assert 7.5 * one["line"] <= fifteen["height"] <= 9 * one["line"]
    assert fifteen["scrolls"]

    box.press("Control+a")
    box.press("Backspace")
    assert abs(box.evaluate(HEIGHTS)["height"] - one["height"]) < 2
