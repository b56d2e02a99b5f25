"""The read-only history (``chatkit-desktop export``) lists threads as the app does: by last
activity, each with its ``updated_at``, beside a store that has the file open."""

from pathlib import Path

from server.store import SQLiteStore
from server.store.read_only_history import ReadOnlyHistory
from server.store.request_context import RequestContext
from tests.server.store.builders import assistant_message, thread

CONTEXT = RequestContext(user_id="local")


async def test_threads_are_read_in_the_apps_order_of_last_activity(
    store: SQLiteStore, db_path: Path
) -> None:
    for index in range(4):
        await store.save_thread(thread(f"thr_{index}", seconds=index), CONTEXT)
    answer = assistant_message("msg_1", "later", thread_id="thr_1", seconds=60)
    await store.add_thread_item("thr_1", answer, CONTEXT)
    in_the_app = await store.load_threads(10, None, "desc", CONTEXT)

    with ReadOnlyHistory(db_path) as history:
        first = await history.load_threads(2, None, "desc", CONTEXT)
        rest = await history.load_threads(2, first.after, "desc", CONTEXT)
        one = await history.load_thread("thr_1", CONTEXT)

    assert [t.id for t in first.data + rest.data] == ["thr_1", "thr_3", "thr_2", "thr_0"]
    assert first.data + rest.data == in_the_app.data
    assert one.metadata["updated_at"] == in_the_app.data[0].metadata["updated_at"]
