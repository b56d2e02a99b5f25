"""``history_requests`` answers ``threads.list``, ``threads.get_by_id`` and ``items.list``
without the Agents SDK, "as ChatKitServer would": here both answer the same requests from the
same real database, so an SDK upgrade that changes its answers is caught."""

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from chatkit.store import NotFoundError

from common.api_key import read_api_key
from common.paths import database_path
from common.shared_context import ActiveWindow, SharedContext
from server.agent.chatkit_server import DesktopChatKitServer
from server.attachments.attachment_store import DesktopAttachmentStore
from server.attachments.files import AttachmentFiles
from server.http.history_requests import answer_history_request
from server.protocol.request_parsing import parse_chatkit_request
from server.settings.settings_file import SettingsFile
from server.store import SQLiteStore
from server.store.request_context import RequestContext
from tests.server.export.history_seed import Conversation, Seeded, assistant, seed_history, user

CONTEXT = RequestContext(user_id="local")


@pytest.fixture
def seeded(tmp_path: Path) -> list[Seeded]:
    shared = SharedContext(ActiveWindow("Notes", "gedit"), "a selection")
    return seed_history(
        tmp_path,
        [
            Conversation(f"Thread {n}", [user(f"question {n}", shared), assistant(f"answer {n}")])
            for n in range(1, 8)
        ]
        + [Conversation("Long", [user(f"line {n}") for n in range(45)])],
    )


@pytest.fixture
async def store(tmp_path: Path, seeded: list[Seeded]) -> AsyncIterator[SQLiteStore]:
    opened = SQLiteStore(database_path(tmp_path))
    yield opened
    opened.close()


def requests_to_compare(seeded: list[Seeded]) -> list[dict[str, Any]]:
    first, long = seeded[0], seeded[-1]
    return [
        {"type": "threads.list", "params": {}},
        {"type": "threads.list", "params": {"limit": 3, "order": "asc"}},
        {"type": "threads.list", "params": {"limit": 3, "order": "desc", "after": first.thread_id}},
        {"type": "threads.get_by_id", "params": {"thread_id": first.thread_id}},
        {"type": "threads.get_by_id", "params": {"thread_id": long.thread_id}},
        {"type": "items.list", "params": {"thread_id": first.thread_id}},
        {"type": "items.list", "params": {"thread_id": long.thread_id, "limit": 10}},
        {
            "type": "items.list",
            "params": {
                "thread_id": long.thread_id,
                "limit": 7,
                "order": "desc",
                "after": long.item_ids[20],
            },
        },
    ]


async def test_the_history_answers_are_the_sdks(
    store: SQLiteStore, seeded: list[Seeded], tmp_path: Path
) -> None:
    settings_file = SettingsFile(tmp_path)
    attachments = DesktopAttachmentStore(
        store, AttachmentFiles(tmp_path), settings_file, "http://127.0.0.1:1", clock=time.time
    )
    sdk = DesktopChatKitServer(store, settings_file, read_api_key, attachments)
    for request in requests_to_compare(seeded):
        parsed = parse_chatkit_request(json.dumps(request).encode())
        ours = json.loads(await answer_history_request(parsed, store, CONTEXT))
        theirs = json.loads((await sdk.process_parsed(parsed, CONTEXT)).json)
        assert without_updated_at(request["type"], ours) == theirs, request


def without_updated_at(request_type: str, answer: dict[str, Any]) -> dict[str, Any]:
    """Our answer less the one thing it adds to the SDK's: each thread's ``updated_at``, the
    only metadata it lets through."""
    threads = {"threads.list": answer.get("data"), "threads.get_by_id": [answer]}.get(request_type)
    for thread in threads or []:
        assert list(thread["metadata"]) == ["updated_at"]
        thread["metadata"] = {}
    return answer


@pytest.mark.parametrize("after", ["another thread's item", "a missing item"])
async def test_a_page_cannot_start_after_an_item_not_in_its_thread(
    store: SQLiteStore, seeded: list[Seeded], after: str
) -> None:
    first, second = seeded[0], seeded[1]
    request = {
        "type": "items.list",
        "params": {
            "thread_id": first.thread_id,
            "after": second.item_ids[0] if after == "another thread's item" else "msg_missing",
        },
    }
    parsed = parse_chatkit_request(json.dumps(request).encode())
    with pytest.raises(NotFoundError):
        await answer_history_request(parsed, store, CONTEXT)
