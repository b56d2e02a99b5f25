"""Run as ``python -m tests.server.store.crash_writer DB``: writes items through SQLiteStore
without end, printing the id of each one once ``add_thread_item`` has returned, until killed."""

import asyncio
import sys
from itertools import count
from pathlib import Path

from server.store import SQLiteStore
from tests.server.store.builders import ALICE, assistant_message, thread


async def write_forever(path: Path) -> None:
    store: SQLiteStore = SQLiteStore(path)
    await store.save_thread(thread("thr_crash"), ALICE)
    for number in count():
        item_id = f"msg_{number}"
        text = f"acknowledged item {number} " + "padding words " * (number % 50)
        await store.add_thread_item(
            "thr_crash", assistant_message(item_id, text, thread_id="thr_crash"), ALICE
        )
        print(item_id, flush=True)


if __name__ == "__main__":
    asyncio.run(write_forever(Path(sys.argv[1])))
