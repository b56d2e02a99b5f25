"""Threads written straight into a data directory's store, before the app opens it."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from chatkit.types import ThreadMetadata

from common.paths import database_path
from server.store import SQLiteStore
from server.store.request_context import RequestContext


def save_threads(data_dir: Path, titles: dict[str, str]) -> None:
    """``titles`` maps thread ids to titles."""
    data_dir.mkdir(parents=True, exist_ok=True)
    context = RequestContext(user_id="local")

    async def save(store: SQLiteStore[RequestContext]) -> None:
        for thread_id, title in titles.items():
            thread = ThreadMetadata(id=thread_id, title=title, created_at=datetime.now(UTC))
            await store.save_thread(thread, context)

    with (
        SQLiteStore[RequestContext](database_path(data_dir)) as store,
        ThreadPoolExecutor(1) as worker,
    ):
        # A thread of its own: Playwright's sync API may already run an event loop here.
        worker.submit(asyncio.run, save(store)).result()
