"""``chatkit-desktop serve`` on an old database whose upgrade takes a while: what it does is
printed on standard error, in order, before the page's address."""

from pathlib import Path

from common.paths import database_path, profile_of
from desktop.log_file import LOG_FILE_NAME
from server.store.progress import BACKING_UP, CHECKING, upgrading
from server.store.schema import MIGRATIONS
from tests.desktop.commands.test_serve import start_serve, threads_list
from tests.server.store.old_databases import database_at, with_many_items

# About 1.3 s of checking, backing up and indexing here: well past the 0.3 s after which a
# slow opening is shown, and a few seconds at most on a slow machine.
ITEMS = 250_000
STEPS = [CHECKING, BACKING_UP, *(upgrading(later.description) for later in MIGRATIONS[1:])]


def test_serve_prints_the_steps_of_a_slow_upgrade_then_serves_the_upgraded_database(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    with_many_items(database_at(1, database_path(data_dir)), ITEMS)

    process, url, token = start_serve(data_dir, "-m", "desktop")
    try:
        listed = threads_list(url, token)
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=20)

    assert [thread["id"] for thread in listed.json()["data"]] == ["thr_v1_bread", "thr_v1_trip"]
    printed = [line for line in stderr.splitlines() if line.startswith("chatkit-desktop: ")]
    # Whichever step was under way once opening was slow, then each after it, once.
    assert printed == [f"chatkit-desktop: {step}…" for step in STEPS[-len(printed) :]]
    assert printed[-1] == f"chatkit-desktop: {STEPS[-1]}…"
    log = (profile_of(data_dir).logs / LOG_FILE_NAME).read_text()
    assert f"opening the store takes long: {STEPS[-1]}" in log
