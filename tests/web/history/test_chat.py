"""Chatting from the view over the same /chatkit protocol ChatKit uses: the answer streams in,
is stored, carries the pending context, and a failing model is explained in words."""

import json
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.export.history_seed import Conversation, assistant, user
from tests.web.history.conftest import HistoryHarness, ViewTab
from tests.web.history.payloads import DANGEROUS_DOM, HOSTILE_ANSWER

STREAMED = "The **answer** is forty-two, streamed to you one word after another."

# Every text the newest answer shows, in order, recorded as the page draws it.
RECORD_ANSWER_TEXTS = """() => {
  window.__answerTexts = [];
  const log = document.querySelector('.hv-items');
  new MutationObserver(() => {
    const answers = log.querySelectorAll('.hv-assistant .hv-markdown');
    const text = answers.length ? answers[answers.length - 1].textContent : '';
    if (text && window.__answerTexts.at(-1) !== text) window.__answerTexts.push(text);
  }).observe(log, { childList: true, subtree: true, characterData: true });
}"""


def composer(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Message")


def send(tab: ViewTab, text: str) -> None:
    box = composer(tab.page)
    box.fill(text)
    box.press("Enter")


def sent_requests(tab: ViewTab, request_type: str) -> list[dict[str, Any]]:
    return [json.loads(request.post_data or "") for request in tab.chatkit_requests(request_type)]


def test_a_new_conversation_streams_the_answer_and_keeps_it(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.reply(STREAMED, delta_delay=0.08)
    tab = history.open()
    page = tab.page
    page.evaluate(RECORD_ANSWER_TEXTS)

    send(tab, "What is the answer?")

    answer = page.locator(".hv-assistant .hv-markdown")
    expect(answer).to_have_text(STREAMED.replace("**", ""))
    expect(answer.locator("strong")).to_have_text("answer")
    shown = page.evaluate("window.__answerTexts")
    assert len(shown) >= 4, shown
    assert all(STREAMED.replace("**", "").startswith(text.rstrip()) for text in shown)
    expect(page.locator(".hv-user .hv-text")).to_have_text("What is the answer?")
    expect(page.locator(".hv-thread-title")).to_have_text("What is the answer?")
    entry = tab.thread_entries().first
    expect(entry).to_contain_text("What is the answer?")
    expect(entry).to_have_attribute("aria-current", "true")
    assert fake_openai.last_model_call().last_user_text == "What is the answer?"
    expect(composer(page)).to_have_value("")
    expect(page.get_by_role("button", name="Send")).to_be_enabled()

    tab.reload()
    tab.open_thread("What is the answer?")
    expect(page.locator(".hv-user .hv-text")).to_have_text("What is the answer?")
    expect(page.locator(".hv-assistant .hv-markdown")).to_have_text(STREAMED.replace("**", ""))


def test_a_message_adds_to_the_open_thread(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    history.seed([Conversation("Trip", [user("Where to go?"), assistant("Try Lisbon.")])])
    fake_openai.reply("Go in spring.")
    tab = history.open()
    tab.open_thread("Trip")

    send(tab, "When?")

    items = tab.page.locator(".hv-items .hv-item")
    expect(items).to_have_count(4)
    expect(items.last.locator(".hv-markdown")).to_have_text("Go in spring.")
    [request] = sent_requests(tab, "threads.add_user_message")
    assert request["params"]["thread_id"] == "thr_seed00001"
    call = fake_openai.last_model_call()
    assert call.texts("user")[-1] == "When?"
    assert "Try Lisbon." in call.texts("assistant")


def test_enter_sends_and_shift_enter_breaks_the_line(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.reply("Two lines received.")
    tab = history.open()
    box = composer(tab.page)

    box.fill("line one")
    box.press("Shift+Enter")
    box.press_sequentially("line two")
    expect(box).to_have_value("line one\nline two")
    assert sent_requests(tab, "threads.create") == []

    box.press("Enter")

    expect(tab.page.locator(".hv-assistant")).to_contain_text("Two lines received.")
    expect(tab.page.locator(".hv-user .hv-text")).to_have_text("line one\nline two")


def test_the_pending_context_is_shown_trimmed_and_sent(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.reply("Noted.")
    tab = history.open()
    page = tab.page
    page.evaluate(
        """async () => (await import('/static/session.js')).setPendingContext({
            active_window: {title: 'budget.ods — Calc', app: 'soffice'},
            selection: 'secret salary figures'})"""
    )
    card = page.get_by_role("region", name="Context to send with your next message")
    expect(card).to_contain_text("budget.ods — Calc")
    expect(card).to_contain_text("secret salary figures")

    card.get_by_role("button", name="Remove the selected text").click()
    expect(card).not_to_contain_text("secret salary figures")
    expect(card).to_contain_text("budget.ods — Calc")
    send(tab, "Summarise this sheet")

    expect(page.locator(".hv-assistant")).to_contain_text("Noted.")
    expect(card).to_be_hidden()
    [request] = sent_requests(tab, "threads.create")
    assert request["metadata"] == {
        "context": {"active_window": {"title": "budget.ods — Calc", "app": "soffice"}}
    }
    model_input = "\n".join(fake_openai.last_model_call().texts("user"))
    assert "budget.ods — Calc" in model_input
    assert "secret salary figures" not in model_input
    expect(page.locator(".hv-user .hv-context")).to_contain_text("budget.ods — Calc — soffice")
    assert (
        page.evaluate("async () => (await import('/static/session.js')).getPendingContext()")
        is None
    )

    tab.reload()
    tab.open_thread("Summarise this sheet")
    expect(page.locator(".hv-user .hv-context")).to_contain_text("budget.ods — Calc — soffice")


def test_focus_composer_gives_the_composer_the_keyboard(history: HistoryHarness) -> None:
    tab = history.open(size={"width": 420, "height": 700})

    shown = tab.page.evaluate(
        "async () => (await import('/static/history/view.js')).focusComposer()"
    )

    assert shown is True
    expect(composer(tab.page)).to_be_focused()


@pytest.mark.parametrize(
    ("status", "words"),
    [(401, "OPENAI_API_KEY was rejected"), (500, "answered with an error (HTTP 500)")],
)
def test_a_model_error_is_shown_in_words(
    history: HistoryHarness, fake_openai: FakeOpenAIServer, status: int, words: str
) -> None:
    fake_openai.fail(status)
    tab = history.open()

    send(tab, "Hello?")

    problem = tab.page.get_by_role("alert").filter(has_text=words)
    expect(problem).to_be_visible()
    expect(tab.page.get_by_role("button", name="Send")).to_be_enabled()
    expect(tab.page.locator(".hv-user .hv-text")).to_have_text("Hello?")


def test_a_hostile_streamed_answer_stays_inert(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.reply(HOSTILE_ANSWER)
    tab = history.open()

    send(tab, "Say something dangerous")

    answer = tab.page.locator(".hv-assistant .hv-markdown")
    expect(answer).to_contain_text("Last line.")
    expect(tab.page.get_by_role("button", name="Send")).to_be_enabled()
    assert answer.evaluate(DANGEROUS_DOM) == []
    assert tab.page.evaluate("window.__pwned") is None


LONG_STORY = " ".join(f"word{number}" for number in range(300))


def test_stop_ends_the_model_call_and_keeps_the_partial_answer(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.reply(LONG_STORY, delta_delay=0.1)
    tab = history.open()
    page = tab.page
    send_button = page.get_by_role("button", name="Send")
    send_box = send_button.bounding_box()

    send(tab, "Tell me a long story")

    answer = page.locator(".hv-assistant .hv-markdown")
    expect(answer).to_contain_text("word3")
    stop = page.get_by_role("button", name="Stop")
    expect(stop).to_have_attribute("title", "Stop")
    stop_box = stop.bounding_box()
    assert send_box is not None and stop_box is not None
    assert (stop_box["width"], stop_box["height"]) == (send_box["width"], send_box["height"])
    stop.click()

    [ending] = fake_openai.stream_endings.wait_for(1, timeout=60)
    assert ending.client_left
    assert ending.deltas_sent < ending.deltas_scripted
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    expect(page.locator(".hv-stopped")).to_have_text("Stopped")
    shown = answer.inner_text().strip()
    assert shown and LONG_STORY.startswith(shown)
    expect(page.get_by_role("alert")).to_have_count(0)

    tab.reload()
    tab.open_thread("Tell me a long story")
    saved = page.locator(".hv-assistant .hv-markdown").inner_text().strip()
    assert saved.startswith(shown)
    assert len(saved) < len(LONG_STORY)


def test_retry_after_a_failed_answer_gives_the_answer(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.fail(500)
    fake_openai.reply("Second time lucky.")
    tab = history.open()
    page = tab.page

    send(tab, "Hello?")
    problem = page.get_by_role("alert").filter(has_text="HTTP 500")
    problem.get_by_role("button", name="Retry").click()

    expect(page.locator(".hv-assistant .hv-markdown")).to_have_text("Second time lucky.")
    expect(page.get_by_role("alert")).to_have_count(0)
    message_id = page.locator(".hv-user").get_attribute("data-item-id")
    [retry] = sent_requests(tab, "threads.retry_after_item")
    assert retry["params"]["item_id"] == message_id
    tab.reload()
    tab.open_thread("Hello?")
    expect(page.locator(".hv-items .hv-item")).to_have_count(2)
    expect(page.locator(".hv-assistant")).to_contain_text("Second time lucky.")


def test_sending_scrolls_to_the_new_message(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    long_talk = []
    for turn in range(1, 21):
        long_talk += [user(f"question {turn}"), assistant(f"answer {turn}\n\n" + "filler " * 60)]
    history.seed([Conversation("Long talk", long_talk)])
    fake_openai.reply("Short answer.")
    tab = history.open()
    tab.open_thread("Long talk")
    tab.page.locator(".hv-items").evaluate("(log) => { log.scrollTop = 0; }")

    send(tab, "the newest question")

    newest = tab.page.locator(".hv-user").last
    expect(newest).to_contain_text("the newest question")
    expect(newest).to_be_in_viewport()
    expect(tab.page.locator(".hv-assistant").last).to_contain_text("Short answer.")


def test_the_list_moves_an_answered_thread_to_the_top(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    history.seed(
        [
            Conversation("Older", [user("hi"), assistant("hello")]),
            Conversation("Newer", [user("hey"), assistant("hello again")]),
        ]
    )
    fake_openai.reply("Still here.")
    tab = history.open()
    expect(tab.thread_entries().first).to_contain_text("Newer")
    tab.open_thread("Older")

    send(tab, "are you there?")

    expect(tab.page.locator(".hv-assistant").last).to_contain_text("Still here.")
    expect(tab.thread_entries().first).to_contain_text("Older")
    expect(tab.thread_entries().first.locator("time")).not_to_have_text("Mar 1, 2025")
    # The server agrees: ordered by last activity, the time shown its metadata.updated_at.
    tab.reload()
    expect(tab.thread_entries().first).to_contain_text("Older")
    expect(tab.thread_entries().first.locator("time")).not_to_have_text("Mar 1, 2025")
    expect(tab.thread_entries().nth(1).locator("time")).to_have_text("Mar 1, 2025")
