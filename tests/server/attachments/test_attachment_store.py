"""Two-phase uploads through the real server: attachments.create, the upload as the
descriptor names it, the record, deletes and the clean-up of unsent uploads."""

import asyncio
import hashlib
import io
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from chatkit.store import NotFoundError
from chatkit.types import ImageAttachment

from tests.server.attachments.uploading import (
    LOCAL,
    PDF,
    created,
    files_in,
    png,
    record,
    stored_file,
    upload,
    uploaded,
)
from tests.server.running_server import RunningServer, running_server, user_input


@pytest.fixture
def served(tmp_path: Path) -> Iterator[RunningServer]:
    with running_server(tmp_path / "data") as server:
        yield server


def send(served: RunningServer, attachment_ids: list[str], thread_id: str | None = None) -> str:
    """A message with the attachments; with no API key the answer fails, but the message (and
    with it the attachments' thread) is saved first."""
    message = {**user_input("about these"), "attachments": attachment_ids}
    if thread_id is None:
        body = {"type": "threads.create", "params": {"input": message}}
    else:
        body = {
            "type": "threads.add_user_message",
            "params": {"thread_id": thread_id, "input": message},
        }
    events = served.stream(body)
    return str(events[0]["thread"]["id"]) if thread_id is None else thread_id


def preview_of(served: RunningServer, attachment_id: str) -> str:
    stored = record(served, attachment_id)
    assert isinstance(stored, ImageAttachment)
    return str(stored.preview_url)


def test_an_upload_without_the_bearer_header_is_stored_and_recorded(
    served: RunningServer,
) -> None:
    data = "une note, en UTF-8 ✓\n".encode() * 100
    attachment = created(served, "note.txt", data, "text/plain")
    descriptor = attachment["upload_descriptor"]
    assert descriptor["url"].startswith(f"{served.url}/api/uploads/")
    assert "metadata" not in attachment
    assert re.fullmatch(r"atc_[0-9a-f]{32}", attachment["id"])

    response = upload(attachment, data)

    assert response.status_code == 200, response.text
    stored = record(served, attachment["id"])
    assert stored.metadata is not None
    assert stored.metadata["uploaded"] is True
    assert stored.metadata["sha256"] == hashlib.sha256(data).hexdigest()
    assert stored.metadata["size"] == len(data)
    assert stored.mime_type == "text/plain"
    assert stored.upload_descriptor is None
    assert stored.thread_id is None
    assert stored_file(served, attachment["id"]).read_bytes() == data
    assert served.local.attachments.files.read_bytes(attachment["id"]) == data


def test_sending_records_the_thread(served: RunningServer) -> None:
    attachment = uploaded(served, "doc.pdf", PDF, "application/pdf")

    thread_id = send(served, [attachment["id"]])

    assert record(served, attachment["id"]).thread_id == thread_id
    got = served.request({"type": "threads.get_by_id", "params": {"thread_id": thread_id}})
    message = got["items"]["data"][0]
    assert [a["id"] for a in message["attachments"]] == [attachment["id"]]


def test_an_image_preview_is_a_small_data_url_that_survives_a_restart(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    big, small = png(900, 700, noisy=True), png()
    with running_server(data_dir) as served:
        big_one = uploaded(served, "shot.png", big, "image/png")
        small_one = uploaded(served, "dot.png", small, "image/png")
        thread_id = send(served, [big_one["id"], small_one["id"]])
        before = {a["id"]: preview_of(served, a["id"]) for a in (big_one, small_one)}

    assert len(big) > 64 * 1024
    assert before[big_one["id"]].startswith("data:image/jpeg;base64,")
    assert len(before[big_one["id"]]) <= 64 * 1024
    assert before[small_one["id"]].startswith("data:image/png;base64,")
    with running_server(data_dir) as served:
        got = served.request({"type": "threads.get_by_id", "params": {"thread_id": thread_id}})
    previews = {a["id"]: a["preview_url"] for a in got["items"]["data"][0]["attachments"]}
    assert previews == before


def test_attachments_delete_removes_the_file_and_the_record(served: RunningServer) -> None:
    attachment = uploaded(served, "a.txt", b"hello", "text/plain")

    served.request({"type": "attachments.delete", "params": {"attachment_id": attachment["id"]}})

    assert not stored_file(served, attachment["id"]).exists()
    with pytest.raises(Exception, match="not found"):
        record(served, attachment["id"])


def test_deleting_a_thread_removes_its_attachments(served: RunningServer) -> None:
    kept = uploaded(served, "kept.txt", b"kept", "text/plain")
    gone = [
        uploaded(served, "one.txt", b"one", "text/plain"),
        uploaded(served, "two.png", png(), "image/png"),
    ]
    thread_id = send(served, [a["id"] for a in gone])
    send(served, [kept["id"]])

    served.request({"type": "threads.delete", "params": {"thread_id": thread_id}})

    assert files_in(served.local.data_dir) == [kept["id"]]
    for attachment in gone:
        with pytest.raises(Exception, match="not found"):
            record(served, attachment["id"])


def test_unsent_uploads_older_than_a_day_are_removed_at_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with running_server(data_dir) as served:
        served.local.attachments.clock = lambda: time.time() - 25 * 3600
        old_unsent = uploaded(served, "old.txt", b"old", "text/plain")
        old_sent = uploaded(served, "sent.txt", b"sent", "text/plain")
        served.local.attachments.clock = time.time
        fresh_unsent = uploaded(served, "fresh.txt", b"fresh", "text/plain")
        send(served, [old_sent["id"]])
    folder = data_dir / "attachments"
    (folder / "atc_nobodys").write_bytes(b"a file no record names")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(folder / "atc_nobodys", (two_hours_ago, two_hours_ago))
    (folder / ".upload-cut-short").write_bytes(b"half")

    with running_server(data_dir) as served:
        expected = sorted([old_sent["id"], fresh_unsent["id"]])
        for _ in range(100):
            if files_in(data_dir) == expected:
                break
            time.sleep(0.05)
        assert files_in(data_dir) == expected
        with pytest.raises(Exception, match="not found"):
            record(served, old_unsent["id"])
        assert record(served, fresh_unsent["id"]).id == fresh_unsent["id"]


def test_the_hourly_clean_up_removes_what_turned_a_day_old(served: RunningServer) -> None:
    attachment = uploaded(served, "a.txt", b"a", "text/plain")
    served.local.attachments.clock = lambda: time.time() + 24 * 3600 + 1

    asyncio.run(served.local.attachments.remove_unsent())

    assert files_in(served.local.data_dir) == []
    with pytest.raises(Exception, match="not found"):
        asyncio.run(served.local.store.load_attachment(attachment["id"], LOCAL))


def test_an_upload_racing_its_delete_leaves_neither_file_nor_record(
    served: RunningServer,
) -> None:
    attachment = created(served, "a.txt", b"abc", "text/plain")
    token = attachment["upload_descriptor"]["url"].rsplit("/", 1)[1]
    asyncio.run(served.local.store.delete_attachment(attachment["id"], LOCAL))

    with pytest.raises(NotFoundError):
        asyncio.run(served.local.attachments.receive_upload(token, io.BytesIO(b"abc")))

    assert files_in(served.local.data_dir) == []
    with pytest.raises(NotFoundError):
        record(served, attachment["id"])
