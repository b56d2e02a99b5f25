"""Whether a text may be inserted into the window the latest ask captured: it must be the
model's own words (an answer's text, or a part of it), from an answer given after that ask, in
the conversation the ask went to. So a page, or anything else holding the token, can put into
another program only what the model wrote for this ask."""

from dataclasses import dataclass
from datetime import datetime

from chatkit.store import NotFoundError
from chatkit.types import AssistantMessageItem, HiddenContextItem

from server.agent.shared_context_item import shared_context_record
from server.store import SQLiteStore
from server.store.request_context import RequestContext

# Items read per page while looking back for the ask's message.
PAGE_SIZE = 50


@dataclass(frozen=True)
class AnswerRefused(Exception):
    status_code: int
    message: str


async def check_answer_text(
    store: SQLiteStore,
    context: RequestContext,
    thread_id: str,
    item_id: str,
    text: str,
    asked_at: datetime,
) -> None:
    """Raises ``AnswerRefused`` saying why when ``text`` may not be inserted."""
    try:
        item = await store.load_item(thread_id, item_id, context)
    except NotFoundError as error:
        raise AnswerRefused(404, "There is no such answer in that conversation.") from error
    if not isinstance(item, AssistantMessageItem):
        raise AnswerRefused(400, "Only an answer's text can be inserted, and this is no answer.")
    if text not in "".join(part.text for part in item.content):
        raise AnswerRefused(
            400, "Only the answer's own text can be inserted, and this text is not in it."
        )
    if _local(item.created_at) < asked_at or not await _asked_in(
        store, context, thread_id, asked_at
    ):
        raise AnswerRefused(
            409,
            "This answer is not one to the latest ask: it can only go into the window captured "
            "by the ask it answers.",
        )


async def _asked_in(
    store: SQLiteStore, context: RequestContext, thread_id: str, asked_at: datetime
) -> bool:
    """Whether a message sharing the captured window was sent in this thread since the ask."""
    after = None
    while True:
        page = await store.load_thread_items(thread_id, after, PAGE_SIZE, "desc", context)
        for item in page.data:
            if _local(item.created_at) < asked_at:
                return False
            if isinstance(item, HiddenContextItem):
                record = shared_context_record(item)
                if record is not None and record.shared.active_window is not None:
                    return True
        if not page.has_more or not page.data:
            return False
        after = page.data[-1].id


def _local(moment: datetime) -> datetime:
    """Items are dated in local time, with or without its zone; compare them as naive."""
    return moment if moment.tzinfo is None else moment.astimezone().replace(tzinfo=None)
