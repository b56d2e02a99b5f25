"""The ChatKit requests that show saved history (``threads.list``, ``threads.get_by_id``,
``items.list``), answered straight from the store.

They answer the same JSON as ``ChatKitServer`` would, but without importing it: that import
brings the Agents SDK and takes over a second, and the history must show at once. Like the SDK,
they keep a thread's metadata to the server, all but the store's ``updated_at`` (its last
activity, which orders ``threads.list``) and a mirrored thread's hosted mark
(``server/hosted/hosted_marker.py``), which the page shows.
"""

from chatkit.types import (
    HiddenContextItem,
    ItemsListReq,
    Page,
    SDKHiddenContextItem,
    Thread,
    ThreadItem,
    ThreadMetadata,
    ThreadsGetByIdReq,
    ThreadsListReq,
)
from pydantic import BaseModel

from server.hosted.hosted_marker import hosted_metadata_for_page
from server.store import SQLiteStore
from server.store.request_context import RequestContext
from server.store.thread_activity import UPDATED_AT

HistoryRequest = ThreadsListReq | ThreadsGetByIdReq | ItemsListReq
HISTORY_REQUEST_TYPES = frozenset({"threads.list", "threads.get_by_id", "items.list"})
# The SDK's own page size when a request names none.
DEFAULT_PAGE_SIZE = 20


async def answer_history_request(
    request: HistoryRequest, store: SQLiteStore, context: RequestContext
) -> bytes:
    match request:
        case ThreadsListReq(params=params):
            threads = await store.load_threads(
                params.limit or DEFAULT_PAGE_SIZE, params.after, params.order, context
            )
            page = Page[Thread](
                data=[_thread_response(thread, []) for thread in threads.data],
                has_more=threads.has_more,
                after=threads.after,
            )
            return _serialize(page)
        case ThreadsGetByIdReq(params=params):
            thread = await store.load_thread(params.thread_id, context)
            items = await store.load_thread_items(
                params.thread_id, None, DEFAULT_PAGE_SIZE, "asc", context
            )
            return _serialize(
                _thread_response(thread, items.data, has_more=items.has_more, after=items.after)
            )
        case ItemsListReq(params=params):
            items = await store.load_thread_items(
                params.thread_id,
                params.after,
                params.limit or DEFAULT_PAGE_SIZE,
                params.order,
                context,
            )
            items.data = _visible(items.data)
            return _serialize(items)


def _visible(items: list[ThreadItem]) -> list[ThreadItem]:
    return [
        item for item in items if not isinstance(item, HiddenContextItem | SDKHiddenContextItem)
    ]


def _thread_response(
    thread: ThreadMetadata,
    items: list[ThreadItem],
    *,
    has_more: bool = False,
    after: str | None = None,
) -> Thread:
    return Thread(
        id=thread.id,
        title=thread.title,
        created_at=thread.created_at,
        status=thread.status,
        allowed_image_domains=thread.allowed_image_domains,
        items=Page(data=_visible(items), has_more=has_more, after=after),
        metadata={UPDATED_AT: thread.metadata[UPDATED_AT], **hosted_metadata_for_page(thread)},
    )


def _serialize(model: BaseModel) -> bytes:
    return model.model_dump_json(
        by_alias=True, exclude_none=True, context={"exclude_metadata": True}
    ).encode()
