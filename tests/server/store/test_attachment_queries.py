import pytest
from chatkit.store import NotFoundError
from chatkit.types import FileAttachment, ImageAttachment
from pydantic import AnyUrl

from server.store import SQLiteStore
from tests.server.store.builders import ALICE


def file_attachment(name: str = "report.pdf") -> FileAttachment:
    return FileAttachment(
        id="atc_1", name=name, mime_type="application/pdf", metadata={"path": "/x", "n": None}
    )


async def test_attachments_load_back_equal(store: SQLiteStore) -> None:
    image = ImageAttachment(
        id="atc_2",
        name="cat.png",
        mime_type="image/png",
        preview_url=AnyUrl("data:image/png;base64,AAAA"),
        thread_id="thr_1",
    )
    await store.save_attachment(file_attachment(), ALICE)
    await store.save_attachment(image, ALICE)

    assert await store.load_attachment("atc_1", ALICE) == file_attachment()
    assert await store.load_attachment("atc_2", ALICE) == image


async def test_saving_an_attachment_again_replaces_it(store: SQLiteStore) -> None:
    await store.save_attachment(file_attachment("draft.pdf"), ALICE)

    await store.save_attachment(file_attachment("final.pdf"), ALICE)

    assert (await store.load_attachment("atc_1", ALICE)).name == "final.pdf"


async def test_a_missing_attachment_is_not_found(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError):
        await store.load_attachment("atc_missing", ALICE)


async def test_deleting_an_attachment_removes_it_and_deleting_again_does_nothing(
    store: SQLiteStore,
) -> None:
    await store.save_attachment(file_attachment(), ALICE)

    await store.delete_attachment("atc_1", ALICE)
    await store.delete_attachment("atc_1", ALICE)

    with pytest.raises(NotFoundError):
        await store.load_attachment("atc_1", ALICE)
