"""A new thread's title, set once the answer's first words have gone out.

ChatKit saves a thread whose metadata ``respond()`` changed right after sending the next event,
and waits for that save, a write the store fsyncs, before it sends anything else. A title set as
the answer starts is therefore saved between the answer's first item and its first words: a
millisecond or two on an idle disk, tens of ms on a busy one or while a burst of model output
keeps the writer's thread waiting for the GIL. Set after the first words, the same save happens
while the rest of the answer streams in.
"""

from collections.abc import AsyncIterator

from chatkit.types import (
    AssistantMessageContentPartTextDelta,
    ThreadItemUpdatedEvent,
    ThreadMetadata,
    ThreadStreamEvent,
)


async def title_after_first_words(
    events: AsyncIterator[ThreadStreamEvent], thread: ThreadMetadata, title: str
) -> AsyncIterator[ThreadStreamEvent]:
    """Passes ``events`` on and sets ``thread.title`` once the first text delta has been sent,
    or when the answer ends, fails or is cancelled without one."""
    titled = False
    try:
        async for event in events:
            yield event
            if not titled and _is_words(event):
                thread.title = title
                titled = True
    finally:
        if not titled:
            thread.title = title


def _is_words(event: ThreadStreamEvent) -> bool:
    return isinstance(event, ThreadItemUpdatedEvent) and isinstance(
        event.update, AssistantMessageContentPartTextDelta
    )
