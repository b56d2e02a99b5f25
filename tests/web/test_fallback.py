"""When ChatKit cannot start (CDN unreachable, an error at start), the built-in view takes over
with the reason and a way to try again."""

import re

from playwright.sync_api import expect

from tests.web.conftest import CDN_ROUTE, PageUnderTest, serve_stand_in

RETRY = re.compile("try chatkit again|retry", re.IGNORECASE)


def test_an_unreachable_cdn_hands_over_to_the_built_in_view(offline_tab: PageUnderTest) -> None:
    offline_tab.open("builtin")

    view = offline_tab.page.locator("#builtin-view")
    expect(view).to_contain_text("could not be loaded from OpenAI's CDN")
    expect(view.get_by_role("button", name=RETRY)).to_be_visible()
    assert offline_tab.page.locator("openai-chatkit").count() == 0


def test_retry_starts_chatkit_once_the_cdn_answers(offline_tab: PageUnderTest) -> None:
    offline_tab.open("builtin")
    page = offline_tab.page
    page.unroute(CDN_ROUTE)
    page.route(CDN_ROUTE, serve_stand_in)

    page.locator("#builtin-view").get_by_role("button", name=RETRY).click()

    page.wait_for_selector('#app[data-mode="chatkit"]')
    expect(page.locator("#builtin-view")).to_have_count(0)


def test_an_error_at_start_hands_over_too(tab: PageUnderTest) -> None:
    tab.page.add_init_script("window.__standInStart = 'error'")

    tab.open("builtin")

    expect(tab.page.locator("#builtin-view")).to_contain_text(
        "ChatKit failed to start: stand-in start failure"
    )
    assert tab.page.locator("openai-chatkit").count() == 0
