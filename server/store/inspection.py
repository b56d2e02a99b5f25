"""Looking at an existing database file, without changing a byte of it, before anything else.

A damaged, foreign or too-new file is refused here, before the store opens it for writing:
a write connection may checkpoint or "recover" a log on close, and whatever is left of a
damaged database may be all a person has.
"""

import sqlite3
from pathlib import Path

from server.store.connections import open_read_only
from server.store.errors import (
    DatabaseDamagedError,
    StoreError,
    StoreWriteError,
    cannot_write_message,
    damaged_message,
    translate_sqlite_error,
)
from server.store.migrations import schema_version
from server.store.progress import CHECKING, OpeningProgress, no_progress

SQLITE_HEADER = b"SQLite format 3\x00"
# The message quotes this many of the problems quick_check lists.
QUOTED_PROBLEMS = 3
# quick_check reads every page: about a second per 60 MB from a cold disk. Above this size the
# app would open visibly slower, so a large file gets the structural reads only, and damage in
# it is reported by the query that meets it (SQLITE_CORRUPT is turned into the same message).
FULL_CHECK_LIMIT = 64 * 1024 * 1024
# Errors that say the file cannot be reached, rather than that what is in it is wrong.
_ACCESS_ERRORS = frozenset(
    {
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
    }
)


def existing_schema_version(path: Path, on_progress: OpeningProgress = no_progress) -> int:
    """The schema version of the database at ``path``: 0 when there is none yet (no file, or an
    empty one). Raises a ``StoreError`` when the file must be left alone."""
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return 0
    except OSError as error:
        raise StoreWriteError(cannot_write_message(path, error.strerror or str(error))) from error
    if not header:
        return 0
    if header != SQLITE_HEADER:
        raise DatabaseDamagedError(damaged_message(path, "it is not a SQLite database"))
    on_progress(CHECKING, None)
    try:
        connection = open_read_only(path)
    except sqlite3.Error as error:
        raise _reading_error(error, path) from error
    try:
        if path.stat().st_size <= FULL_CHECK_LIMIT:
            check_integrity(connection, path)
        return schema_version(connection, path)
    except sqlite3.Error as error:
        raise _reading_error(error, path) from error
    finally:
        connection.close()


def _reading_error(error: sqlite3.Error, path: Path) -> StoreError:
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in _ACCESS_ERRORS:
        return translate_sqlite_error(error, path)
    # Whatever else fails while merely reading (short reads, malformed pages) is damage.
    return DatabaseDamagedError(damaged_message(path, str(error)))


def check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    problems = [row for (row,) in connection.execute("PRAGMA quick_check(100)")]
    if problems != ["ok"]:
        quoted = "; ".join(problems[:QUOTED_PROBLEMS])
        raise DatabaseDamagedError(damaged_message(path, f"integrity check: {quoted}"))
