"""Ctrl+K in the real window while ChatKit's frame has the focus: the frame is another origin's
document and keeps the keys from the page, so only the window's own shortcut can open the search.
ChatKit is the stand-in (tests/web/chatkit_stand_in.js), served in place of OpenAI's CDN over the
DevTools protocol."""

from pathlib import Path

from playwright.sync_api import Playwright, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.desktop.window.conftest import LaunchApp
from tests.desktop.window.devtools import app_page
from tests.server.export.history_seed import Conversation, assistant, seed_history, user
from tests.web.conftest import CDN_ROUTE, serve_stand_in

PAGE_TIMEOUT_MS = 30_000


def test_ctrl_k_in_chatkits_frame_opens_the_search(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    [lisbon] = seed_history(
        data_dir,
        [Conversation("Trip to Lisbon", [user("which tiles are azulejos?"), assistant("Glazed.")])],
    )
    app = launch(data_dir=data_dir)
    window = app.window()
    info = app.runtime()
    with app_page(playwright_instance, app.cdp_port, info["url"]) as page:
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.route(CDN_ROUTE, serve_stand_in)
        # The page again, now with the stand-in for ChatKit. Through a blank page: the same
        # address with only a new fragment would not load the page anew.
        page.goto("about:blank")
        page.goto(f"{info['url']}/#token={info['token']}")
        page.wait_for_selector('#app[data-mode="chatkit"]')
        page.frame_locator("openai-chatkit iframe").locator("p").click()
        app.x("xdotool", "windowactivate", "--sync", window)
        assert page.evaluate("document.activeElement.tagName") == "IFRAME"

        app.x("xdotool", "key", "--clearmodifiers", "ctrl+k")

        dialog = page.get_by_role("dialog", name="Search conversations")
        box = dialog.get_by_role("searchbox")
        expect(box).to_be_focused()
        app.x("xdotool", "type", "azulejos")
        expect(dialog.locator(".hv-result")).to_contain_text("Trip to Lisbon")
        app.x("xdotool", "key", "Down", "Return")

        page.wait_for_function(
            f"() => window.__chatkitStandIn.threadIds[0] === '{lisbon.thread_id}'"
        )
        expect(page.locator("dialog.search-dialog")).to_have_count(0)
    assert "Traceback" not in app.read_output()
