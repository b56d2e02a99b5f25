"""The list of conversations: newest first, a page at a time as it scrolls, renamed and
deleted in place (deleting asks in the page, never with window.confirm), and the keyboard."""

import re

from playwright.sync_api import expect

from tests.server.export.history_seed import Conversation, assistant, user
from tests.web.history.conftest import HistoryHarness

# What the view asks for at once; the rest comes as the list scrolls.
FIRST_PAGE = 30


def numbered(count: int) -> list[Conversation]:
    return [
        Conversation(f"Conversation {number:02d}", [user(f"hello {number}"), assistant("hi")])
        for number in range(1, count + 1)
    ]


def test_the_list_pages_in_newest_first_as_it_scrolls(history: HistoryHarness) -> None:
    history.seed(numbered(45))
    tab = history.open()
    entries = tab.thread_entries()

    expect(entries).to_have_count(FIRST_PAGE)
    expect(entries.first).to_contain_text("Conversation 45")
    expect(entries.first.locator("time")).not_to_be_empty()
    assert len(tab.chatkit_requests("threads.list")) == 1

    entries.last.scroll_into_view_if_needed()

    expect(entries).to_have_count(45)
    expect(entries.last).to_contain_text("Conversation 01")
    titles = entries.locator(".hv-title").all_inner_texts()
    assert titles == [f"Conversation {number:02d}" for number in range(45, 0, -1)]
    assert len(tab.chatkit_requests("threads.list")) == 2


def test_thousands_of_threads_show_one_page_at_once(history: HistoryHarness) -> None:
    history.seed([Conversation(f"Thread {number}") for number in range(2000)])
    tab = history.open()

    expect(tab.thread_entries().first).to_contain_text("Thread 1999")
    tab.page.wait_for_selector(".hv-list:not([aria-busy])")
    assert tab.thread_entries().count() < 2 * FIRST_PAGE
    assert len(tab.chatkit_requests("threads.list")) == 1


def test_renaming_a_thread_changes_its_title_for_good(history: HistoryHarness) -> None:
    history.seed(numbered(3))
    tab = history.open()
    entry = tab.page.locator(".hv-entry", has_text="Conversation 02")

    entry.hover()
    entry.get_by_role("button", name="Actions for Conversation 02").click()
    tab.page.get_by_role("menuitem", name="Rename").click()
    field = entry.get_by_role("textbox", name="New title")
    field.fill("Holiday plans")
    field.press("Enter")

    expect(tab.thread_entries().nth(1)).to_contain_text("Holiday plans")
    tab.reload()
    expect(tab.thread_entries().nth(1)).to_contain_text("Holiday plans")


def test_escape_cancels_a_rename(history: HistoryHarness) -> None:
    history.seed(numbered(2))
    tab = history.open()
    first = tab.thread_entries().first

    first.focus()
    first.press("F2")
    field = tab.page.get_by_role("textbox", name="New title")
    field.fill("Not this")
    field.press("Escape")

    expect(field).to_have_count(0)
    expect(first).to_contain_text("Conversation 02")
    assert tab.chatkit_requests("threads.update") == []


def test_deleting_asks_in_the_page_and_cancel_keeps_the_thread(history: HistoryHarness) -> None:
    history.seed(numbered(3))
    tab = history.open()
    page = tab.page
    page.evaluate(
        "() => { window.confirm = () => { window.__confirmCalled = true; return true; }; }"
    )
    entry = page.locator(".hv-entry", has_text="Conversation 02")

    entry.hover()
    entry.get_by_role("button", name="Actions for Conversation 02").click()
    page.get_by_role("menuitem", name="Delete").click()
    dialog = page.get_by_role("dialog", name="Delete this conversation?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Conversation 02")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    dialog.get_by_role("button", name="Cancel").click()

    expect(dialog).to_have_count(0)
    expect(tab.thread_entries()).to_have_count(3)
    assert tab.chatkit_requests("threads.delete") == []

    entry.hover()
    entry.get_by_role("button", name="Actions for Conversation 02").click()
    page.get_by_role("menuitem", name="Delete").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()

    expect(tab.thread_entries()).to_have_count(2)
    expect(page.locator(".hv-threads")).not_to_contain_text("Conversation 02")
    assert page.evaluate("window.__confirmCalled") is None
    tab.reload()
    expect(tab.thread_entries()).to_have_count(2)
    expect(page.locator(".hv-threads")).not_to_contain_text("Conversation 02")


def test_deleting_the_open_thread_empties_the_view(history: HistoryHarness) -> None:
    history.seed(numbered(2))
    tab = history.open()
    tab.open_thread("Conversation 02")

    tab.thread_entries().first.press("Delete")
    tab.page.get_by_role("dialog").get_by_role("button", name="Delete").click()

    expect(tab.page.locator(".hv-thread-title")).to_have_text("New conversation")
    expect(tab.page.locator(".hv-item")).to_have_count(0)


def test_the_keyboard_moves_through_the_list_and_opens(history: HistoryHarness) -> None:
    history.seed(numbered(5))
    tab = history.open()
    page = tab.page
    entries = tab.thread_entries()

    entries.first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(entries.nth(2)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(entries.nth(1)).to_be_focused()
    page.keyboard.press("End")
    expect(entries.last).to_be_focused()
    page.keyboard.press("Home")
    expect(entries.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    expect(page.locator(".hv-thread-title")).to_have_text("Conversation 04")
    expect(entries.nth(1)).to_have_attribute("aria-current", "true")
    expect(page.locator(".hv-user")).to_contain_text("hello 4")
    # Tab reaches the list at the open thread, not at its first entry.
    expect(entries.nth(1)).to_have_attribute("tabindex", "0")
    expect(entries.first).to_have_attribute("tabindex", "-1")


def test_an_empty_history_says_so(history: HistoryHarness) -> None:
    tab = history.open()

    expect(tab.page.locator(".hv-list")).to_contain_text(re.compile("no conversations yet", re.I))


def test_buttons_are_icons_with_names_and_tooltips(history: HistoryHarness) -> None:
    history.seed(numbered(2))
    tab = history.open()
    page = tab.page
    tab.open_thread("Conversation 02")

    for name in [
        "New conversation",
        "Settings",
        "Export this conversation",
        "Attach files",
        "Send",
    ]:
        button = page.get_by_role("button", name=name, exact=True)
        expect(button).to_have_attribute("title", name)
        expect(button.locator("svg")).to_have_count(1)
        assert button.inner_text().strip() == ""
    for old_text in ["Rename", "Delete", "Export as Markdown"]:
        expect(page.get_by_role("button", name=old_text, exact=True)).to_have_count(0)


def test_the_row_menu_shows_on_hover_and_focus_only(history: HistoryHarness) -> None:
    history.seed(numbered(3))
    tab = history.open()
    page = tab.page
    tab.open_thread("Conversation 03")
    page.get_by_role("textbox", name="Message").focus()
    page.mouse.move(900, 650)
    more = page.get_by_role("button", name="Actions for Conversation 02")

    expect(more).to_be_hidden()
    # Not even on the open thread: its title has the row to itself.
    expect(page.get_by_role("button", name="Actions for Conversation 03")).to_be_hidden()
    page.locator(".hv-entry", has_text="Conversation 02").hover()
    expect(more).to_be_visible()
    expect(more).to_have_attribute("title", "Actions for Conversation 02")
    page.mouse.move(900, 650)
    expect(more).to_be_hidden()

    tab.thread_entries().nth(1).focus()
    expect(more).to_be_visible()
    page.keyboard.press("Shift+F10")
    menu = page.get_by_role("menu", name="Conversation actions")
    expect(menu.get_by_role("menuitem")).to_have_text(
        ["Rename", "Export as Markdown", "Export as JSON", "Delete"]
    )
    expect(menu.get_by_role("menuitem", name="Rename")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    expect(tab.thread_entries().nth(1)).to_be_focused()


def test_the_row_menu_exports_the_thread(history: HistoryHarness) -> None:
    history.seed(numbered(2))
    tab = history.open()
    page = tab.page
    entry = page.locator(".hv-entry", has_text="Conversation 01")

    entry.hover()
    entry.get_by_role("button", name="Actions for Conversation 01").click()
    with page.expect_download() as started:
        page.get_by_role("menuitem", name="Export as Markdown").click()

    assert started.value.suggested_filename.startswith("chatkit-conversation-01")
    status = page.locator(".hv-bar-status")
    expect(status).to_contain_text("Exported")
    # "Exported …" is passing news: it fades and goes.
    expect(status).to_be_empty(timeout=10_000)


def test_titles_fit_and_the_rename_field_takes_the_row(history: HistoryHarness) -> None:
    history.seed(
        [Conversation("Please give me a short summary", [user("a"), assistant("b")]), *numbered(1)]
    )
    tab = history.open()
    page = tab.page
    tab.open_thread("Please give me a short summary")
    page.get_by_role("textbox", name="Message").focus()
    page.mouse.move(900, 650)
    title = page.locator(".hv-entry .hv-title", has_text="Please give")

    assert title.evaluate("(element) => element.scrollWidth <= element.clientWidth")
    row = page.locator(".hv-entry", has_text="Please give").bounding_box()
    tab.thread_entries().first.press("F2")
    field = page.get_by_role("textbox", name="New title").bounding_box()
    assert row is not None and field is not None
    assert field["width"] >= row["width"] - 4
