"""Writes are all-or-nothing, including when the disk fills up."""

import sqlite3
from pathlib import Path

import pytest
from chatkit.store import NotFoundError
from chatkit.types import ThreadMetadata

from server.store import SQLiteStore, StoreError, StoreWriteError
from tests.server.store.builders import ALICE, assistant_message

LARGEST_PAGE_COUNT = 1_073_741_823


def cap_the_file_at_its_size(connection: sqlite3.Connection) -> None:
    # SQLite then answers SQLITE_FULL, for real, to anything needing one more page.
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    connection.execute(f"PRAGMA max_page_count = {pages}")


def lift_the_cap(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA max_page_count = {LARGEST_PAGE_COUNT}")


def integrity(path: Path) -> list[tuple[str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()


async def test_a_full_disk_is_a_clear_error_and_leaves_no_half_written_item(
    store: SQLiteStore, alice_thread: ThreadMetadata, db_path: Path
) -> None:
    await store.add_thread_item("thr_1", assistant_message("msg_before", "before it filled"), ALICE)
    too_big = assistant_message("msg_big", "overflowing " + "zebra " * 50_000)
    await store._writer.run(cap_the_file_at_its_size)

    with pytest.raises(StoreWriteError, match="the disk is full") as full:
        await store.add_thread_item("thr_1", too_big, ALICE)

    assert str(db_path) in str(full.value)
    page = await store.load_thread_items("thr_1", None, 10, "asc", ALICE)
    assert [item.id for item in page.data] == ["msg_before"]
    with pytest.raises(NotFoundError):
        await store.load_item("thr_1", "msg_big", ALICE)
    assert await store.search("zebra", ALICE) == []
    assert [hit.item_id for hit in await store.search("filled", ALICE)] == ["msg_before"]
    assert integrity(db_path) == [("ok",)]

    await store._writer.run(lift_the_cap)
    await store.add_thread_item("thr_1", too_big, ALICE)
    assert [hit.item_id for hit in await store.search("zebra", ALICE)] == ["msg_big"]


async def test_a_write_that_fails_part_way_keeps_nothing_of_itself(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    def add_then_fail(connection: sqlite3.Connection) -> None:
        connection.execute("DELETE FROM items")
        connection.execute("INSERT INTO threads (user_id, id, created_key, data) VALUES (1, 2, 3)")

    await store.add_thread_item("thr_1", assistant_message("msg_1", "survivor"), ALICE)

    with pytest.raises(StoreError, match="4 columns"):
        await store._writer.run(add_then_fail)

    assert (await store.load_item("thr_1", "msg_1", ALICE)).id == "msg_1"
    assert len(await store.search("survivor", ALICE)) == 1
