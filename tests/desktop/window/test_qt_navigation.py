"""Links in the real Qt window: the window stays on the app's page, and a web address the page
tries to go to (a link in an answer, ``window.location``, ``window.open``) reaches the system
browser, here a recorder of the test's own (``BROWSER``). ``file:`` and ``javascript:`` reach
nothing."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.desktop.window.conftest import LaunchApp
from tests.desktop.window.devtools import app_page
from tests.fixtures.recording_browser import install_recording_browser

PAGE_TIMEOUT_MS = 60_000
LINK = "https://example.com/docs/getting-started"


def builtin_view(page: Page) -> None:
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    # OpenAI's CDN is out of reach here: the built-in view.
    page.wait_for_selector('#app[data-mode="builtin"] .hv')


def test_a_link_in_an_answer_opens_in_the_system_browser_not_the_window(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    browser = install_recording_browser(tmp_path / "browser", monkeypatch)
    fake_openai_env.reply(f"Read [the guide]({LINK}) first.")
    app = launch()
    app.window()
    page_url = app.runtime()["url"]
    with app_page(playwright_instance, app.cdp_port, page_url) as page:
        builtin_view(page)
        shown = page.url
        page.get_by_role("textbox", name="Message").fill("where do I start?")
        page.keyboard.press("Enter")
        link = page.get_by_role("link", name="the guide")
        expect(link).to_have_attribute("href", LINK, timeout=PAGE_TIMEOUT_MS)

        link.click()
        assert browser.wait_for(1) == [LINK]

        # The same link without target=_blank, and a script sending the page away: the window
        # stays where it is, and the browser is handed each address.
        page.evaluate(
            """(href) => {
                const plain = document.createElement("a");
                plain.href = href;
                plain.textContent = "plain link";
                document.body.append(plain);
            }""",
            LINK + "?plain",
        )
        # No waiting for the navigation the click starts: the window refuses it.
        page.get_by_role("link", name="plain link").click(no_wait_after=True)
        assert browser.wait_for(2)[1] == LINK + "?plain"
        page.evaluate("window.location.href = 'https://example.org/away'")
        assert browser.wait_for(3)[2] == "https://example.org/away"

        # Neither a file nor a script address reaches the browser, from the page or a new window.
        page.evaluate("window.open('file:///etc/hostname')")
        page.evaluate("window.location.href = 'file:///etc/hostname'")
        page.evaluate("window.open('javascript:alert(1)')")
        page.evaluate("window.open('https://example.net/last')")
        assert browser.wait_for(4)[3] == "https://example.net/last"
        assert browser.opened() == [
            LINK,
            LINK + "?plain",
            "https://example.org/away",
            "https://example.net/last",
        ]
        assert page.url == shown
        assert page.get_by_role("link", name="the guide").is_visible()
