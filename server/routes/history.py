"""What the built-in conversation view needs beyond the ChatKit protocol: search across every
conversation, a thread's items together with the context shared with each message (which the
protocol hides), and the view's vendored libraries. Exports are in ``exports.py``."""

import re
from typing import Annotated, Any

from chatkit.store import NotFoundError
from chatkit.types import ThreadItem, UserMessageItem
from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse

from server.export.entries import SharedContextEntry, entries_of, item_json, thread_json
from server.http.services import LOCAL_USER_ID, AppServices
from server.routes.page import WEB_DIR
from server.store.request_context import RequestContext
from server.store.search import MAX_HITS
from server.store.search_query import MAX_QUERY_CHARACTERS

router = APIRouter()

DEFAULT_SEARCH_HITS = 20
DEFAULT_ITEMS_PAGE = 50
MAX_ITEMS_PAGE = 200
# The libraries the view imports (web/vendor, see refresh.sh there). They are served under
# /static/, public like the rest of the page's code: module imports cannot carry the token.
VENDOR_DIR = WEB_DIR / "vendor"
_VENDOR_MODULE = re.compile(r"[a-z0-9][a-z0-9.-]*\.m?js")


def _context() -> RequestContext:
    return RequestContext(user_id=LOCAL_USER_ID)


@router.get("/api/search")
async def search(
    app: AppServices,
    q: str = "",
    limit: Annotated[int, Query(ge=1, le=MAX_HITS)] = DEFAULT_SEARCH_HITS,
) -> dict[str, Any]:
    """Each hit's ``snippet`` marks matched words between U+E000 and U+E001, never markup;
    its ``role`` says who wrote the item: ``user``, ``assistant`` or ``other``."""
    # The store reads no further than this; a longer query would be cut without a word.
    if len(q) > MAX_QUERY_CHARACTERS:
        raise HTTPException(
            status_code=400,
            detail=f"the search text is too long: at most {MAX_QUERY_CHARACTERS} characters",
        )
    hits = await app.store.search(q, _context(), limit)
    return {
        "results": [
            {
                "thread_id": hit.thread_id,
                "item_id": hit.item_id,
                "thread_title": hit.thread_title,
                "created_at": hit.created_at.isoformat(),
                "snippet": hit.snippet,
                "role": hit.role,
            }
            for hit in hits
        ]
    }


@router.get("/api/threads/{thread_id}/items")
async def thread_items(
    thread_id: str,
    app: AppServices,
    after: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_ITEMS_PAGE)] = DEFAULT_ITEMS_PAGE,
) -> dict[str, Any]:
    """A page of the thread's items, oldest first, like ``items.list``; ``shared_context``
    holds the context shared with the page's messages, each naming its ``message_id``; a
    message's attachments carry their ``size`` in bytes."""
    context = _context()
    try:
        thread = await app.store.load_thread(thread_id, context)
    except NotFoundError as error:
        raise HTTPException(status_code=404, detail=f"no conversation {thread_id}") from error
    try:
        page = await app.store.load_thread_items(thread_id, after, limit, "asc", context)
    except NotFoundError as error:
        raise HTTPException(
            status_code=400, detail=f"after names no item of the conversation {thread_id}"
        ) from error
    items: list[dict[str, Any]] = []
    shared: list[dict[str, Any]] = []
    for entry in entries_of(page.data):
        if isinstance(entry, SharedContextEntry):
            shared.append(entry.as_json())
        else:
            items.append(_with_attachment_sizes(item_json(entry), entry))
    return {
        "thread": thread_json(thread),
        "data": items,
        "shared_context": shared,
        "has_more": page.has_more,
        "after": page.after,
    }


def _with_attachment_sizes(document: dict[str, Any], item: ThreadItem) -> dict[str, Any]:
    """The view shows each file's size, which only the record's metadata (never sent to
    clients as a whole) knows."""
    if isinstance(item, UserMessageItem):
        for shown, attachment in zip(
            document.get("attachments", []), item.attachments, strict=True
        ):
            size = (attachment.metadata or {}).get("size")
            if isinstance(size, int):
                shown["size"] = size
    return document


@router.get("/static/vendor/{name}", include_in_schema=False)
async def vendor_module(name: str) -> FileResponse:
    path = VENDOR_DIR / name
    if not _VENDOR_MODULE.fullmatch(name) or not path.is_file():
        raise HTTPException(status_code=404, detail="Not Found")
    return FileResponse(path, media_type="text/javascript")
