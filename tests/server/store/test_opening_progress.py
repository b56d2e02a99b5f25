"""The steps of opening, as the store reports them to whoever waits: in order, with how far a
backup has come, and nothing for a new database."""

from pathlib import Path

from server.store import SQLiteStore
from server.store.backup import PAGES_PER_STEP
from server.store.progress import BACKING_UP, CHECKING, upgrading
from server.store.schema import MIGRATIONS
from tests.server.store.old_databases import database_at, with_many_items

Steps = list[tuple[str, float | None]]


def open_and_record(path: Path) -> Steps:
    steps: Steps = []
    SQLiteStore(path, on_progress=lambda step, fraction: steps.append((step, fraction))).close()
    return steps


def names(steps: Steps) -> list[str]:
    """Each step once, in the order they started."""
    return list(dict.fromkeys(step for step, _ in steps))


def test_an_old_database_reports_its_check_backup_and_migration_in_order(db_path: Path) -> None:
    steps = open_and_record(database_at(1, db_path))

    upgrades = [upgrading(migration.description) for migration in MIGRATIONS[1:]]
    assert names(steps) == [CHECKING, BACKING_UP, *upgrades]
    backing_up = [fraction for step, fraction in steps if step == BACKING_UP]
    assert backing_up[0] == 0.0
    assert backing_up[-1] == 1.0
    assert backing_up == sorted(backing_up)
    assert [fraction for step, fraction in steps if step != BACKING_UP] == [None] * (
        1 + len(upgrades)
    )


def test_a_large_backup_reports_how_far_it_has_come(db_path: Path) -> None:
    with_many_items(database_at(1, db_path), 40_000)
    assert db_path.stat().st_size > 3 * PAGES_PER_STEP * 4096

    steps = open_and_record(db_path)

    partway = [f for step, f in steps if step == BACKING_UP and f is not None and 0 < f < 1]
    assert len(partway) >= 2
    assert partway == sorted(partway)


def test_a_new_database_has_nothing_to_wait_for(db_path: Path) -> None:
    assert open_and_record(db_path) == []


def test_a_current_database_is_only_checked(db_path: Path) -> None:
    SQLiteStore(db_path).close()

    assert open_and_record(db_path) == [(CHECKING, None)]
