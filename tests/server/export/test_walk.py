"""The export's walk over every thread, on a real store: in the app's order, each thread once,
even when a conversation is answered part-way through."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from chatkit.types import Page, ThreadItem, ThreadMetadata

from server.export.entries import thread_json
from server.export.walk import all_threads
from server.store import SQLiteStore
from server.store.request_context import RequestContext
from tests.server.store.builders import assistant_message, thread

CONTEXT = RequestContext(user_id="local")


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStore]:
    opened: SQLiteStore = SQLiteStore(tmp_path / "chatkit.db")
    for index in range(5):
        await opened.save_thread(thread(f"thr_{index}", seconds=index), CONTEXT)
    yield opened
    opened.close()


async def answer(store: SQLiteStore, thread_id: str) -> None:
    item = assistant_message(f"msg_{thread_id}", "an answer", thread_id=thread_id, seconds=600)
    await store.add_thread_item(thread_id, item, CONTEXT)


class AnsweredAfterFirstPage:
    """The store, where ``thread_id`` is answered right after the first page is read."""

    def __init__(self, store: SQLiteStore, thread_id: str) -> None:
        self.store, self.thread_id, self.pages = store, thread_id, 0

    async def load_threads(
        self, limit: int, after: str | None, order: str, context: RequestContext
    ) -> Page[ThreadMetadata]:
        page = await self.store.load_threads(limit, after, order, context)
        self.pages += 1
        if self.pages == 1:
            await answer(self.store, self.thread_id)
        return page

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: RequestContext
    ) -> Page[ThreadItem]:
        return await self.store.load_thread_items(thread_id, after, limit, order, context)


async def walked(history: SQLiteStore | AnsweredAfterFirstPage) -> list[str]:
    return [listed.id async for listed in all_threads(history, CONTEXT, page_size=2)]


async def test_the_walk_follows_the_last_activity(store: SQLiteStore) -> None:
    await answer(store, "thr_1")

    assert await walked(store) == ["thr_1", "thr_4", "thr_3", "thr_2", "thr_0"]


async def test_the_cursor_answered_mid_walk_gives_no_thread_twice(store: SQLiteStore) -> None:
    # The first page is thr_4, thr_3: thr_3 is the cursor, and moves to the top.
    assert await walked(AnsweredAfterFirstPage(store, "thr_3")) == [
        "thr_4",
        "thr_3",
        "thr_2",
        "thr_1",
        "thr_0",
    ]


async def test_an_exported_thread_says_when_it_was_last_active(store: SQLiteStore) -> None:
    await answer(store, "thr_2")
    listed = (await store.load_threads(1, None, "desc", CONTEXT)).data[0]

    described = thread_json(listed)

    assert described["id"] == "thr_2"
    assert described["updated_at"] == listed.metadata["updated_at"]
    assert described["updated_at"].endswith("Z")
