import re
import sqlite3
from pathlib import Path

from server.store import SQLiteStore
from server.store.backup import BACKUPS_KEPT, backups_of
from tests.server.store.old_databases import database_at


def fresh_v1_database(path: Path) -> None:
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    database_at(1, path)


def test_upgrading_writes_a_named_backup_of_the_old_database_beside_it(db_path: Path) -> None:
    database_at(1, db_path)

    SQLiteStore(db_path).close()

    (backup,) = backups_of(db_path)
    assert backup.parent == db_path.parent
    assert re.fullmatch(r"chatkit\.v1\.\d{8}T\d{12}Z\.backup\.db", backup.name)
    connection = sqlite3.connect(backup)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert connection.execute("SELECT max(version) FROM schema_migrations").fetchone() == (1,)
    assert connection.execute("SELECT count(*) FROM items").fetchone() == (6,)
    assert connection.execute("SELECT count(*) FROM threads").fetchone() == (3,)
    connection.close()


def test_only_the_newest_backups_are_kept(db_path: Path) -> None:
    made: list[Path] = []
    for _ in range(BACKUPS_KEPT + 2):
        fresh_v1_database(db_path)
        SQLiteStore(db_path).close()
        made.extend(set(backups_of(db_path)) - set(made))

    assert BACKUPS_KEPT == 3
    assert len(made) == BACKUPS_KEPT + 2
    assert backups_of(db_path) == made[-BACKUPS_KEPT:]


def test_a_database_already_at_the_latest_version_is_not_backed_up(db_path: Path) -> None:
    SQLiteStore(db_path).close()
    SQLiteStore(db_path).close()

    assert backups_of(db_path) == []
    assert not list(db_path.parent.glob("*.partial"))


def test_backups_of_another_database_are_not_counted_or_removed(db_path: Path) -> None:
    database_at(1, db_path)
    other = db_path.with_name("other.v1.20200101T000000000000Z.backup.db")
    other.write_bytes(b"someone else's")

    SQLiteStore(db_path).close()

    assert len(backups_of(db_path)) == 1
    assert other.read_bytes() == b"someone else's"
