"""The conversation database: where it is, how big, its schema version and SQLite's quick check
(through the same inspection the store does before it opens a file), and whether a running
app has it open."""

import sqlite3
from pathlib import Path

from common.paths import database_path
from common.runtime_file import read_live_runtime
from desktop.doctor.check import Check, failed, ok
from server.store.backup import backup_name_pattern
from server.store.connections import open_read_only
from server.store.errors import StoreError
from server.store.inspection import FULL_CHECK_LIMIT, check_integrity, existing_schema_version
from server.store.schema import LATEST_VERSION


def check_database(data: Path) -> Check:
    path = database_path(data)
    if not path.exists():
        return ok("database", f"{path} does not exist yet; the app creates it at its first start")
    try:
        schema = existing_schema_version(path)
        if path.stat().st_size > FULL_CHECK_LIMIT:
            # The app skips reading every page of a large file at start; the doctor does not.
            _check_all_pages(path)
    except (StoreError, sqlite3.Error) as error:
        return failed(
            "database",
            str(error),
            f"Restore one of the backups beside it ({backup_name_pattern(path)}), or move the "
            "file away to start afresh. The app never changes a damaged file.",
        )
    size = path.stat().st_size
    running = read_live_runtime(data)
    in_use = f"; open in the running app (pid {running.pid})" if running else ""
    upgrade = f" (this app upgrades it to {LATEST_VERSION})" if schema < LATEST_VERSION else ""
    return ok(
        "database",
        f"{path}, {_megabytes(size)}, schema version {schema}{upgrade}, quick check ok{in_use}",
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _check_all_pages(path: Path) -> None:
    connection = open_read_only(path)
    try:
        check_integrity(connection, path)
    finally:
        connection.close()
