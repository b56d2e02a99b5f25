"""One user never sees, changes or deletes another's threads, items, attachments or hits."""

import pytest
from chatkit.store import NotFoundError
from chatkit.types import FileAttachment

from server.store import SQLiteStore
from tests.server.store.builders import ALICE, BOB, assistant_message, thread


@pytest.fixture
async def alice_data(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_1", title="Alice's"), ALICE)
    await store.add_thread_item("thr_1", assistant_message("msg_1", "alice secret pelican"), ALICE)
    await store.save_attachment(
        FileAttachment(id="atc_1", name="alice.pdf", mime_type="application/pdf"), ALICE
    )


@pytest.mark.usefixtures("alice_data")
async def test_another_users_data_is_not_found(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError):
        await store.load_thread("thr_1", BOB)
    with pytest.raises(NotFoundError):
        await store.load_thread_items("thr_1", None, 10, "asc", BOB)
    with pytest.raises(NotFoundError):
        await store.load_item("thr_1", "msg_1", BOB)
    with pytest.raises(NotFoundError):
        await store.load_attachment("atc_1", BOB)
    assert (await store.load_threads(10, None, "desc", BOB)).data == []
    assert await store.search("pelican", BOB) == []


@pytest.mark.usefixtures("alice_data")
async def test_another_user_cannot_add_to_or_delete_from_a_thread(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError):
        await store.add_thread_item("thr_1", assistant_message("msg_1", "bob overwrite"), BOB)
    with pytest.raises(NotFoundError):
        await store.save_item("thr_1", assistant_message("msg_2", "bob insert"), BOB)
    await store.delete_thread_item("thr_1", "msg_1", BOB)
    await store.delete_thread("thr_1", BOB)
    await store.delete_attachment("atc_1", BOB)

    page = await store.load_thread_items("thr_1", None, 10, "asc", ALICE)
    assert [item.id for item in page.data] == ["msg_1"]
    assert page.data[0] == assistant_message("msg_1", "alice secret pelican")
    assert (await store.load_attachment("atc_1", ALICE)).name == "alice.pdf"


@pytest.mark.usefixtures("alice_data")
async def test_the_same_ids_for_another_user_are_separate_rows(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_1", title="Bob's"), BOB)
    await store.add_thread_item("thr_1", assistant_message("msg_1", "bob pelican too"), BOB)
    await store.save_attachment(
        FileAttachment(id="atc_1", name="bob.pdf", mime_type="application/pdf"), BOB
    )

    assert (await store.load_thread("thr_1", ALICE)).title == "Alice's"
    assert (await store.load_thread("thr_1", BOB)).title == "Bob's"
    assert await store.load_item("thr_1", "msg_1", ALICE) == assistant_message(
        "msg_1", "alice secret pelican"
    )
    assert (await store.load_attachment("atc_1", ALICE)).name == "alice.pdf"
    assert [hit.thread_title for hit in await store.search("pelican", ALICE)] == ["Alice's"]
    assert [hit.thread_title for hit in await store.search("pelican", BOB)] == ["Bob's"]

    await store.delete_thread("thr_1", BOB)

    assert (await store.load_thread("thr_1", ALICE)).title == "Alice's"
    assert len(await store.search("pelican", ALICE)) == 1
