import sqlite3
from pathlib import Path

import pytest

from server.store.connections import BUSY_TIMEOUT_SECONDS, open_connection, open_read_only


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "settings.db"
    sqlite3.connect(path).close()
    return path


def pragma(connection: sqlite3.Connection, name: str) -> object:
    return connection.execute(f"PRAGMA {name}").fetchone()[0]


def test_every_connection_is_durable_waits_for_locks_and_checks_foreign_keys(
    database: Path,
) -> None:
    connection = open_connection(database)

    assert pragma(connection, "synchronous") == 2  # FULL
    assert pragma(connection, "foreign_keys") == 1
    assert pragma(connection, "busy_timeout") == BUSY_TIMEOUT_SECONDS * 1000
    assert pragma(connection, "query_only") == 0
    assert connection.isolation_level is None
    connection.close()


def test_a_reading_connection_cannot_write(database: Path) -> None:
    connection = open_connection(database, query_only=True)

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("CREATE TABLE t (x)")
    connection.close()


def test_a_read_only_connection_cannot_write_either(database: Path) -> None:
    connection = open_read_only(database)

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("CREATE TABLE t (x)")
    connection.close()
