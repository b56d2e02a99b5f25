"""A message naming an attachment it cannot carry is a 400 before anything is saved: not a
200 whose stream dies, not a message stored with nothing behind it."""

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.server.attachments.uploading import LOCAL, created, uploaded
from tests.server.running_server import RunningServer, running_server, user_input


@pytest.fixture
def served(tmp_path: Path) -> Iterator[RunningServer]:
    with running_server(tmp_path / "data") as server:
        yield server


def message(*attachment_ids: str) -> dict[str, Any]:
    return {**user_input("look at this"), "attachments": list(attachment_ids)}


def new_thread(served: RunningServer, *attachment_ids: str) -> str:
    events = served.stream(
        {"type": "threads.create", "params": {"input": message(*attachment_ids)}}
    )
    return str(events[0]["thread"]["id"])


def thread_count(served: RunningServer) -> int:
    return asyncio.run(served.local.store.count_threads(LOCAL))


def item_count(served: RunningServer, thread_id: str) -> int:
    page = asyncio.run(served.local.store.load_thread_items(thread_id, None, 100, "asc", LOCAL))
    return len(page.data)


def refused_everywhere(served: RunningServer, attachment_id: str, expected: str) -> None:
    thread_id = new_thread(served)
    threads, items = thread_count(served), item_count(served, thread_id)

    for body in (
        {"type": "threads.create", "params": {"input": message(attachment_id)}},
        {
            "type": "threads.add_user_message",
            "params": {"thread_id": thread_id, "input": message(attachment_id)},
        },
    ):
        response = served.post(body)
        assert response.status_code == 400, response.text
        assert expected in response.json()["error"]["message"]

    assert thread_count(served) == threads
    assert item_count(served, thread_id) == items


@pytest.mark.parametrize("attachment_id", ["atc_doesnotexist", "../../etc/passwd", "x" * 5000])
def test_an_unknown_attachment_is_refused(served: RunningServer, attachment_id: str) -> None:
    refused_everywhere(served, attachment_id, "never created")


def test_an_attachment_not_uploaded_yet_is_refused(served: RunningServer) -> None:
    attachment = created(served, "a.txt", b"abc", "text/plain")
    refused_everywhere(served, attachment["id"], "not been uploaded")


def test_another_threads_attachment_is_refused(served: RunningServer) -> None:
    attachment = uploaded(served, "a.txt", b"abc", "text/plain")
    new_thread(served, attachment["id"])
    refused_everywhere(served, attachment["id"], "another conversation")


def test_an_attachment_may_be_named_again_in_its_own_thread(served: RunningServer) -> None:
    attachment = uploaded(served, "a.txt", b"abc", "text/plain")
    thread_id = new_thread(served, attachment["id"])

    served.stream(
        {
            "type": "threads.add_user_message",
            "params": {"thread_id": thread_id, "input": message(attachment["id"])},
        }
    )
