"""Search across every conversation: highlighted snippets that stay text, and a hit opens its
thread scrolled to the message, marked."""

from playwright.sync_api import expect

from tests.server.export.history_seed import Conversation, assistant, user
from tests.web.history.conftest import HistoryHarness, ViewTab


def seed_three(history: HistoryHarness) -> None:
    long_talk = []
    for turn in range(1, 31):
        long_talk += [user(f"question {turn}"), assistant(f"answer {turn}")]
    long_talk[54] = user("what about the Zanzibar archipelago?")
    history.seed(
        [
            Conversation("Long talk", long_talk),
            Conversation("Gardening", [user("when to plant tomatoes?"), assistant("In May.")]),
            Conversation("Markup", [user("<b>bold</b> <img src=x> needle in text")]),
        ]
    )


def search_for(tab: ViewTab, text: str) -> None:
    box = tab.page.get_by_role("searchbox", name="Search conversations")
    box.fill(text)
    tab.page.wait_for_selector(".hv-search:not([hidden]) .hv-list-status:not(:empty)")


def test_search_finds_and_opens_the_thread_at_the_message(history: HistoryHarness) -> None:
    seed_three(history)
    tab = history.open()
    page = tab.page

    search_for(tab, "zanzib")

    results = page.locator(".hv-result")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Long talk")
    expect(results.first.locator("mark")).to_have_text("Zanzibar")
    expect(page.locator(".hv-list")).to_be_hidden()

    results.first.click()

    hit = page.locator(".hv-item.hv-highlight")
    expect(hit).to_have_count(1)
    expect(hit).to_contain_text("what about the Zanzibar archipelago?")
    expect(hit).to_be_in_viewport()
    expect(hit).to_be_focused()
    expect(page.locator(".hv-items .hv-item")).to_have_count(60)
    expect(page.locator(".hv-thread-title")).to_have_text("Long talk")


def test_snippets_are_text_with_only_the_matches_marked(history: HistoryHarness) -> None:
    seed_three(history)
    tab = history.open()

    search_for(tab, "needle")

    snippet = tab.page.locator(".hv-result .hv-snippet")
    expect(snippet).to_contain_text("<b>bold</b> <img src=x> needle")
    expect(snippet.locator("mark")).to_have_text("needle")
    assert snippet.evaluate(
        "(element) => [...element.querySelectorAll('*')].map((e) => e.tagName)"
    ) == ["MARK"]


def test_nothing_found_says_so(history: HistoryHarness) -> None:
    seed_three(history)
    tab = history.open()

    search_for(tab, "xylophone")

    expect(tab.page.locator(".hv-search")).to_contain_text("Nothing found.")
    expect(tab.page.locator(".hv-result")).to_have_count(0)


def test_hostile_search_text_is_answered(history: HistoryHarness) -> None:
    seed_three(history)
    tab = history.open()

    for text in ['"unbalanced', "NEAR(a b", "*", "tomatoes OR", "\\'; DROP TABLE items; --"]:
        search_for(tab, text)
        expect(tab.page.locator(".hv-search")).not_to_contain_text("Search failed")


def test_the_keyboard_searches_and_escape_closes(history: HistoryHarness) -> None:
    seed_three(history)
    tab = history.open()
    page = tab.page
    box = page.get_by_role("searchbox", name="Search conversations")

    page.locator("body").press("/")
    expect(box).to_be_focused()
    page.keyboard.type("tomato")
    expect(page.locator(".hv-result")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    expect(page.locator(".hv-result").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".hv-thread-title")).to_have_text("Gardening")
    expect(page.locator(".hv-highlight")).to_contain_text("when to plant tomatoes?")

    page.keyboard.press("Escape")
    expect(box).to_have_value("")
    expect(page.locator(".hv-list")).to_be_visible()
    # Back in the list, at the thread that is open.
    expect(page.locator(".hv-threads [data-thread-id]", has_text="Gardening")).to_be_focused()

    page.keyboard.press("Control+f")
    expect(box).to_be_focused()


def test_a_hit_opens_with_its_message_at_the_top_and_the_words_marked(
    history: HistoryHarness,
) -> None:
    seed_three(history)
    tab = history.open(size={"width": 800, "height": 600})
    page = tab.page

    search_for(tab, "zanzibar archipelago")
    page.locator(".hv-result").first.click()

    hit = page.locator(".hv-item.hv-highlight")
    expect(hit.locator("mark.hv-found")).to_have_text(["Zanzibar", "archipelago"])
    page.wait_for_selector(".hv-items:not([aria-busy])")
    log_box = page.locator(".hv-items").bounding_box()
    hit_box = hit.bounding_box()
    assert log_box is not None and hit_box is not None
    # At the top of the view, whole: not merely somewhere near it.
    assert log_box["y"] <= hit_box["y"] <= log_box["y"] + 40
    assert hit_box["y"] + hit_box["height"] <= log_box["y"] + log_box["height"]


def test_hits_say_whether_they_are_yours_or_an_answer(history: HistoryHarness) -> None:
    history.seed(
        [
            Conversation(
                "Tea", [user("how long to steep green tea?"), assistant("Green tea: 2 min.")]
            )
        ]
    )
    tab = history.open()

    search_for(tab, "green tea")

    results = tab.page.locator(".hv-result")
    expect(results).to_have_count(2)
    expect(results.filter(has_text="steep").locator(".hv-author")).to_have_text("You")
    expect(results.filter(has_text="2 min").locator(".hv-author")).to_have_text("Answer")
