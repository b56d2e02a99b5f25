from datetime import datetime

import pytest
from chatkit.store import NotFoundError
from chatkit.types import (
    AssistantMessageItem,
    ClientToolCallItem,
    EndOfTurnItem,
    HiddenContextItem,
    Page,
    SDKHiddenContextItem,
    ThreadItem,
    ThreadMetadata,
    Workflow,
    WorkflowItem,
)

from server.store import SQLiteStore
from tests.server.store.builders import ALICE, assistant_message, at, thread, user_message


async def add_messages(
    store: SQLiteStore, count: int, *, same_time: bool = False, thread_id: str = "thr_1"
) -> list[str]:
    ids = [f"msg_{index}" for index in range(count)]
    for index, item_id in enumerate(ids):
        seconds = 0 if same_time else index
        item = assistant_message(item_id, f"answer {index}", thread_id=thread_id, seconds=seconds)
        await store.add_thread_item(thread_id, item, ALICE)
    return ids


async def all_pages(store: SQLiteStore, limit: int, order: str) -> list[Page[ThreadItem]]:
    pages = [await store.load_thread_items("thr_1", None, limit, order, ALICE)]
    while pages[-1].has_more:
        pages.append(await store.load_thread_items("thr_1", pages[-1].after, limit, order, ALICE))
    return pages


def text_of(item: ThreadItem) -> str:
    assert isinstance(item, AssistantMessageItem)
    return item.content[0].text


def every_kind_of_item() -> list[ThreadItem]:
    return [
        user_message("msg_u", "question", quoted_text="a quote", seconds=1),
        assistant_message("msg_a", "answer", seconds=2),
        ClientToolCallItem(
            id="tc_1",
            thread_id="thr_1",
            created_at=at(3),
            call_id="call_1",
            name="lookup",
            arguments={"query": "x", "none": None},
            output={"rows": [1, None]},
        ),
        WorkflowItem(
            id="wf_1",
            thread_id="thr_1",
            created_at=at(4),
            workflow=Workflow(type="reasoning", tasks=[]),
        ),
        HiddenContextItem(id="hcx_1", thread_id="thr_1", created_at=at(5), content={"k": [1]}),
        SDKHiddenContextItem(id="shcx_1", thread_id="thr_1", created_at=at(6), content="ctx"),
        EndOfTurnItem(id="eot_1", thread_id="thr_1", created_at=datetime(2025, 3, 1, 12, 0, 7)),
    ]


async def test_every_kind_of_item_loads_back_equal(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    items = every_kind_of_item()
    for item in items:
        await store.add_thread_item("thr_1", item, ALICE)

    page = await store.load_thread_items("thr_1", None, 20, "asc", ALICE)

    assert page.data == items
    assert [type(item) for item in page.data] == [type(item) for item in items]
    for item in items:
        assert await store.load_item("thr_1", item.id, ALICE) == item


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize(("count", "limit"), [(7, 3), (6, 3), (3, 3), (1, 20)])
@pytest.mark.parametrize("same_time", [False, True])
async def test_paging_by_cursor_visits_every_item_once_in_order(
    store: SQLiteStore,
    alice_thread: ThreadMetadata,
    order: str,
    count: int,
    limit: int,
    same_time: bool,
) -> None:
    ids = await add_messages(store, count, same_time=same_time)

    pages = await all_pages(store, limit, order)

    visited = [item.id for page in pages for item in page.data]
    assert visited == (ids if order == "asc" else ids[::-1])
    assert all(page.has_more for page in pages[:-1])
    assert not pages[-1].has_more
    assert len(pages) == -(-count // limit)
    assert pages[-1].after == visited[-1]


async def test_equal_timestamps_across_a_page_boundary_keep_insertion_order(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    # Two earlier items, then four at one instant that straddle the boundary of pages of 3.
    await store.add_thread_item("thr_1", assistant_message("msg_a", "a", seconds=1), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_b", "b", seconds=2), ALICE)
    for name in ("msg_c", "msg_d", "msg_e", "msg_f"):
        await store.add_thread_item("thr_1", assistant_message(name, name, seconds=3), ALICE)

    first = await store.load_thread_items("thr_1", None, 3, "asc", ALICE)
    second = await store.load_thread_items("thr_1", first.after, 3, "asc", ALICE)
    newest = await store.load_thread_items("thr_1", None, 3, "desc", ALICE)
    older = await store.load_thread_items("thr_1", newest.after, 3, "desc", ALICE)

    assert [i.id for i in first.data] == ["msg_a", "msg_b", "msg_c"]
    assert [i.id for i in second.data] == ["msg_d", "msg_e", "msg_f"]
    assert [i.id for i in newest.data] == ["msg_f", "msg_e", "msg_d"]
    assert [i.id for i in older.data] == ["msg_c", "msg_b", "msg_a"]


async def test_items_are_ordered_by_created_at_not_by_adding_order(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await store.add_thread_item("thr_1", assistant_message("msg_late", "late", seconds=9), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_early", "early", seconds=1), ALICE)

    page = await store.load_thread_items("thr_1", None, 10, "asc", ALICE)

    assert [i.id for i in page.data] == ["msg_early", "msg_late"]


async def test_an_empty_thread_is_one_empty_page(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    page = await store.load_thread_items("thr_1", None, 20, "desc", ALICE)

    assert page == Page(data=[], has_more=False, after=None)


async def test_items_of_a_missing_thread_are_not_found(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError):
        await store.load_thread_items("thr_missing", None, 20, "asc", ALICE)


async def test_a_cursor_naming_no_item_of_the_thread_is_not_found(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await store.save_thread(thread("thr_2"), ALICE)
    await add_messages(store, 2)
    await store.add_thread_item(
        "thr_2", assistant_message("msg_other", "x", thread_id="thr_2"), ALICE
    )

    with pytest.raises(NotFoundError):
        await store.load_thread_items("thr_1", "msg_unknown", 10, "asc", ALICE)
    with pytest.raises(NotFoundError):
        await store.load_thread_items("thr_1", "msg_other", 10, "asc", ALICE)


@pytest.mark.parametrize("method", ["add_thread_item", "save_item"])
async def test_adding_again_replaces_the_item_without_a_duplicate(
    store: SQLiteStore, alice_thread: ThreadMetadata, method: str
) -> None:
    await add_messages(store, 3, same_time=True)
    upsert = getattr(store, method)

    await upsert("thr_1", assistant_message("msg_1", "rewritten narwhal"), ALICE)

    page = await store.load_thread_items("thr_1", None, 10, "asc", ALICE)
    assert [i.id for i in page.data] == ["msg_0", "msg_1", "msg_2"]
    assert await store.load_item("thr_1", "msg_1", ALICE) == assistant_message(
        "msg_1", "rewritten narwhal"
    )
    assert [hit.item_id for hit in await store.search("narwhal", ALICE)] == ["msg_1"]
    assert await store.search("answer 1", ALICE) == []


async def test_save_item_inserts_an_item_it_has_not_seen(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await store.save_item("thr_1", assistant_message("msg_new", "fresh"), ALICE)

    assert (await store.load_item("thr_1", "msg_new", ALICE)).id == "msg_new"


async def test_an_item_for_a_missing_thread_is_not_found_and_not_stored(
    store: SQLiteStore,
) -> None:
    with pytest.raises(NotFoundError):
        await store.add_thread_item("thr_missing", assistant_message("msg_1", "lost"), ALICE)

    await store.save_thread(thread("thr_missing"), ALICE)
    assert (await store.load_thread_items("thr_missing", None, 10, "asc", ALICE)).data == []


async def test_the_same_item_id_in_another_thread_is_another_item(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await store.save_thread(thread("thr_2"), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_same", "first thread"), ALICE)

    await store.save_item(
        "thr_2", assistant_message("msg_same", "second thread", thread_id="thr_2"), ALICE
    )

    assert text_of(await store.load_item("thr_1", "msg_same", ALICE)) == "first thread"
    assert text_of(await store.load_item("thr_2", "msg_same", ALICE)) == "second thread"


async def test_loading_an_item_names_its_thread(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await store.save_thread(thread("thr_2"), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_1", "x"), ALICE)

    with pytest.raises(NotFoundError):
        await store.load_item("thr_2", "msg_1", ALICE)
    with pytest.raises(NotFoundError):
        await store.load_item("thr_1", "msg_missing", ALICE)
    with pytest.raises(NotFoundError):
        await store.load_item("thr_missing", "msg_1", ALICE)


async def test_deleting_an_item_removes_it_and_its_search_entry(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await store.add_thread_item("thr_1", assistant_message("msg_1", "ephemeral axolotl"), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_2", "durable axolotl"), ALICE)

    await store.delete_thread_item("thr_1", "msg_1", ALICE)

    with pytest.raises(NotFoundError):
        await store.load_item("thr_1", "msg_1", ALICE)
    assert [i.id for i in (await store.load_thread_items("thr_1", None, 9, "asc", ALICE)).data] == [
        "msg_2"
    ]
    assert [hit.item_id for hit in await store.search("axolotl", ALICE)] == ["msg_2"]


async def test_deleting_a_missing_item_does_nothing(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await store.add_thread_item("thr_1", assistant_message("msg_1", "stays"), ALICE)

    await store.delete_thread_item("thr_1", "msg_never_stored", ALICE)
    await store.delete_thread_item("thr_missing", "msg_1", ALICE)

    assert (await store.load_item("thr_1", "msg_1", ALICE)).id == "msg_1"
