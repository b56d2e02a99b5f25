"""The per-launch token: taken from the URL fragment, out of the address bar at once, kept in
memory only."""

from tests.fixtures.browser import ServedApp
from tests.web.conftest import PageUnderTest


def test_the_token_leaves_the_address_bar_and_stays_in_memory_only(
    tab: PageUnderTest, app: ServedApp
) -> None:
    tab.open("chatkit")

    assert tab.page.url == f"{app.url}/"
    assert app.token not in tab.page.evaluate("document.location.href")
    assert tab.page.evaluate("window.location.hash") == ""
    assert app.token not in tab.page.content()
    stored = tab.page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    # It still works: the page reached the API with it.
    assert any(r.url.endswith("/api/status") and r.status == 200 for r in tab.responses)


def test_without_the_token_the_page_says_how_to_get_in(tab: PageUnderTest, app: ServedApp) -> None:
    tab.page.goto(f"{app.url}/")

    tab.page.wait_for_selector('#app[data-mode="problem"]')
    assert "without its access token" in tab.page.inner_text("#app")
    assert not [r for r in tab.responses if r.url.startswith(f"{app.url}/api/")]
