"""What search_conversations found, in the built-in view: the widget's rows (title, date,
passage) drawn from the stream and from the saved thread, each opening its conversation."""

from playwright.sync_api import expect

from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.export.history_seed import Conversation, assistant, user
from tests.web.history.conftest import HistoryHarness

# Two model calls and a search on two shared cores.
ANSWER_TIMEOUT_MS = 20_000
SEEDED = [
    Conversation(
        "Lisbon trip", [user("The Lisbon trip budget is 1200 euros"), assistant("Noted.")]
    ),
    Conversation("Lemon cake", [user("A recipe for lemon cake"), assistant("Here it is.")]),
]


def test_found_conversations_are_rows_that_open_their_thread(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    lisbon, _ = history.seed(SEEDED)
    fake_openai.call_tools(ToolCall("search_conversations", '{"query": "Lisbon budget"}'))
    fake_openai.reply("The Lisbon budget is 1200 euros.")
    tab = history.open()
    page = tab.page

    box = page.get_by_role("textbox", name="Message")
    box.fill("What was the Lisbon budget?")
    box.press("Enter")

    expect(page.locator(".hv-assistant .hv-markdown")).to_have_text(
        "The Lisbon budget is 1200 euros.", timeout=ANSWER_TIMEOUT_MS
    )
    row = page.locator(".hv-widget-item .hv-widget-open")
    expect(row).to_have_count(1)
    expect(row.locator(".hv-widget-title")).to_have_text("Lisbon trip")
    expect(row).to_contain_text("The Lisbon trip budget is 1200 euros")

    row.click()

    expect(page.locator(".hv-thread-title")).to_have_text("Lisbon trip")
    expect(page.locator(".hv-user .hv-text")).to_have_text("The Lisbon trip budget is 1200 euros")
    assert (
        tab.thread_entries().filter(has_text="Lisbon trip").get_attribute("data-thread-id")
        == lisbon.thread_id
    )


def test_the_saved_thread_shows_the_rows_and_the_record_of_the_search(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    history.seed(SEEDED)
    fake_openai.call_tools(ToolCall("search_conversations", '{"query": "lemon"}'))
    fake_openai.reply("Your lemon cake recipe is saved.")
    tab = history.open()
    box = tab.page.get_by_role("textbox", name="Message")
    box.fill("Where is my cake recipe?")
    box.press("Enter")
    expect(tab.page.locator(".hv-assistant .hv-markdown")).to_have_text(
        "Your lemon cake recipe is saved.", timeout=ANSWER_TIMEOUT_MS
    )

    tab.reload()
    tab.open_thread("Where is my cake recipe?")

    page = tab.page
    record = page.locator(".hv-workflow-item details.hv-workflow")
    expect(record).to_have_count(1)
    expect(record.locator("summary")).to_have_text("Searched your conversations for “lemon”")
    expect(record.locator(".hv-workflow-content")).not_to_be_visible()
    record.locator("summary").click()
    expect(record.locator(".hv-workflow-content")).to_have_text("query: lemon")
    expect(page.locator(".hv-widget-item .hv-widget-title")).to_have_text(["Lemon cake"])
