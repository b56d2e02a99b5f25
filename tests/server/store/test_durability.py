"""An item whose add_thread_item returned survives the process being killed outright."""

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from server.store import SQLiteStore
from tests.server.store.builders import ALICE

REPOSITORY = Path(__file__).resolve().parents[3]


def acknowledged_before_kill(db_path: Path, kill_after: int) -> list[str]:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.server.store.crash_writer", str(db_path)],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    acknowledged: list[str] = []
    try:
        while len(acknowledged) < kill_after:
            line = writer.stdout.readline()
            assert line, f"the writer stopped by itself (exit code {writer.poll()})"
            acknowledged.append(line.strip())
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        # Lines it printed before it died are acknowledgments too; a cut-off line is not.
        acknowledged += [line.strip() for line in writer.stdout if line.endswith("\n")]
    finally:
        writer.kill()
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    return acknowledged


@pytest.mark.parametrize("kill_after", [40, 173])
async def test_every_acknowledged_item_survives_kill_9(db_path: Path, kill_after: int) -> None:
    acknowledged = acknowledged_before_kill(db_path, kill_after)

    # Opened as the app would after the crash: the store reads the log the writer left.
    with SQLiteStore(db_path) as store:
        stored = await store.load_thread_items("thr_crash", None, 10_000, "asc", ALICE)
        found = await store.search("acknowledged", ALICE, limit=100)
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    fts_check = "INSERT INTO items_fts (items_fts) VALUES ('integrity-check')"
    assert connection.execute(fts_check).fetchall() == []
    connection.close()

    stored_ids = [item.id for item in stored.data]
    assert len(acknowledged) >= kill_after
    assert stored_ids[: len(acknowledged)] == acknowledged
    # At most the one write under way when it died made it in without being acknowledged.
    assert len(stored_ids) <= len(acknowledged) + 1
    assert len(found) == min(100, len(stored_ids))
