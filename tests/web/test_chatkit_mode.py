"""ChatKit mode, with the stand-in element in place of OpenAI's: the options the page gives
ChatKit, and real protocol requests through the page's own ``api.fetch``."""

import json

from playwright.sync_api import Request

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp
from tests.web.conftest import PageUnderTest

CONTEXT = {
    "active_window": {"title": "budget.ods - LibreOffice Calc", "app": "libreoffice"},
    "selection": "Q3 travel costs rose 40%",
}


def user_message(text: str) -> dict[str, object]:
    return {
        "content": [{"type": "input_text", "text": text}],
        "attachments": [],
        "inference_options": {},
    }


def chatkit_requests(tab: PageUnderTest) -> list[Request]:
    requests: list[Request] = []
    tab.page.on(
        "request",
        lambda request: requests.append(request) if request.url.endswith("/chatkit") else None,
    )
    return requests


def test_chatkit_is_given_our_server_and_its_features(tab: PageUnderTest, app: ServedApp) -> None:
    tab.open("chatkit")

    options = tab.stand_in(
        """({
            url: chatkit.options.api.url,
            domainKey: chatkit.options.api.domainKey,
            fetchIsFunction: typeof chatkit.options.api.fetch === "function",
            history: chatkit.options.history,
            headerEnabled: chatkit.options.header.enabled,
            headerIcon: chatkit.options.header.rightAction.icon,
            prompts: chatkit.options.startScreen.prompts.map((p) => p.label),
        })"""
    )

    assert options == {
        "url": f"{app.url}/chatkit",
        "domainKey": "domain_pk_localhost_dev",
        "fetchIsFunction": True,
        "history": {"enabled": True, "showRename": True, "showDelete": True},
        "headerEnabled": True,
        "headerIcon": "settings-cog",
        "prompts": options["prompts"],
    }
    assert len(options["prompts"]) >= 2


def test_the_theme_follows_the_system_live(tab: PageUnderTest) -> None:
    tab.page.emulate_media(color_scheme="light")
    tab.open("chatkit")
    assert tab.stand_in("chatkit.options.theme.colorScheme") == "light"

    tab.page.emulate_media(color_scheme="dark")

    tab.page.wait_for_function("() => window.__chatkitStandIn.options.theme.colorScheme === 'dark'")
    # setOptions replaces everything: the new call still carries the whole set.
    assert tab.stand_in("typeof chatkit.options.api.fetch") == "function"


def test_a_message_carries_token_and_context_and_the_answer_streams_back(
    tab: PageUnderTest, app: ServedApp, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    requests = chatkit_requests(tab)
    # Spaced out, so a page that buffered the answer would be seen to.
    fake_openai.reply("Travel rose because of the conference season.", deltas=6, delta_delay=0.1)
    tab.set_pending_context(CONTEXT)

    result = tab.stand_in("chatkit.createThread(args[0])", "Why did this rise?")

    assert result["status"] == 200
    events = result["events"]
    deltas = [
        event["update"]["delta"]
        for event in events
        if event["type"] == "thread.item.updated"
        and event["update"]["type"] == "assistant_message.content_part.text_delta"
    ]
    assert "".join(deltas) == "Travel rose because of the conference season."
    assert len(deltas) == 6
    assert result["chunks"] > 1, "the answer arrived in one piece, not streamed"
    sent = requests[-1]
    assert sent.headers["authorization"] == f"Bearer {app.token}"
    assert json.loads(sent.post_data or "")["metadata"]["context"] == CONTEXT
    assert tab.pending_context() is None, "the context travels with one message only"

    model_saw = fake_openai.last_model_call().all_text
    assert "Why did this rise?" in model_saw
    assert "Q3 travel costs rose 40%" in model_saw
    assert "budget.ods - LibreOffice Calc" in model_saw

    thread_id = next(event["thread"]["id"] for event in events if event["type"] == "thread.created")
    stored = tab.stand_in(
        "chatkit.request(args[0])",
        {"type": "threads.get_by_id", "params": {"thread_id": thread_id}},
    )
    items = stored["json"]["items"]["data"]
    user = next(item for item in items if item["type"] == "user_message")
    assistant = next(item for item in items if item["type"] == "assistant_message")
    assert user["content"][0]["text"] == "Why did this rise?"
    assert user["quoted_text"] == "Q3 travel costs rose 40%"
    assert assistant["content"][0]["text"] == "Travel rose because of the conference season."


def test_a_message_without_pending_context_sends_none(
    tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    requests = chatkit_requests(tab)
    created = tab.stand_in("chatkit.createThread(args[0])", "First")
    thread_id = next(e["thread"]["id"] for e in created["events"] if e["type"] == "thread.created")

    answer = tab.stand_in(
        "chatkit.request(args[0])",
        {
            "type": "threads.add_user_message",
            "params": {"thread_id": thread_id, "input": user_message("Second")},
        },
    )

    assert answer["status"] == 200
    assert "metadata" not in json.loads(requests[-1].post_data or "")
    assert fake_openai.last_model_call().last_user_text == "Second"


def test_a_message_that_fails_gives_its_context_back(tab: PageUnderTest) -> None:
    tab.open("chatkit")
    tab.set_pending_context(CONTEXT)

    answer = tab.stand_in(
        "chatkit.request(args[0])",
        {
            "type": "threads.add_user_message",
            "params": {"thread_id": "thr_missing", "input": user_message("Hello?")},
        },
    )

    assert answer["status"] == 404
    assert tab.pending_context() == CONTEXT
