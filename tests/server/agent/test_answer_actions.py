"""The Copy and Insert buttons after an answer to an ask that shared its window: a widget in the
stream, stored with the thread, named after the window (shortened), handled by the client, and
never shown to the model on later turns."""

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    ClientToolCallItem,
    ThreadItemDoneEvent,
    ThreadMetadata,
    ThreadStreamEvent,
)

from common.shared_context import ActiveWindow, SharedContext
from server.agent.answer_actions import shortened, with_answer_actions
from server.store.request_context import RequestContext
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.agent.test_chatkit_server import add, create, items
from tests.server.running_server import RunningServer

LONG_TITLE = "Quarterly report for the board of directors, final version (3).odt"
CONTEXT = {"active_window": {"title": LONG_TITLE, "app": "soffice"}, "selection": "Q3 rose"}


def widgets(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "widget"
    ]


def test_the_buttons_follow_the_answer_and_stay_out_of_the_model_s_view(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.reply("Revenue rose in Q3.")
    thread_id, events = create(chat, "Summarise", context=CONTEXT)

    [widget] = widgets(events)
    done = [event["item"]["type"] for event in events if event["type"] == "thread.item.done"]
    assert done[-2:] == ["assistant_message", "widget"]
    buttons = widget["widget"]["children"][0]["children"]
    title = "Quarterly report for the board of direc…"
    assert [button["label"] for button in buttons] == ["Copy", f"Insert into “{title}”"]
    assert len(title) == 40

    later = add(chat, thread_id, "And in Q4?")
    assert widgets(later) == []
    seen = fake_openai.last_model_call().all_text
    assert "Insert into" not in seen
    assert "answer.insert" not in seen
    assert [item["type"] for item in items(chat, thread_id)].count("widget") == 1


def test_titles_are_shortened_with_an_ellipsis() -> None:
    assert shortened("notes.txt") == "notes.txt"
    assert shortened("x" * 40) == "x" * 40
    assert shortened("word " * 20) == "word word word word word word word word…"


async def test_no_buttons_while_a_client_tool_call_waits_for_the_page() -> None:
    thread = ThreadMetadata(id="thr_1", created_at=datetime.now())
    now = datetime.now()
    answer = AssistantMessageItem(
        id="msg_1",
        thread_id=thread.id,
        created_at=now,
        content=[AssistantMessageContent(text="Here it is; copying it now.")],
    )
    call = ClientToolCallItem(
        id="tc_1",
        thread_id=thread.id,
        created_at=now,
        call_id="call_1",
        name="copy_to_clipboard",
        arguments={"text": "Here it is"},
    )

    async def answered(*items: Any) -> AsyncIterator[ThreadStreamEvent]:
        for item in items:
            yield ThreadItemDoneEvent(item=item)

    context = RequestContext(
        user_id="me", shared_context=SharedContext(active_window=ActiveWindow("notes.txt", "gedit"))
    )

    async def done_types(*items: Any) -> list[str]:
        events = with_answer_actions(answered(*items), thread, context, lambda: "msg_2")
        return [event.item.type async for event in events if isinstance(event, ThreadItemDoneEvent)]

    assert await done_types(answer) == ["assistant_message", "widget"]
    assert await done_types(answer, call) == ["assistant_message", "client_tool_call"]
