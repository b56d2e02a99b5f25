"""Search over every conversation from ChatKit mode: ChatKit's header action and Ctrl+K open the
built-in view's search as a dialog over ChatKit (the stand-in element in ChatKit's place), a
result opens its thread in ChatKit, and Esc gives the focus back. With ChatKit down, the same
keys search in the built-in view."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp, start_served_app
from tests.server.export.history_seed import Conversation, Seeded, assistant, seed_history, user
from tests.web.conftest import PageUnderTest, open_tab

CONVERSATIONS = [
    Conversation("Trip to Lisbon", [user("which tiles are azulejos?"), assistant("Glazed ones.")]),
    Conversation("Gardening", [user("when to plant tomatoes?"), assistant("In May.")]),
]


@pytest.fixture
def seeded(tmp_path: Path) -> list[Seeded]:
    return seed_history(tmp_path / "data", CONVERSATIONS)


@pytest.fixture
def seeded_app(
    tmp_path: Path, seeded: list[Seeded], fake_openai: FakeOpenAIServer
) -> Iterator[ServedApp]:
    served = start_served_app(tmp_path / "data", {"OPENAI_BASE_URL": fake_openai.base_url})
    yield served
    served.stop()


@pytest.fixture
def chatkit_tab(browser: Browser, seeded_app: ServedApp) -> Iterator[PageUnderTest]:
    for tab in open_tab(browser, seeded_app):
        tab.open("chatkit")
        yield tab


@pytest.fixture
def offline_tab(browser: Browser, seeded_app: ServedApp) -> Iterator[PageUnderTest]:
    for tab in open_tab(browser, seeded_app, cdn_reachable=False):
        tab.open("builtin")
        tab.page.wait_for_selector(".hv")
        yield tab


def search_dialog(tab: PageUnderTest) -> Locator:
    return tab.page.get_by_role("dialog", name="Search conversations")


def expect_closed(tab: PageUnderTest) -> None:
    """Gone from the page, not only shut: the dialog's close event, which gives the focus back
    and opens the chosen thread, comes a moment after it shuts."""
    expect(tab.page.locator("dialog.search-dialog")).to_have_count(0)


def focus_chatkit_frame(tab: PageUnderTest) -> None:
    """Where the user mostly is: typing in ChatKit's frame."""
    tab.page.frame_locator("openai-chatkit iframe").locator("p").click()
    assert tab.page.evaluate("document.activeElement.tagName") == "IFRAME"


def test_chatkit_header_action_opens_the_search(chatkit_tab: PageUnderTest) -> None:
    assert chatkit_tab.stand_in("chatkit.options.header.leftAction.icon") == "history"
    focus_chatkit_frame(chatkit_tab)

    chatkit_tab.stand_in("chatkit.clickHeaderAction('left')")

    dialog = search_dialog(chatkit_tab)
    expect(dialog).to_be_visible()
    assert dialog.evaluate("(dialog) => dialog.matches(':modal')"), "the page behind stays inert"
    expect(dialog.get_by_role("searchbox", name="Search conversations")).to_be_focused()

    chatkit_tab.page.keyboard.press("Escape")

    expect_closed(chatkit_tab)
    assert chatkit_tab.page.evaluate("document.activeElement.tagName") == "IFRAME"


@pytest.mark.parametrize("keys", ["Control+k", "Control+Shift+F"])
def test_the_keys_search_and_a_result_opens_in_chatkit(
    chatkit_tab: PageUnderTest, seeded: list[Seeded], keys: str
) -> None:
    page = chatkit_tab.page

    page.keyboard.press(keys)
    dialog = search_dialog(chatkit_tab)
    expect(dialog.get_by_role("searchbox")).to_be_focused()
    page.keyboard.type("azulejos")

    result = dialog.locator(".hv-result")
    expect(result).to_have_count(1)
    expect(result).to_contain_text("Trip to Lisbon")
    expect(result.locator("mark")).to_have_text("azulejos")
    page.keyboard.press("ArrowDown")
    expect(result).to_be_focused()
    page.keyboard.press("Enter")

    expect_closed(chatkit_tab)
    assert chatkit_tab.stand_in("chatkit.threadIds") == [seeded[0].thread_id]
    assert chatkit_tab.stand_in("chatkit.composerFocusCalls") == 1


def test_escape_closes_the_search_and_gives_the_focus_back(chatkit_tab: PageUnderTest) -> None:
    page = chatkit_tab.page
    chatkit_tab.set_pending_context({"selection": "a quoted line"})
    where = page.get_by_role("button", name="Remove the selected text")
    where.focus()

    page.keyboard.press("Control+k")
    dialog = search_dialog(chatkit_tab)
    expect(dialog).to_be_visible()
    page.keyboard.type("tomatoes")
    expect(dialog.locator(".hv-result")).to_have_count(1)
    page.keyboard.press("Escape")

    expect_closed(chatkit_tab)
    expect(where).to_be_focused()
    assert chatkit_tab.stand_in("chatkit.threadIds") == []

    # A second search starts empty.
    page.keyboard.press("Control+k")
    expect(search_dialog(chatkit_tab).get_by_role("searchbox")).to_have_value("")


def test_with_chatkit_down_the_keys_search_in_the_built_in_view(
    offline_tab: PageUnderTest,
) -> None:
    page = offline_tab.page
    box = page.get_by_role("searchbox", name="Search conversations")
    page.locator(".hv-threads [data-thread-id]").first.wait_for()

    page.keyboard.press("Control+k")

    expect(box).to_be_focused()
    page.keyboard.type("azulejos")
    result = page.locator(".hv-result")
    expect(result).to_have_count(1)
    result.click()
    expect(page.locator(".hv-thread-title")).to_have_text("Trip to Lisbon")
    expect(page.locator(".hv-highlight")).to_contain_text("which tiles are azulejos?")
    expect(search_dialog(offline_tab)).to_have_count(0)


def test_the_search_exports_the_conversation_on_screen_and_all_of_them(
    chatkit_tab: PageUnderTest, seeded: list[Seeded]
) -> None:
    page = chatkit_tab.page
    page.keyboard.press("Control+k")
    dialog = search_dialog(chatkit_tab)
    expect(dialog.get_by_role("group", name="Export all conversations")).to_be_visible()
    # On ChatKit's start screen there is no conversation of its own to export.
    expect(dialog.get_by_role("group", name="Export this conversation")).to_have_count(0)
    page.keyboard.press("Escape")
    expect_closed(chatkit_tab)

    chatkit_tab.stand_in(f"chatkit.showThreadFromItsHistory({seeded[1].thread_id!r})")
    page.keyboard.press("Control+k")
    this_one = search_dialog(chatkit_tab).get_by_role("group", name="Export this conversation")
    with page.expect_download() as downloaded:
        this_one.get_by_role("button", name="Markdown").click()
    text = Path(downloaded.value.path()).read_text(encoding="utf-8")
    assert "Gardening" in text
    assert "when to plant tomatoes?" in text
    assert "Trip to Lisbon" not in text
    expect(search_dialog(chatkit_tab).get_by_role("status")).to_contain_text("Exported ")

    everything = search_dialog(chatkit_tab).get_by_role("group", name="Export all conversations")
    with page.expect_download() as downloaded:
        everything.get_by_role("button", name="JSON").click()
    text = Path(downloaded.value.path()).read_text(encoding="utf-8")
    assert "Trip to Lisbon" in text
    assert "Gardening" in text
