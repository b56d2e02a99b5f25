import re

import pytest
from chatkit.store import StoreItemType

from server.store import SQLiteStore
from server.store.ids import new_id
from tests.server.store.builders import ALICE, thread


@pytest.mark.parametrize(
    ("kind", "prefix"),
    [
        ("thread", "thr"),
        ("message", "msg"),
        ("tool_call", "tc"),
        ("task", "tsk"),
        ("workflow", "wf"),
        ("attachment", "atc"),
        ("sdk_hidden_context", "shcx"),
    ],
)
def test_ids_carry_the_sdks_prefixes(kind: StoreItemType, prefix: str) -> None:
    assert re.fullmatch(rf"{prefix}_[0-9a-f]{{32}}", new_id(kind))


def test_a_million_ids_do_not_collide() -> None:
    count = 1_000_000

    assert len({new_id("message") for _ in range(count)}) == count


def test_the_store_generates_its_own_ids(store: SQLiteStore) -> None:
    thread_id = store.generate_thread_id(ALICE)
    item_id = store.generate_item_id("workflow", thread(), ALICE)

    assert re.fullmatch(r"thr_[0-9a-f]{32}", thread_id)
    assert re.fullmatch(r"wf_[0-9a-f]{32}", item_id)
