"""Many writers and readers at once, in one store and in two on the same file; and the event
loop keeps running while the store works."""

import asyncio
import time
from pathlib import Path

from chatkit.types import ThreadMetadata

from server.store import SQLiteStore
from tests.server.store.builders import ALICE, assistant_message, thread

TASKS = 50
ITEMS_PER_WRITER = 10


async def write_items(store: SQLiteStore, writer: int) -> None:
    thread_id = f"thr_writer_{writer}"
    await store.save_thread(thread(thread_id, seconds=writer), ALICE)
    for index in range(ITEMS_PER_WRITER):
        item = assistant_message(
            f"msg_{writer}_{index}", f"concurrent words {writer}", thread_id=thread_id
        )
        await store.add_thread_item(thread_id, item, ALICE)
        await store.save_item(thread_id, item, ALICE)


async def read_repeatedly(store: SQLiteStore) -> int:
    reads = 0
    for _ in range(ITEMS_PER_WRITER):
        threads = await store.load_threads(20, None, "desc", ALICE)
        for listed in threads.data[:3]:
            await store.load_thread_items(listed.id, None, 5, "desc", ALICE)
        await store.search("concurrent", ALICE)
        reads += 1
        await asyncio.sleep(0)
    return reads


async def check_everything_written(store: SQLiteStore, writers: int) -> None:
    threads = await store.load_threads(1_000, None, "asc", ALICE)
    assert len(threads.data) == writers
    for listed in threads.data:
        items = await store.load_thread_items(listed.id, None, 100, "asc", ALICE)
        assert len(items.data) == ITEMS_PER_WRITER
    assert len(await store.search("concurrent", ALICE, limit=100)) == min(
        100, writers * ITEMS_PER_WRITER
    )


async def test_fifty_tasks_writing_and_reading_at_once(store: SQLiteStore) -> None:
    writers = TASKS // 2
    results = await asyncio.gather(
        *(write_items(store, n) for n in range(writers)),
        *(read_repeatedly(store) for _ in range(TASKS - writers)),
    )

    assert results[writers:] == [ITEMS_PER_WRITER] * (TASKS - writers)
    await check_everything_written(store, writers)


async def test_two_stores_on_one_file_write_and_read_at_once(db_path: Path) -> None:
    with SQLiteStore(db_path) as first, SQLiteStore(db_path) as second:
        stores = (first, second)
        await asyncio.gather(
            *(write_items(stores[n % 2], n) for n in range(TASKS // 2)),
            *(read_repeatedly(stores[n % 2]) for n in range(TASKS // 2)),
        )

        await check_everything_written(first, TASKS // 2)
        await check_everything_written(second, TASKS // 2)


async def test_the_event_loop_keeps_running_during_a_large_write(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    # Distinct words make the full-text index work hard: several seconds of SQLite.
    huge = assistant_message("msg_huge", " ".join(f"word{n}" for n in range(1_500_000)))
    gaps: list[float] = []

    async def heartbeat() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    beating = asyncio.create_task(heartbeat())
    started = time.perf_counter()
    await store.add_thread_item("thr_1", huge, ALICE)
    took = time.perf_counter() - started
    beating.cancel()

    assert took > 0.5, "the write must be long enough for this test to mean something"
    assert max(gaps, default=took) < min(0.25, took / 2)
    assert len(gaps) > took / 0.05
