"""Pages cost what the page holds, not the history: the indexes match every ORDER BY."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.store import SQLiteStore
from server.store.item_queries import ITEM_PAGE_SQL
from server.store.search import SEARCH_SQL
from server.store.thread_activity import _REFRESH_SQL
from server.store.thread_queries import THREAD_PAGE_SQL


@pytest.fixture
def connection(db_path: Path) -> Iterator[sqlite3.Connection]:
    SQLiteStore(db_path).close()
    opened = sqlite3.connect(db_path)
    yield opened
    opened.close()


def plan(connection: sqlite3.Connection, sql: str, parameters: object) -> list[str]:
    return [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", parameters)]


@pytest.mark.parametrize(
    ("sql", "index", "key"),
    [
        (THREAD_PAGE_SQL["asc"], "threads_by_user_updated", "updated_key"),
        (THREAD_PAGE_SQL["desc"], "threads_by_user_updated", "updated_key"),
        (ITEM_PAGE_SQL["asc"], "items_by_thread_created", "created_key"),
        (ITEM_PAGE_SQL["desc"], "items_by_thread_created", "created_key"),
    ],
)
def test_a_page_is_an_index_range_without_sorting(
    connection: sqlite3.Connection, sql: str, index: str, key: str
) -> None:
    steps = plan(connection, sql, ("owner", 0, 0, 21))

    assert len(steps) == 1
    assert steps[0].startswith("SEARCH")
    assert index in steps[0]
    assert key in steps[0]
    assert not any("TEMP B-TREE" in step for step in steps)


def test_a_threads_last_activity_is_refreshed_by_key_and_one_index_seek(
    connection: sqlite3.Connection,
) -> None:
    steps = plan(connection, _REFRESH_SQL, (1,))

    assert steps[0].startswith("SEARCH threads USING INTEGER PRIMARY KEY")
    # The newest item is the last entry of the thread's range: read, not scanned for.
    assert "SEARCH items USING COVERING INDEX items_by_thread_created (thread_seq=?)" in steps
    assert not any(step.startswith("SCAN") for step in steps)


def test_search_walks_the_index_newest_first_and_reads_rows_by_key(
    connection: sqlite3.Connection,
) -> None:
    parameters = {"query": '"x"', "user_id": "u", "candidates": 1000, "limit": 20}

    steps = plan(connection, SEARCH_SQL, parameters)

    assert not any(step.split()[:2] in (["SCAN", "items"], ["SCAN", "threads"]) for step in steps)
    assert any(step.startswith("SCAN items_fts VIRTUAL TABLE") for step in steps)
    # One sort of the ranked candidates, one of the final few: none of the whole index.
    assert sum("TEMP B-TREE" in step for step in steps) == 2
