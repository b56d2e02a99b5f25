"""Damaged, foreign and unreadable files are reported, and never changed."""

import asyncio
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from server.store import DatabaseDamagedError, ForeignDatabaseError, SQLiteStore
from server.store.backup import backups_of
from tests.server.store.builders import ALICE, assistant_message, thread

PAGE_SIZE = 4096


def sound_database(path: Path) -> bytes:
    """The bytes of a store's database with a few hundred items, cleanly closed."""

    async def fill(store: SQLiteStore) -> None:
        await store.save_thread(thread("thr_1"), ALICE)
        for index in range(300):
            text = f"item {index} " + "filler words for more pages " * 20
            await store.add_thread_item("thr_1", assistant_message(f"msg_{index}", text), ALICE)

    with SQLiteStore(path) as store:
        asyncio.run(fill(store))
    return path.read_bytes()


def garbage(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(16 * PAGE_SIZE))


def text_file(path: Path) -> None:
    path.write_text("these are my notes, not a database\n")


def a_few_header_bytes(path: Path) -> None:
    path.write_bytes(b"SQLite for")


def header_then_garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(2).randbytes(8 * PAGE_SIZE))


def truncated(path: Path) -> None:
    data = sound_database(path)
    path.write_bytes(data[: len(data) // 2])


def zeroed_pages(path: Path) -> None:
    data = bytearray(sound_database(path))
    middle = len(data) // PAGE_SIZE // 2 * PAGE_SIZE
    data[middle : middle + 3 * PAGE_SIZE] = bytes(3 * PAGE_SIZE)
    path.write_bytes(bytes(data))


def scrambled_btree_page(path: Path) -> None:
    data = bytearray(sound_database(path))
    # Page 2 holds a b-tree page of the schema's first tables; scramble its cell pointers.
    start = PAGE_SIZE + 8
    data[start : start + 64] = random.Random(3).randbytes(64)
    path.write_bytes(bytes(data))


DAMAGES: list[Callable[[Path], None]] = [
    garbage,
    text_file,
    a_few_header_bytes,
    header_then_garbage,
    truncated,
    zeroed_pages,
    scrambled_btree_page,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__)
def test_a_damaged_database_is_reported_and_left_byte_for_byte(
    db_path: Path, damage: Callable[[Path], None]
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    damage(db_path)
    before = db_path.read_bytes()

    with pytest.raises(DatabaseDamagedError) as reported:
        SQLiteStore(db_path)

    message = str(reported.value)
    assert str(db_path) in message
    assert "damaged" in message
    assert "backup" in message
    assert db_path.read_bytes() == before
    assert backups_of(db_path) == []


def test_a_database_of_another_program_is_refused_and_left_byte_for_byte(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()

    with pytest.raises(ForeignDatabaseError, match="notes") as refused:
        SQLiteStore(db_path)

    assert str(db_path) in str(refused.value)
    assert db_path.read_bytes() == before


def test_a_large_file_opens_without_reading_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import server.store.inspection as inspection

    path = tmp_path / "big.db"
    SQLiteStore(path).close()
    checks: list[str] = []
    monkeypatch.setattr(inspection, "check_integrity", lambda *_: checks.append("full"))
    monkeypatch.setattr(inspection, "FULL_CHECK_LIMIT", path.stat().st_size - 1)
    inspection.existing_schema_version(path)
    assert checks == []
    monkeypatch.setattr(inspection, "FULL_CHECK_LIMIT", path.stat().st_size)
    inspection.existing_schema_version(path)
    assert checks == ["full"]
