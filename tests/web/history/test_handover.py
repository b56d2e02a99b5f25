"""The view as the page mounts it when ChatKit cannot load: the reason, one way to try ChatKit
again and one way to the settings, and a clean hand-back when ChatKit is tried again."""

import re

from playwright.sync_api import expect

from tests.server.export.history_seed import Conversation, assistant, user
from tests.web.history.conftest import HistoryHarness

RETRY = re.compile("try chatkit again|retry", re.IGNORECASE)


def test_the_reason_and_a_way_back_to_chatkit_are_on_top(history: HistoryHarness) -> None:
    tab = history.open()
    view = tab.page.locator("#builtin-view")

    expect(view.locator(".hv-notice")).to_contain_text("could not be loaded from OpenAI's CDN")
    expect(view.get_by_role("button", name=RETRY)).to_have_count(1)
    expect(view.get_by_role("button", name="Settings")).to_have_count(1)


def test_settings_open_from_the_view(history: HistoryHarness) -> None:
    tab = history.open()

    tab.page.locator("#builtin-view").get_by_role("button", name="Settings").click()

    expect(tab.page.get_by_role("dialog", name="Settings")).to_be_visible()


def test_trying_chatkit_again_mounts_a_fresh_view(history: HistoryHarness) -> None:
    history.seed([Conversation("Kept", [user("hi"), assistant("hello")])])
    tab = history.open()
    page = tab.page

    page.get_by_role("button", name=RETRY).click()

    # The CDN is still refused: the page comes back to a new view, which works as before.
    page.wait_for_selector('#app[data-mode="builtin"] .hv:not([hidden])')
    expect(page.locator(".hv")).to_have_count(1)
    tab.open_thread("Kept")
    page.locator("body").press("/")
    expect(page.get_by_role("searchbox", name="Search conversations")).to_be_focused()
    expect(page.locator("link[href='/static/history/history.css']")).to_have_count(1)
