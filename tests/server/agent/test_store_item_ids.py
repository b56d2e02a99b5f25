import itertools
from collections.abc import AsyncIterator
from datetime import datetime

from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageContentPartTextDelta,
    AssistantMessageItem,
    ThreadItemAddedEvent,
    ThreadItemDoneEvent,
    ThreadItemUpdatedEvent,
    ThreadStreamEvent,
)

from server.agent.store_item_ids import with_store_item_ids

FAKE_ID = "__fake_id__"


def answer(text: str) -> AssistantMessageItem:
    return AssistantMessageItem(
        id=FAKE_ID,
        thread_id="thr_1",
        created_at=datetime.now(),
        content=[AssistantMessageContent(text=text, annotations=[])],
    )


async def two_answers_under_one_fake_id() -> AsyncIterator[ThreadStreamEvent]:
    for text in ("first", "second"):
        yield ThreadItemAddedEvent(item=answer(""))
        yield ThreadItemUpdatedEvent(
            item_id=FAKE_ID,
            update=AssistantMessageContentPartTextDelta(content_index=0, delta=text),
        )
        yield ThreadItemDoneEvent(item=answer(text))


async def test_each_answer_gets_its_own_store_id_across_its_events() -> None:
    counter = itertools.count(1)
    events = [
        event
        async for event in with_store_item_ids(
            two_answers_under_one_fake_id(), lambda: f"msg_{next(counter)}"
        )
    ]
    ids = [
        event.item.id if hasattr(event, "item") else event.item_id  # type: ignore[union-attr]
        for event in events
    ]
    assert ids == ["msg_1"] * 3 + ["msg_2"] * 3
