"""A real store on a real file in a fresh temporary folder, for every test."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from chatkit.types import ThreadMetadata

from server.store import SQLiteStore
from tests.server.store.builders import ALICE, thread


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    # A folder that does not exist yet: the store makes it.
    return tmp_path / "store" / "chatkit.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLiteStore]:
    opened: SQLiteStore = SQLiteStore(db_path)
    yield opened
    opened.close()


@pytest.fixture
async def alice_thread(store: SQLiteStore) -> ThreadMetadata:
    saved = thread("thr_1", title="Alice's thread")
    await store.save_thread(saved, ALICE)
    return saved
