"""Opening: the folder, read-only locations, and what a store keeps across a reopen."""

import sqlite3
import stat
from pathlib import Path

import pytest

from server.store import SQLiteStore, StoreClosedError, StoreWriteError
from server.store.backup import backups_of
from tests.server.store.builders import ALICE, assistant_message, thread
from tests.server.store.old_databases import database_at, recorded_versions
from tests.server.store.unwritable import unwritable


async def test_what_was_saved_is_there_after_reopening(db_path: Path) -> None:
    with SQLiteStore(db_path) as store:
        await store.save_thread(thread("thr_1", title="Kept"), ALICE)
        await store.add_thread_item("thr_1", assistant_message("msg_1", "kept words"), ALICE)

    with SQLiteStore(db_path) as reopened:
        assert (await reopened.load_thread("thr_1", ALICE)).title == "Kept"
        assert [hit.item_id for hit in await reopened.search("kept", ALICE)] == ["msg_1"]


def test_the_missing_folder_is_made_private(db_path: Path) -> None:
    SQLiteStore(db_path).close()

    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


def test_the_database_is_left_in_wal_mode(db_path: Path) -> None:
    SQLiteStore(db_path).close()

    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


async def test_a_closed_store_refuses_work_and_closes_twice_quietly(db_path: Path) -> None:
    store = SQLiteStore(db_path)
    store.close()
    store.close()

    with pytest.raises(StoreClosedError):
        await store.load_threads(10, None, "desc", ALICE)
    with pytest.raises(StoreClosedError):
        await store.save_thread(thread(), ALICE)


def test_closing_releases_the_write_ahead_log(db_path: Path) -> None:
    store = SQLiteStore(db_path)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()

    store.close()

    assert not wal.exists()


def test_a_new_database_in_a_folder_that_refuses_writes_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()

    with unwritable(folder), pytest.raises(StoreWriteError, match="cannot write to") as refused:
        SQLiteStore(folder / "chatkit.db")

    assert str(folder) in str(refused.value)
    assert list(folder.iterdir()) == []


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()

    with unwritable(parent), pytest.raises(StoreWriteError, match="cannot write to"):
        SQLiteStore(parent / "data" / "chatkit.db")

    assert list(parent.iterdir()) == []


def test_an_existing_database_in_a_folder_that_refuses_writes_is_left_alone(
    db_path: Path,
) -> None:
    SQLiteStore(db_path).close()
    before = db_path.read_bytes()

    with unwritable(db_path.parent), pytest.raises(StoreWriteError, match="cannot write to"):
        SQLiteStore(db_path)

    assert db_path.read_bytes() == before


def test_a_database_file_that_refuses_writes_fails_at_opening(db_path: Path) -> None:
    SQLiteStore(db_path).close()
    before = db_path.read_bytes()

    with unwritable(db_path), pytest.raises(StoreWriteError, match="cannot write to"):
        SQLiteStore(db_path)

    assert db_path.read_bytes() == before


def test_an_old_database_whose_backup_cannot_be_written_is_not_migrated(db_path: Path) -> None:
    database_at(1, db_path)

    with unwritable(db_path.parent), pytest.raises(StoreWriteError):
        SQLiteStore(db_path)

    assert recorded_versions(db_path) == [1]
    assert backups_of(db_path) == []
