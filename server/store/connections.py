"""Opening SQLite connections with the settings every connection of the store needs."""

import sqlite3
from pathlib import Path

# Seconds a connection waits for another's write lock (another store on the same file, or a
# checkpoint) before reporting the database busy.
BUSY_TIMEOUT_SECONDS = 10.0
# Checkpoints shrink the write-ahead log back to this size, so one burst does not keep it big.
JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024
ANALYSIS_LIMIT_ROWS = 400


def open_connection(path: Path, *, query_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode: every transaction is opened explicitly by its caller.

    It is handed between threads (the writer's and the readers' pools), never used by two at
    once, so ``check_same_thread`` is off.
    """
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    try:
        _configure(connection, query_only=query_only)
    except BaseException:
        connection.close()
        raise
    return connection


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file, even by checkpointing or recovering a log on
    close: used to look at a database before deciding whether to touch it at all."""
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
    )


def _configure(connection: sqlite3.Connection, *, query_only: bool) -> None:
    connection.execute("PRAGMA foreign_keys = ON")
    # Durability: synchronous=FULL. In WAL mode NORMAL already survives a killed process (the
    # log is in the OS's page cache, which outlives the process), but it may lose the last
    # committed transactions when the OS crashes or the power fails, because the log is only
    # fsynced at checkpoints. FULL fsyncs the log at every commit, so an item whose
    # add_thread_item returned is on the disk. The price, one fsync per write, is paid at human
    # pace (a few writes per answer) and off the event loop.
    connection.execute("PRAGMA synchronous = FULL")
    # macOS's fsync leaves data in the drive's cache; these make SQLite ask for F_FULLFSYNC there
    # (they do nothing elsewhere).
    connection.execute("PRAGMA fullfsync = ON")
    connection.execute("PRAGMA checkpoint_fullfsync = ON")
    connection.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT_BYTES}")
    # Bounds the work of the "PRAGMA optimize" run at close, as SQLite advises for big files.
    connection.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT_ROWS}")
    if query_only:
        connection.execute("PRAGMA query_only = ON")
