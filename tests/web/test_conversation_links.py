"""Saved conversations inside ChatKit (chatkit/conversation-links.js), with the stand-in element
in place of OpenAI's: a row of what search_conversations found opens its thread, and "@" offers
saved conversations to tag, whose content then reaches the model."""

from typing import Any

from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.web.conftest import PageUnderTest


def created_thread_id(tab: PageUnderTest, text: str) -> str:
    events = tab.stand_in("(await chatkit.createThread(args[0])).events", text)
    assert isinstance(events, list)
    return str(events[0]["thread"]["id"])


def done_item(events: Any, kind: str) -> dict[str, Any]:
    return next(
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == kind
    )


def test_a_row_of_found_conversations_opens_its_thread(
    tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    budget = created_thread_id(tab, "The travel budget is 900 euros")
    fake_openai.call_tools(ToolCall("search_conversations", '{"query": "travel budget"}'))
    fake_openai.reply("You set it at 900 euros.")

    events = tab.stand_in("(await chatkit.createThread('What was my travel budget?')).events")

    widget = done_item(events, "widget")
    tab.stand_in("chatkit.clickWidgetRow(args[0], 0)", widget)
    assert tab.stand_in("chatkit.threadIds") == [budget]


def test_at_offers_saved_conversations_and_a_tag_reaches_the_model(
    tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    garden = created_thread_id(tab, "Garden plan: tomatoes and basil")
    created_thread_id(tab, "Weekly shopping list")

    newest = tab.stand_in("chatkit.searchTags('')")
    found = tab.stand_in("chatkit.searchTags('tomatoes')")

    assert isinstance(newest, list) and isinstance(found, list)
    assert [entity["title"] for entity in newest] == [
        "Weekly shopping list",
        "Garden plan: tomatoes and basil",
    ]
    (entity,) = found
    assert entity["id"] == garden
    assert entity["data"] == {"thread_id": garden}

    tab.stand_in("chatkit.createThreadWithTag('Summarise ', args[0])", entity)

    seen = fake_openai.last_model_call().all_text
    assert "@Garden plan: tomatoes and basil" in seen
    assert f"thread id {garden}" in seen
    assert "User: Garden plan: tomatoes and basil" in seen


def test_clicking_a_tag_opens_its_thread(tab: PageUnderTest, fake_openai: FakeOpenAIServer) -> None:
    tab.open("chatkit")
    garden = created_thread_id(tab, "Garden plan")
    (entity,) = tab.stand_in("chatkit.searchTags('garden')")  # type: ignore[misc]

    tab.stand_in("chatkit.options.entities.onClick(args[0])", entity)

    assert tab.stand_in("chatkit.threadIds") == [garden]
