"""A copy of the database beside it, taken before a migration changes it.

Named ``<stem>.v<version>.<UTC time>.backup<suffix>`` (``chatkit.v1.20250102T030405123456Z
.backup.db``), so a person can tell which is which; only the newest few are kept.
"""

import contextlib
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from server.store.connections import open_read_only
from server.store.progress import BACKING_UP, OpeningProgress, no_progress

BACKUPS_KEPT = 3
_TIME_FORMAT = "%Y%m%dT%H%M%S%fZ"
_PARTIAL = ".partial"
# Copied this many pages (4 MB at SQLite's default page size) at a time, so a large copy reports
# how far it has come; the steps cost nothing measurable next to the copying.
PAGES_PER_STEP = 1024


def backup_name_pattern(path: Path) -> str:
    """How a person finds the backups of ``path``, as a shell pattern."""
    return f"{path.stem}.v*.backup{path.suffix}"


def write_backup(path: Path, version: int, on_progress: OpeningProgress = no_progress) -> Path:
    """Copies the database at ``path`` (schema ``version``) with SQLite's online backup, which
    gives a consistent copy even of a database in WAL mode; then drops the oldest backups."""
    on_progress(BACKING_UP, 0.0)
    moment = datetime.now(UTC).strftime(_TIME_FORMAT)
    target = path.with_name(f"{path.stem}.v{version}.{moment}.backup{path.suffix}")
    # Written under another name and renamed when complete: a crash mid-copy never leaves a
    # file that looks like a good backup.
    partial = target.with_name(target.name + _PARTIAL)
    source = open_read_only(path)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(
                destination,
                pages=PAGES_PER_STEP,
                progress=lambda _status, remaining, total: on_progress(
                    BACKING_UP, 1 - remaining / total if total else 1.0
                ),
            )
        finally:
            destination.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    _fsync(partial)
    partial.replace(target)
    _fsync(path.parent)
    _remove_old_backups(path)
    return target


def backups_of(path: Path) -> list[Path]:
    """The backups of ``path``, oldest first."""
    pattern = re.compile(
        rf"{re.escape(path.stem)}\.v\d+\.(\d{{8}}T\d{{12}}Z)\.backup{re.escape(path.suffix)}"
    )
    found = []
    for candidate in path.parent.iterdir():
        match = pattern.fullmatch(candidate.name)
        if match:
            found.append((match.group(1), candidate))
    return [candidate for _, candidate in sorted(found)]


def _remove_old_backups(path: Path) -> None:
    for old in backups_of(path)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        # Some file systems refuse to fsync a directory; the rename is then as safe as they allow.
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
