"""ChatKit's Copy and Insert buttons under an answer to an ask, with the stand-in element in
place of OpenAI's: the widget arrives in the stream, and its client actions reach the page's
``widgets.onAction``, which calls ``/api/clipboard`` and ``/api/insert`` with the answer's text.
Under ``serve`` there is no window: Copy falls back to the browser's clipboard and still says
"Copied"; Insert says in words why it cannot."""

import json
from typing import Any

from playwright.sync_api import Request, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.web.conftest import PageUnderTest

CONTEXT = {
    "active_window": {"title": "budget.ods - LibreOffice Calc", "app": "libreoffice"},
    "selection": "Q3 travel costs rose 40%",
}
ANSWER = "Travel costs went up by 40 % in Q3 — mostly conferences. ✓"


def api_requests(tab: PageUnderTest) -> list[Request]:
    requests: list[Request] = []
    tab.page.on(
        "request", lambda request: requests.append(request) if "/api/" in request.url else None
    )
    return requests


def posted(requests: list[Request], path: str) -> list[dict[str, Any]]:
    return [
        json.loads(request.post_data or "")
        for request in requests
        if request.url.endswith(path) and request.method == "POST"
    ]


def test_the_buttons_copy_and_insert_the_answer(
    tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.open("chatkit")
    tab.set_pending_context(CONTEXT)
    fake_openai.reply(ANSWER)
    events = tab.stand_in("(await chatkit.createThread('Summarise this')).events")
    assert isinstance(events, list)
    answer = next(
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "assistant_message"
    )
    widget = next(
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "widget"
    )
    requests = api_requests(tab)
    status = tab.page.get_by_role("status").filter(has_text="Copied")

    tab.stand_in("chatkit.clickWidgetButton(args[0], args[1])", widget, "Copy")

    expect(status).to_be_visible()
    assert posted(requests, "/api/clipboard") == [{"text": ANSWER}]
    assert tab.page.evaluate("navigator.clipboard.readText()") == ANSWER

    label = "Insert into “budget.ods - LibreOffice Calc”"
    tab.stand_in("chatkit.clickWidgetButton(args[0], args[1])", widget, label)

    expect(tab.page.get_by_role("status").filter(has_text="cannot insert")).to_be_visible()
    assert posted(requests, "/api/insert") == [
        {"text": ANSWER, "thread_id": answer["thread_id"], "item_id": answer["id"]}
    ]


def test_an_answer_without_a_window_has_no_buttons(
    tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    tab.set_pending_context({"selection": "only text"})
    events = tab.stand_in("(await chatkit.createThread('Explain')).events")
    assert isinstance(events, list)
    assert [event["item"]["type"] for event in events if event["type"] == "thread.item.done"] == [
        "user_message",
        "assistant_message",
    ]
