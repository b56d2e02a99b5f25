"""The Copy and Insert buttons under an answer to an ask that captured a window: a small ChatKit
widget added after the answer, whose buttons the page handles itself (ChatKit's
``widgets.onAction``; the built-in view draws the same buttons from the stored item) by calling
``/api/clipboard`` and ``/api/insert`` with the answer's text. The buttons name only the answer;
where it goes is the desktop side's to know."""

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

from chatkit.types import (
    AssistantMessageItem,
    ClientToolCallItem,
    ThreadItemDoneEvent,
    ThreadMetadata,
    ThreadStreamEvent,
    WidgetItem,
)
from chatkit.widgets import DynamicWidgetRoot

from common.answer_insertion import ANSWER_ACTIONS_WIDGET
from common.shared_context import ActiveWindow
from server.store.request_context import RequestContext

COPY_ACTION = "answer.copy"
INSERT_ACTION = "answer.insert"
TITLE_LENGTH = 40


def shortened(title: str, limit: int = TITLE_LENGTH) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def answer_actions_widget(answer: AssistantMessageItem, window: ActiveWindow) -> DynamicWidgetRoot:
    payload = {"item_id": answer.id, "thread_id": answer.thread_id}

    def button(label: str, action: str, style: str) -> dict[str, Any]:
        # "client": ChatKit hands the click to the page, which holds the token for our routes.
        click = {"type": action, "payload": payload, "handler": "client"}
        return {"type": "Button", "label": label, "style": style, "onClickAction": click}

    name = shortened(window.title or window.app)
    return DynamicWidgetRoot.model_validate(
        {
            "type": "Basic",
            "id": ANSWER_ACTIONS_WIDGET,
            "children": [
                {
                    "type": "Row",
                    "gap": 2,
                    "children": [
                        button("Copy", COPY_ACTION, "secondary"),
                        button(f"Insert into “{name}”", INSERT_ACTION, "primary"),
                    ],
                }
            ],
        }
    )


def is_answer_actions(item: WidgetItem) -> bool:
    return getattr(item.widget, "id", None) == ANSWER_ACTIONS_WIDGET


async def with_answer_actions(
    events: AsyncIterator[ThreadStreamEvent],
    thread: ThreadMetadata,
    context: RequestContext,
    new_item_id: Callable[[], str],
) -> AsyncIterator[ThreadStreamEvent]:
    """``events``, then the buttons, when the message shared the window it was asked from and
    an answer came. Not after a client tool call the page has yet to answer: ChatKit saves its
    output only while that call is the thread's last item."""
    answer: AssistantMessageItem | None = None
    awaits_client = False
    async for event in events:
        if isinstance(event, ThreadItemDoneEvent):
            if isinstance(event.item, AssistantMessageItem):
                answer = event.item
            awaits_client = isinstance(event.item, ClientToolCallItem)
        yield event
    shared = context.shared_context
    if answer is None or awaits_client or shared is None or shared.active_window is None:
        return
    yield ThreadItemDoneEvent(
        item=WidgetItem(
            id=new_item_id(),
            thread_id=thread.id,
            created_at=datetime.now(),
            widget=answer_actions_widget(answer, shared.active_window),
        )
    )
