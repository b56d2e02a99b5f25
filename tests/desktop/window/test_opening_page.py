"""The opening page's order of calls on the window, with a stand-in that records them; the real
window shows it in tests/desktop/window/test_opening_in_the_window.py."""

import threading
import time

from desktop.window.opening_page import OpeningPage, page_html

PAGE_URL = "http://127.0.0.1:1/#token=t"
WAIT = 10.0


class RecordingWindow:
    def __init__(self, calls_expected: int) -> None:
        self.calls: list[tuple[str, str]] = []
        self._expected = calls_expected
        self.done = threading.Event()

    def _record(self, name: str, argument: str) -> None:
        self.calls.append((name, argument))
        if len(self.calls) == self._expected:
            self.done.set()

    def load_html(self, content: str) -> None:
        self._record("load_html", content)

    def evaluate_js(self, script: str) -> None:
        self._record("evaluate_js", script)

    def load_url(self, url: str) -> None:
        self._record("load_url", url)


def test_the_page_waits_for_the_window_then_goes_back_to_the_apps_address() -> None:
    page = OpeningPage(PAGE_URL)
    window = RecordingWindow(calls_expected=3)
    page.show("Backing up the database", 0.25)
    page.attach(window)
    wait_for_calls(window, 1)
    page.show("Upgrading <it>", None)
    wait_for_calls(window, 2)
    page.finish()

    assert window.done.wait(WAIT)
    (first, html), (second, script), third = window.calls
    assert (first, html) == ("load_html", page_html("Backing up the database", 0.25))
    assert (second, script) == ("evaluate_js", 'showOpeningStep("Upgrading \\u003cit>", null)')
    assert third == ("load_url", PAGE_URL)


def test_nothing_is_loaded_when_opening_ends_before_the_window_exists() -> None:
    page = OpeningPage(PAGE_URL)
    page.show("Checking the database", None)
    page.finish()
    window = RecordingWindow(calls_expected=1)
    page.attach(window)

    assert not window.done.wait(0.3)


def test_the_step_is_escaped_into_the_page() -> None:
    content = page_html("a <b> & </script>", 0.5)

    assert "a &lt;b&gt; &amp; &lt;/script&gt;…" in content
    assert "</script>" not in content.split("<script>", 1)[1].split("</script>", 1)[0]


def wait_for_calls(window: RecordingWindow, count: int) -> None:
    deadline = time.monotonic() + WAIT
    while len(window.calls) < count:
        assert time.monotonic() < deadline, f"{count} calls expected, got {window.calls}"
        time.sleep(0.01)
