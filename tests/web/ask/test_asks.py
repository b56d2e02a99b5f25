""" "Ask about this" reaching the page: an ask sent to the server (as the shortcut and
``chatkit-desktop ask`` do) shows its context card in full, puts the composer in front, and the
next message carries exactly what the card showed, in ChatKit mode and in the built-in view."""

import json
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp
from tests.web.conftest import PageUnderTest

# Longer than any preview would be: the card must show every byte that will be sent.
SELECTION = "Line one of the selection.\n" + "word " * 400 + "\nThe last line."
CONTEXT = {
    "active_window": {"title": "notes.txt - Mousepad", "app": "Mousepad"},
    "selection": SELECTION,
}


def send_ask(app: ServedApp, context: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(
        f"{app.url}/api/ask",
        json={"context": context},
        headers={"Authorization": f"Bearer {app.token}"},
        timeout=10,
    )
    assert response.status_code == 202, response.text
    answer: dict[str, Any] = response.json()
    return answer


def card(page: Page) -> Any:
    return page.get_by_role("region", name="Context to send with your next message")


def wait_until_listening(page: Page) -> None:
    page.wait_for_selector("html[data-asks=listening]")


def test_an_ask_in_chatkit_mode_shows_the_card_and_sends_what_it_shows(
    tab: PageUnderTest, app: ServedApp, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    wait_until_listening(tab.page)
    expect(card(tab.page)).to_be_hidden()

    assert send_ask(app, CONTEXT)["pages"] == 1

    shown = card(tab.page)
    expect(shown).to_contain_text("notes.txt - Mousepad — Mousepad")
    selection = shown.locator("blockquote")
    expect(selection).to_have_text(SELECTION)
    tab.page.wait_for_function("window.__chatkitStandIn.composerFocusCalls === 1")

    fake_openai.reply("It lists words.")
    result = tab.stand_in("chatkit.createThread(args[0])", "What is this?")
    assert result["status"] == 200
    expect(shown).to_be_hidden()
    model_saw = fake_openai.last_model_call().all_text
    assert "The last line." in model_saw
    assert "notes.txt - Mousepad" in model_saw


def test_a_part_removed_from_the_card_is_not_sent(
    tab: PageUnderTest, app: ServedApp, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    wait_until_listening(tab.page)
    send_ask(app, CONTEXT)
    card(tab.page).get_by_role("button", name="Remove the selected text").click()
    expect(card(tab.page)).not_to_contain_text("Line one")

    fake_openai.reply("Noted.")
    tab.stand_in("chatkit.createThread(args[0])", "Which window was I in?")
    model_saw = fake_openai.last_model_call().all_text
    assert "notes.txt - Mousepad" in model_saw
    assert "Line one of the selection." not in model_saw


def test_an_ask_in_the_built_in_view_focuses_its_composer(
    offline_tab: PageUnderTest, app: ServedApp, fake_openai: FakeOpenAIServer
) -> None:
    offline_tab.open("builtin")
    page = offline_tab.page
    wait_until_listening(page)
    send_ask(app, {"selection": "ls -la /etc"})

    expect(card(page).locator("blockquote")).to_have_text("ls -la /etc")
    composer = page.get_by_role("textbox", name="Message")
    expect(composer).to_be_focused()
    fake_openai.reply("It lists /etc in detail.")
    page.keyboard.type("What does this do?")
    page.keyboard.press("Enter")

    expect(page.locator(".hv-assistant")).to_contain_text("It lists /etc in detail.")
    assert "ls -la /etc" in fake_openai.last_model_call().all_text
    expect(page.locator(".hv-user")).to_contain_text("ls -la /etc")


def test_an_ask_sent_before_the_page_opened_is_shown_when_it_does(
    tab: PageUnderTest, app: ServedApp
) -> None:
    assert send_ask(app, CONTEXT)["pages"] == 0
    tab.open("chatkit")
    expect(card(tab.page)).to_contain_text("notes.txt - Mousepad")


def test_an_empty_ask_focuses_the_composer_with_no_card(
    offline_tab: PageUnderTest, app: ServedApp
) -> None:
    offline_tab.open("builtin")
    page = offline_tab.page
    wait_until_listening(page)
    page.get_by_role("searchbox").focus()
    send_ask(app, {})
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    expect(card(page)).to_be_hidden()


def chatkit_requests(page_tab: PageUnderTest, request_type: str) -> list[dict[str, Any]]:
    return [
        json.loads(response.request.post_data or "")
        for response in page_tab.responses
        if response.url.endswith("/chatkit")
        and response.request.post_data
        and json.loads(response.request.post_data).get("type") == request_type
    ]


def test_an_ask_in_the_built_in_view_starts_a_new_conversation(
    offline_tab: PageUnderTest, app: ServedApp, fake_openai: FakeOpenAIServer
) -> None:
    offline_tab.open("builtin")
    page = offline_tab.page
    wait_until_listening(page)
    fake_openai.reply("Lisbon.")
    composer = page.get_by_role("textbox", name="Message")
    composer.fill("Where to go?")
    composer.press("Enter")
    expect(page.locator(".hv-assistant")).to_contain_text("Lisbon.")

    send_ask(app, {"selection": "a ticket to Porto"})

    expect(page.locator(".hv-thread-title")).to_have_text("New conversation")
    expect(page.locator(".hv-item")).to_have_count(0)
    expect(page.get_by_role("radio", name="New conversation")).to_be_checked()
    expect(page.get_by_role("radio", name="Add to “Where to go?”")).not_to_be_checked()
    expect(composer).to_be_focused()
    fake_openai.reply("A train ticket.")
    page.keyboard.type("What is this?")
    page.keyboard.press("Enter")

    expect(page.locator(".hv-assistant")).to_contain_text("A train ticket.")
    expect(page.locator(".hv-threads [data-thread-id]")).to_have_count(2)
    assert len(chatkit_requests(offline_tab, "threads.create")) == 2
    assert chatkit_requests(offline_tab, "threads.add_user_message") == []


def test_the_ask_card_can_add_to_the_open_conversation_instead(
    offline_tab: PageUnderTest, app: ServedApp, fake_openai: FakeOpenAIServer
) -> None:
    offline_tab.open("builtin")
    page = offline_tab.page
    wait_until_listening(page)
    fake_openai.reply("Lisbon.")
    composer = page.get_by_role("textbox", name="Message")
    composer.fill("Where to go?")
    composer.press("Enter")
    expect(page.locator(".hv-assistant")).to_contain_text("Lisbon.")
    [created] = chatkit_requests(offline_tab, "threads.create")

    send_ask(app, {"selection": "a ticket to Porto"})
    page.get_by_role("radio", name="Add to “Where to go?”").check()

    expect(page.locator(".hv-thread-title")).to_have_text("Where to go?")
    expect(page.locator(".hv-assistant")).to_contain_text("Lisbon.")
    fake_openai.reply("Porto is near.")
    composer.fill("And this?")
    composer.press("Enter")

    expect(page.locator(".hv-assistant").last).to_contain_text("Porto is near.")
    [added] = chatkit_requests(offline_tab, "threads.add_user_message")
    assert added["metadata"] == {"context": {"selection": "a ticket to Porto"}}
    expect(page.locator(".hv-threads [data-thread-id]")).to_have_count(1)
    assert created["type"] == "threads.create"
    assert "a ticket to Porto" in fake_openai.last_model_call().all_text


def test_an_ask_in_chatkit_mode_starts_a_new_conversation_or_adds_to_the_open_one(
    tab: PageUnderTest, app: ServedApp, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    wait_until_listening(tab.page)
    fake_openai.reply("Lisbon.")
    created = tab.stand_in("chatkit.createThread(args[0])", "Where to go?")
    thread_id = created["events"][0]["thread"]["id"]
    tab.stand_in("chatkit.showThreadFromItsHistory(args[0])", thread_id)

    send_ask(app, {"selection": "a ticket to Porto"})

    new_conversation = tab.page.get_by_role("radio", name="New conversation")
    expect(new_conversation).to_be_checked()
    assert tab.stand_in("chatkit.threadIds") == [None]
    add = tab.page.get_by_role("radio", name="Add to “Where to go?”")
    add.check()
    assert tab.stand_in("chatkit.threadIds.at(-1)") == thread_id
    new_conversation.check()
    assert tab.stand_in("chatkit.threadIds.at(-1)") is None
