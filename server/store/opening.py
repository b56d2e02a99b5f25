"""From a path to a writable database at the latest schema, or a clear refusal."""

import logging
import sqlite3
from pathlib import Path

from server.store.backup import write_backup
from server.store.connections import open_connection
from server.store.errors import (
    StoreError,
    StoreWriteError,
    cannot_write_message,
    translate_sqlite_error,
)
from server.store.inspection import existing_schema_version
from server.store.migrations import migrate
from server.store.progress import OpeningProgress, no_progress
from server.store.schema import LATEST_VERSION

logger = logging.getLogger(__name__)

# The folder holds every conversation: only its owner may list or read it.
FOLDER_MODE = 0o700


def open_database(path: Path, on_progress: OpeningProgress = no_progress) -> sqlite3.Connection:
    """The connection that will do all of the store's writes. ``on_progress`` hears the steps
    someone may wait for: checking an existing file, its backup and its migrations."""
    _create_folder(path.parent)
    version = existing_schema_version(path, on_progress)
    if 0 < version < LATEST_VERSION:
        try:
            backup = write_backup(path, version, on_progress)
        except (sqlite3.Error, OSError) as error:
            reason = (
                translate_sqlite_error(error, path.parent)
                if isinstance(error, sqlite3.Error)
                else cannot_write_message(path.parent, str(error))
            )
            raise StoreWriteError(
                f"{path} needs an upgrade to schema version {LATEST_VERSION}, and a backup of it "
                f"comes first, but the backup could not be written: {reason}"
            ) from error
        logger.info("backed up %s (schema version %d) to %s", path, version, backup)
    try:
        connection = open_connection(path)
    except sqlite3.Error as error:
        raise translate_sqlite_error(error, path) from error
    try:
        # Making a new database's tables is quick, and not an upgrade of anything.
        _prepare(connection, path, on_progress if version else no_progress)
    except sqlite3.Error as error:
        connection.close()
        raise translate_sqlite_error(error, path) from error
    except BaseException:
        connection.close()
        raise
    return connection


def _create_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreWriteError(cannot_write_message(folder, str(error))) from error


def _prepare(connection: sqlite3.Connection, path: Path, on_progress: OpeningProgress) -> None:
    # WAL: readers never wait for the writer, and a commit appends instead of rewriting pages.
    (mode,) = connection.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode != "wal":
        raise StoreError(
            f"the conversation database {path} cannot use write-ahead logging (its journal "
            f"mode stays {mode!r}); keep the data folder on a local disk."
        )
    applied = migrate(connection, path, on_progress)
    if applied:
        logger.info("migrated %s to schema version %d", path, applied[-1])
    _confirm_writable(connection)


def _confirm_writable(connection: sqlite3.Connection) -> None:
    """A real write, so a read-only file fails now rather than at the first message.

    SQLite opens a file it may not write read-only without a word; rewriting the header's
    user_version (to the schema version, for tools that look there) is the smallest write.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
