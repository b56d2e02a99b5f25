import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest
from chatkit.store import NotFoundError
from chatkit.types import LockedStatus, Page, Thread, ThreadMetadata

from server.store import SQLiteStore
from tests.server.store.builders import ALICE, BOB, assistant_message, at, thread, user_message


def utc(local_wall_clock: datetime) -> str:
    """``updated_at`` as the store gives it for a moment on the local wall clock."""
    return local_wall_clock.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


async def save_threads(store: SQLiteStore, count: int, *, same_time: bool = False) -> list[str]:
    """Threads thr_0… in creation order (one second apart unless ``same_time``)."""
    ids = [f"thr_{index}" for index in range(count)]
    for index, thread_id in enumerate(ids):
        await store.save_thread(thread(thread_id, seconds=0 if same_time else index), ALICE)
    return ids


async def all_pages(store: SQLiteStore, limit: int, order: str) -> list[Page[ThreadMetadata]]:
    pages = [await store.load_threads(limit, None, order, ALICE)]
    while pages[-1].has_more:
        pages.append(await store.load_threads(limit, pages[-1].after, order, ALICE))
    return pages


async def test_a_saved_thread_loads_back_equal(store: SQLiteStore) -> None:
    saved = ThreadMetadata(
        id="thr_full",
        title="Everything set",
        created_at=datetime(2025, 1, 2, 3, 4, 5, 678901),
        status=LockedStatus(reason="archived"),
        allowed_image_domains=["example.com"],
        metadata={"model": "gpt", "nested": {"none": None, "list": [1, None]}},
    )
    await store.save_thread(saved, ALICE)

    loaded = await store.load_thread("thr_full", ALICE)

    assert loaded.model_copy(update={"metadata": saved.metadata}) == saved
    assert loaded.metadata == {**saved.metadata, "updated_at": utc(saved.created_at)}
    assert loaded.created_at.tzinfo is None


@pytest.mark.parametrize(
    "created_at",
    [
        datetime(2025, 6, 1, 23, 59, 59, 999999),
        datetime(2025, 6, 1, 12, 0, tzinfo=UTC),
        datetime(2025, 6, 1, 12, 0, 0, 1, tzinfo=timezone(timedelta(hours=-7, minutes=-30))),
    ],
)
async def test_created_at_round_trips_exactly(store: SQLiteStore, created_at: datetime) -> None:
    await store.save_thread(ThreadMetadata(id="thr_t", created_at=created_at), ALICE)

    loaded = await store.load_thread("thr_t", ALICE)

    assert loaded.created_at == created_at
    assert loaded.created_at.utcoffset() == created_at.utcoffset()


async def test_a_missing_thread_is_not_found(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError):
        await store.load_thread("thr_missing", ALICE)


async def test_saving_again_updates_the_one_thread(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_1", title="Before"), ALICE)
    await store.save_thread(thread("thr_1", title="After"), ALICE)

    page = await store.load_threads(10, None, "desc", ALICE)

    assert [(t.id, t.title) for t in page.data] == [("thr_1", "After")]


async def test_a_thread_with_items_is_saved_as_its_metadata_only(store: SQLiteStore) -> None:
    metadata = thread("thr_1", title="Has items")
    with_items = Thread(
        **metadata.model_dump(),
        items=Page(data=[assistant_message("msg_in_page", "only in the page")]),
    )

    await store.save_thread(with_items, ALICE)

    loaded = await store.load_thread("thr_1", ALICE)
    assert type(loaded) is ThreadMetadata
    assert loaded == metadata.model_copy(update={"metadata": {"updated_at": utc(at(0))}})
    assert (await store.load_thread_items("thr_1", None, 10, "asc", ALICE)).data == []


async def test_threads_list_newest_first_in_desc_and_oldest_first_in_asc(
    store: SQLiteStore,
) -> None:
    ids = await save_threads(store, 3)

    descending = await store.load_threads(10, None, "desc", ALICE)
    ascending = await store.load_threads(10, None, "asc", ALICE)

    assert [t.id for t in descending.data] == ids[::-1]
    assert [t.id for t in ascending.data] == ids
    assert not descending.has_more
    assert descending.after == ids[0]


async def test_no_threads_is_one_empty_page(store: SQLiteStore) -> None:
    page = await store.load_threads(20, None, "desc", ALICE)

    assert page == Page(data=[], has_more=False, after=None)


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize(("count", "limit"), [(5, 2), (4, 2), (2, 2), (1, 5)])
@pytest.mark.parametrize("same_time", [False, True])
async def test_paging_by_cursor_visits_every_thread_once_in_order(
    store: SQLiteStore, order: str, count: int, limit: int, same_time: bool
) -> None:
    ids = await save_threads(store, count, same_time=same_time)

    pages = await all_pages(store, limit, order)

    visited = [t.id for page in pages for t in page.data]
    assert visited == (ids if order == "asc" else ids[::-1])
    assert [len(page.data) for page in pages[:-1]] == [limit] * (len(pages) - 1)
    assert all(page.has_more for page in pages[:-1])
    assert not pages[-1].has_more
    assert len(pages) == -(-count // limit)


async def test_a_page_starts_right_after_its_cursor(store: SQLiteStore) -> None:
    await save_threads(store, 5)

    page = await store.load_threads(2, "thr_1", "asc", ALICE)

    assert [t.id for t in page.data] == ["thr_2", "thr_3"]
    assert page.has_more
    assert page.after == "thr_3"


async def test_a_cursor_naming_no_thread_of_the_user_is_not_found(store: SQLiteStore) -> None:
    await save_threads(store, 2)
    await store.save_thread(thread("thr_bob"), BOB)

    with pytest.raises(NotFoundError):
        await store.load_threads(10, "thr_unknown", "desc", ALICE)
    with pytest.raises(NotFoundError):
        await store.load_threads(10, "thr_bob", "desc", ALICE)


async def test_threads_are_ordered_by_created_at_not_by_saving_order(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_late", seconds=60), ALICE)
    await store.save_thread(thread("thr_early", seconds=-60), ALICE)
    await store.save_thread(
        ThreadMetadata(id="thr_aware", created_at=(thread().created_at).astimezone(UTC)), ALICE
    )

    page = await store.load_threads(10, None, "asc", ALICE)

    assert [t.id for t in page.data] == ["thr_early", "thr_aware", "thr_late"]


@pytest.mark.parametrize(("limit", "order"), [(0, "asc"), (-1, "desc"), (10, "newest")])
async def test_a_bad_limit_or_order_is_refused(store: SQLiteStore, limit: int, order: str) -> None:
    with pytest.raises(ValueError, match=r"limit|order"):
        await store.load_threads(limit, None, order, ALICE)


async def test_deleting_a_thread_deletes_its_items(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_1"), ALICE)
    await store.save_thread(thread("thr_2"), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_1", "goodbye walrus"), ALICE)
    await store.add_thread_item(
        "thr_2", assistant_message("msg_2", "kept walrus", thread_id="thr_2"), ALICE
    )

    await store.delete_thread("thr_1", ALICE)

    with pytest.raises(NotFoundError):
        await store.load_thread("thr_1", ALICE)
    with pytest.raises(NotFoundError):
        await store.load_item("thr_1", "msg_1", ALICE)
    assert [hit.item_id for hit in await store.search("walrus", ALICE)] == ["msg_2"]
    assert [t.id for t in (await store.load_threads(10, None, "asc", ALICE)).data] == ["thr_2"]


async def test_deleting_a_missing_thread_does_nothing(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_1"), ALICE)

    await store.delete_thread("thr_missing", ALICE)

    assert (await store.load_thread("thr_1", ALICE)).id == "thr_1"


async def test_answering_an_older_thread_moves_it_to_the_top(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_older", seconds=0), ALICE)
    await store.save_thread(thread("thr_newer", seconds=120), ALICE)

    await store.add_thread_item(
        "thr_older",
        user_message("msg_q", "still there?", thread_id="thr_older", seconds=300),
        ALICE,
    )
    await store.add_thread_item(
        "thr_older", assistant_message("msg_a", "yes", thread_id="thr_older", seconds=302), ALICE
    )

    page = await store.load_threads(10, None, "desc", ALICE)
    assert [(t.id, t.metadata["updated_at"]) for t in page.data] == [
        ("thr_older", utc(at(302))),
        ("thr_newer", utc(at(120))),
    ]
    assert (await store.load_thread("thr_older", ALICE)).metadata["updated_at"] == utc(at(302))


async def test_the_newest_item_counts_not_the_last_one_written(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_1"), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_new", "b", seconds=50), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_old", "a", seconds=10), ALICE)
    # The SDK adds some items twice: the second time changes nothing.
    await store.add_thread_item("thr_1", assistant_message("msg_new", "b", seconds=50), ALICE)

    assert (await store.load_thread("thr_1", ALICE)).metadata["updated_at"] == utc(at(50))


async def test_saving_a_thread_again_is_no_activity(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_renamed", seconds=0), ALICE)
    await store.save_thread(thread("thr_other", seconds=60), ALICE)
    await store.add_thread_item(
        "thr_renamed", assistant_message("msg_1", "hi", thread_id="thr_renamed", seconds=30), ALICE
    )

    await store.save_thread(thread("thr_renamed", seconds=0, title="A new title"), ALICE)

    page = await store.load_threads(10, None, "desc", ALICE)
    assert [(t.id, t.metadata["updated_at"]) for t in page.data] == [
        ("thr_other", utc(at(60))),
        ("thr_renamed", utc(at(30))),
    ]


async def test_deleting_the_newest_items_moves_a_thread_back(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_1", seconds=0), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_1", "a", seconds=10), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_2", "b", seconds=20), ALICE)

    await store.delete_thread_item("thr_1", "msg_2", ALICE)
    after_one = (await store.load_thread("thr_1", ALICE)).metadata["updated_at"]
    await store.delete_thread_item("thr_1", "msg_1", ALICE)
    after_both = (await store.load_thread("thr_1", ALICE)).metadata["updated_at"]

    assert (after_one, after_both) == (utc(at(10)), utc(at(0)))


async def test_updated_at_is_never_saved_with_the_thread(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_1", seconds=0), ALICE)
    loaded = await store.load_thread("thr_1", ALICE)
    loaded.title = "Renamed"
    loaded.metadata["model"] = "kept"

    await store.save_thread(loaded, ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_1", "later", seconds=90), ALICE)

    connection = sqlite3.connect(store.path)
    (data,) = connection.execute("SELECT data FROM threads WHERE id = 'thr_1'").fetchone()
    connection.close()
    assert json.loads(data)["metadata"] == {"model": "kept"}
    reloaded = await store.load_thread("thr_1", ALICE)
    assert reloaded.title == "Renamed"
    assert reloaded.metadata == {"model": "kept", "updated_at": utc(at(90))}


async def save_threads_active_out_of_creation_order(store: SQLiteStore) -> list[str]:
    """Eight threads, some answered later (and two at the same moment): their ids by last
    activity, oldest first."""
    activity: dict[str, float] = {}
    for index in range(8):
        thread_id = f"thr_{index}"
        await store.save_thread(thread(thread_id, seconds=index), ALICE)
        activity[thread_id] = index
    for thread_id, seconds in [("thr_1", 100), ("thr_5", 40), ("thr_2", 100), ("thr_0", 6.5)]:
        item = assistant_message(f"msg_{thread_id}", "reply", thread_id=thread_id, seconds=seconds)
        await store.add_thread_item(thread_id, item, ALICE)
        activity[thread_id] = seconds
    # Equal times keep the order of creation (seq): thr_1 before thr_2.
    return sorted(activity, key=lambda thread_id: activity[thread_id])


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize("limit", [1, 3, 8])
async def test_paging_in_activity_order_visits_every_thread_once(
    store: SQLiteStore, order: str, limit: int
) -> None:
    by_activity = await save_threads_active_out_of_creation_order(store)

    pages = await all_pages(store, limit, order)

    visited = [t.id for page in pages for t in page.data]
    assert visited == (by_activity if order == "asc" else by_activity[::-1])
    assert [t.id for t in (await store.load_threads(10, "thr_5", order, ALICE)).data] == (
        visited[visited.index("thr_5") + 1 :]
    )


async def test_a_thread_answered_while_paging_is_on_the_next_first_page(
    store: SQLiteStore,
) -> None:
    ids = await save_threads(store, 6)
    first = await store.load_threads(2, None, "desc", ALICE)

    await store.add_thread_item(
        "thr_0", assistant_message("msg_late", "late", thread_id="thr_0", seconds=600), ALICE
    )
    rest = [t.id for page in await pages_after(store, first.after, 2) for t in page.data]

    assert [t.id for t in first.data] == ["thr_5", "thr_4"]
    # After the cursor, in the new order: nothing shown again, nothing skipped.
    assert rest == ["thr_3", "thr_2", "thr_1"]
    refreshed = await store.load_threads(2, None, "desc", ALICE)
    assert [t.id for t in refreshed.data] == ["thr_0", ids[-1]]


async def pages_after(
    store: SQLiteStore, after: str | None, limit: int
) -> list[Page[ThreadMetadata]]:
    pages = [await store.load_threads(limit, after, "desc", ALICE)]
    while pages[-1].has_more:
        pages.append(await store.load_threads(limit, pages[-1].after, "desc", ALICE))
    return pages
