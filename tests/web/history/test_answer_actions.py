"""The built-in view's Copy and Insert buttons under an answer to an ask that captured a
window: drawn from the stored widget as the answer streams and when the conversation is opened
again, Copy through ``/api/clipboard`` saying "Copied" on the button, Insert through
``/api/insert`` with the answer's own text. Under ``serve`` there is no window to insert into,
which the view says in words."""

import json

from playwright.sync_api import expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.web.history.conftest import HistoryHarness, ViewTab

CONTEXT = {
    "active_window": {
        "title": "A letter to the housing committee about the roof.odt",
        "app": "soffice",
    },
    "selection": "the roof leaks",
}
ANSWER = "Dear committee, the roof leaks — could you send someone this week? Grüße"
INSERT_LABEL = "Insert into “A letter to the housing committee about…”"


def ask(tab: ViewTab, text: str) -> None:
    tab.page.evaluate(
        "async (context) => (await import('/static/session.js')).setPendingContext(context)",
        CONTEXT,
    )
    box = tab.page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")


def posted(tab: ViewTab, path: str) -> list[dict[str, object]]:
    return [
        json.loads(request.post_data or "")
        for request in tab.requests
        if request.url.endswith(path) and request.method == "POST"
    ]


def test_copy_and_insert_under_the_answer(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.reply(ANSWER)
    tab = history.open()
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    ask(tab, "Make this friendlier")

    actions = tab.page.get_by_role("group", name="Use this answer")
    copy = actions.get_by_role("button", name="Copy")
    expect(copy).to_be_visible()
    expect(actions.get_by_role("button", name=INSERT_LABEL)).to_be_visible()

    copy.click()
    expect(actions.get_by_role("button", name="Copied")).to_be_visible()
    assert posted(tab, "/api/clipboard") == [{"text": ANSWER}]
    assert tab.page.evaluate("navigator.clipboard.readText()") == ANSWER
    expect(actions.get_by_role("button", name="Copy")).to_be_visible()

    actions.get_by_role("button", name=INSERT_LABEL).click()
    expect(actions.get_by_role("status")).to_contain_text("cannot insert")
    [inserted] = posted(tab, "/api/insert")
    assert inserted["text"] == ANSWER
    assert str(inserted["item_id"]).startswith("msg_")

    tab.reload()
    tab.open_thread("Make this friendlier")
    expect(tab.page.get_by_role("group", name="Use this answer")).to_have_count(1)


def test_an_answer_without_a_window_has_no_buttons(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    tab = history.open()
    box = tab.page.get_by_role("textbox", name="Message")
    box.fill("Just a question")
    box.press("Enter")
    expect(tab.page.locator(".hv-assistant")).to_contain_text("You said: Just a question")
    expect(tab.page.get_by_role("group", name="Use this answer")).to_have_count(0)
