"""The store's failures, each worded for the person who has to act on it.

``chatkit.store.NotFoundError`` (a missing thread, item or attachment) is the SDK's own and is
not one of these: it is an answer, not a failure.
"""

import sqlite3
from pathlib import Path

from server.store.backup import backup_name_pattern


class StoreError(Exception):
    """Base of every failure of the conversation store."""


class StoreClosedError(StoreError):
    """The store was used after ``close()``."""


class DatabaseDamagedError(StoreError):
    """The database file cannot be read as a sound SQLite database. It is left as it was."""


class ForeignDatabaseError(StoreError):
    """The file is a SQLite database, but not one this app wrote. It is left as it was."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer ChatKit Desktop. It is left as it was."""


class StoreWriteError(StoreError):
    """Nothing could be written: a full disk, a read-only folder or file, a failing disk."""


class StoreBusyError(StoreError):
    """Another program held the database locked for longer than the store waits."""


def damaged_message(path: Path, detail: str) -> str:
    return (
        f"the conversation database {path} is damaged ({detail}). It has not been changed. "
        f"Close ChatKit Desktop and restore one of the backups beside it "
        f"({backup_name_pattern(path)}), or move the file away to start afresh."
    )


def cannot_write_message(path: Path, detail: str) -> str:
    return (
        f"cannot write to {path} ({detail}). Check that you may write to it and to the folder "
        f"{path.parent}, and that the disk is not mounted read-only."
    )


def translate_sqlite_error(error: sqlite3.Error, path: Path) -> StoreError:
    """The store's own exception for what SQLite reported about the database at ``path``."""
    # Extended result codes carry the primary code in their low byte.
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    detail = str(error)
    if code == sqlite3.SQLITE_FULL:
        return StoreWriteError(
            f"the disk is full: nothing more can be saved to {path}. "
            f"Free some disk space, then try again."
        )
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return StoreWriteError(cannot_write_message(path, detail))
    if code == sqlite3.SQLITE_IOERR:
        return StoreWriteError(
            f"the disk holding {path} reported an input/output error ({detail}). "
            f"Check the disk, then try again."
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DatabaseDamagedError(damaged_message(path, detail))
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreBusyError(
            f"the conversation database {path} stayed locked by another program ({detail}). "
            f"Close other copies of ChatKit Desktop, then try again."
        )
    return StoreError(f"the conversation database {path} failed: {detail}")
