import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from chatkit.types import AssistantMessageItem, SDKHiddenContextItem

from server.store import SchemaTooNewError, SQLiteStore, StoreError
from server.store.backup import backups_of
from server.store.schema import LATEST_VERSION
from server.store.sort_keys import created_sort_key
from tests.server.store.builders import (
    ALICE,
    User,
    assistant_message,
    database_from_a_newer_app,
    thread,
)
from tests.server.store.old_databases import FIXTURES, database_at, recorded_versions

LOCAL = User("local")
EARLIER_VERSIONS = range(1, LATEST_VERSION)


def as_utc_iso(local_wall_clock: datetime) -> str:
    return local_wall_clock.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


def test_every_earlier_version_has_a_frozen_fixture() -> None:
    assert LATEST_VERSION >= 2
    assert sorted(p.name for p in FIXTURES.glob("schema_v*.sql")) == [
        f"schema_v{version}.sql" for version in EARLIER_VERSIONS
    ]


@pytest.fixture(params=["no file", "empty file"])
def new_database(request: pytest.FixtureRequest, db_path: Path) -> Path:
    if request.param == "empty file":
        db_path.parent.mkdir()
        db_path.touch()
    return db_path


async def test_a_new_database_gets_every_migration_and_no_backup(new_database: Path) -> None:
    db_path = new_database
    with SQLiteStore(db_path) as store:
        await store.save_thread(thread("thr_1"), ALICE)
        await store.add_thread_item("thr_1", assistant_message("msg_1", "brand new"), ALICE)
        assert len(await store.search("brand", ALICE)) == 1

    assert recorded_versions(db_path) == list(range(1, LATEST_VERSION + 1))
    assert backups_of(db_path) == []


@pytest.mark.parametrize("version", EARLIER_VERSIONS)
async def test_an_earlier_version_is_upgraded_with_its_data_kept_and_searchable(
    db_path: Path, version: int
) -> None:
    database_at(version, db_path)

    with SQLiteStore(db_path) as store:
        threads = await store.load_threads(10, None, "desc", LOCAL)
        trip = await store.load_thread_items("thr_v1_trip", None, 10, "asc", LOCAL)
        tram_hits = await store.search("tram", LOCAL)
        acetone_hits = await store.search("aceto", LOCAL)
        castle_hits = await store.search("Sao Jorge", LOCAL)
        attachment = await store.load_attachment("atc_v1_1", LOCAL)

    assert recorded_versions(db_path) == list(range(1, LATEST_VERSION + 1))
    assert [(t.id, t.title) for t in threads.data] == [
        ("thr_v1_bread", "Sourdough starter"),
        ("thr_v1_trip", "Planning a trip to Lisbon"),
    ]
    assert threads.data[0].created_at == datetime(2025, 2, 3, 18, 5, 12, 222222)
    assert [item.id for item in trip.data] == ["msg_v1_trip_1", "msg_v1_trip_2", "shcx_v1_trip_3"]
    assert isinstance(trip.data[1], AssistantMessageItem)
    assert trip.data[1].content[0].text == "Tram 28 climbs through Alfama towards São Jorge castle."
    assert isinstance(trip.data[2], SDKHiddenContextItem)
    assert {hit.item_id for hit in tram_hits} == {"msg_v1_trip_1", "msg_v1_trip_2"}
    assert {hit.item_id for hit in acetone_hits} == {"msg_v1_bread_1", "msg_v1_bread_2"}
    assert [hit.item_id for hit in castle_hits] == ["msg_v1_trip_2"]
    assert attachment.name == "itinerary.pdf"


@pytest.mark.parametrize("version", EARLIER_VERSIONS)
async def test_an_upgraded_database_takes_new_items_and_finds_them(
    db_path: Path, version: int
) -> None:
    database_at(version, db_path)

    with SQLiteStore(db_path) as store:
        item = assistant_message("msg_new", "after the upgrade", thread_id="thr_v1_trip")
        await store.add_thread_item("thr_v1_trip", item, LOCAL)
        page = await store.load_thread_items("thr_v1_trip", None, 10, "desc", LOCAL)
        hits = await store.search("upgrade", LOCAL)

    assert page.data[0].id == "msg_new"
    assert [hit.item_id for hit in hits] == ["msg_new"]


# For each migration, the name of an object it creates after it has changed something: a table
# of that name in the way makes it fail half-way through.
MIGRATION_OBSTACLES = {2: "items_fts", 3: "threads_by_user_updated"}


def schema_of(path: Path) -> list[tuple[str, str, str | None]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()


def test_every_migration_has_an_obstacle_to_fail_it() -> None:
    assert sorted(MIGRATION_OBSTACLES) == list(range(2, LATEST_VERSION + 1))


@pytest.mark.parametrize("version", EARLIER_VERSIONS)
def test_a_failing_migration_leaves_the_database_at_its_version(
    db_path: Path, version: int
) -> None:
    database_at(version, db_path)
    obstacle = MIGRATION_OBSTACLES[version + 1]
    connection = sqlite3.connect(db_path)
    connection.execute(f"CREATE TABLE {obstacle} (x)")
    connection.commit()
    connection.close()
    before = schema_of(db_path)

    with pytest.raises(StoreError, match=obstacle):
        SQLiteStore(db_path)

    assert recorded_versions(db_path) == list(range(1, version + 1))
    assert schema_of(db_path) == before


@pytest.mark.parametrize("version", EARLIER_VERSIONS)
async def test_an_upgrade_fills_each_threads_last_activity_from_its_items(
    db_path: Path, version: int
) -> None:
    database_at(version, db_path)
    connection = sqlite3.connect(db_path)
    # A thread without items: its creation is its last activity.
    connection.execute(
        "INSERT INTO threads (user_id, id, created_key, data) VALUES ('local', 'thr_empty', ?, ?)",
        (
            created_sort_key(datetime(2025, 2, 2, 12, 0)),
            '{"id":"thr_empty","created_at":"2025-02-02T12:00:00","metadata":{}}',
        ),
    )
    connection.commit()
    connection.close()

    with SQLiteStore(db_path) as store:
        newest_first = await store.load_threads(10, None, "desc", LOCAL)
        other = await store.load_threads(10, None, "desc", User("someone_else"))

    newest_item = {
        "thr_v1_bread": datetime(2025, 2, 3, 18, 5, 13),
        "thr_empty": datetime(2025, 2, 2, 12, 0),
        "thr_v1_trip": datetime(2025, 2, 1, 9, 30, 4, 600000),
    }
    assert [t.id for t in newest_first.data] == list(newest_item)
    assert {t.id: t.metadata["updated_at"] for t in newest_first.data} == {
        thread_id: as_utc_iso(moment) for thread_id, moment in newest_item.items()
    }
    assert [t.metadata["updated_at"] for t in other.data] == [
        as_utc_iso(datetime(2025, 2, 2, 8, 0, 1))
    ]


def test_two_stores_opening_an_old_database_at_once_migrate_it_once(db_path: Path) -> None:
    database_at(1, db_path)
    opened: list[SQLiteStore] = []
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def open_store() -> None:
        start.wait()
        try:
            opened.append(SQLiteStore(db_path))
        except BaseException as error:
            failures.append(error)

    workers = [threading.Thread(target=open_store) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for store in opened:
        store.close()

    assert failures == []
    assert recorded_versions(db_path) == list(range(1, LATEST_VERSION + 1))


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(db_path: Path) -> None:
    database_from_a_newer_app(db_path)
    before = db_path.read_bytes()

    with pytest.raises(SchemaTooNewError) as refused:
        SQLiteStore(db_path)

    message = str(refused.value)
    assert f"version {LATEST_VERSION + 1}" in message
    assert f"up to {LATEST_VERSION}" in message
    assert "Upgrade ChatKit Desktop" in message
    assert str(db_path) in message
    assert db_path.read_bytes() == before
    assert backups_of(db_path) == []
