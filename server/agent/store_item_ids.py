"""Gives every assistant message, and every client tool call, the store's own id.

The Agents SDK reuses the model's item id, and on the Chat Completions path that id is the
constant ``__fake_id__``: stored as is, each answer would overwrite the one before it.
"""

from collections.abc import AsyncIterator, Callable

from chatkit.types import (
    AssistantMessageItem,
    ClientToolCallItem,
    ThreadItemAddedEvent,
    ThreadItemDoneEvent,
    ThreadItemRemovedEvent,
    ThreadItemReplacedEvent,
    ThreadItemUpdatedEvent,
    ThreadStreamEvent,
)


async def with_store_item_ids(
    events: AsyncIterator[ThreadStreamEvent], new_id: Callable[[], str]
) -> AsyncIterator[ThreadStreamEvent]:
    # Keyed by the model's id; an item added again under the same id gets a fresh store id,
    # since the fake id repeats across the messages of one run.
    store_ids: dict[str, str] = {}
    async for event in events:
        match event:
            case ThreadItemAddedEvent(item=AssistantMessageItem() as item):
                store_ids[item.id] = new_id()
                event = ThreadItemAddedEvent(
                    item=item.model_copy(update={"id": store_ids[item.id]})
                )
            case ThreadItemDoneEvent(item=ClientToolCallItem() as item):
                # Streamed once, when the run stops for the client: only ever this event.
                event = ThreadItemDoneEvent(item=item.model_copy(update={"id": new_id()}))
            case ThreadItemDoneEvent(item=item) | ThreadItemReplacedEvent(item=item) if (
                item.id in store_ids
            ):
                event = event.model_copy(
                    update={"item": item.model_copy(update={"id": store_ids[item.id]})}
                )
            case (
                ThreadItemUpdatedEvent(item_id=item_id) | ThreadItemRemovedEvent(item_id=item_id)
            ) if item_id in store_ids:
                event = event.model_copy(update={"item_id": store_ids[item_id]})
        yield event
