"""``POST /api/hosted/sync`` through the real server, against the fake's hosted ChatKit: the
threads of this installation's user are copied into the store, read-only and marked as hosted;
later syncs fetch only what changed; a thread gone at OpenAI is marked, not removed."""

import json
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from server.hosted.mirrored_ids import MIRRORED_IDS_FILE
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.running_server import RunningServer, running_server, user_input

WORKFLOW = "wf_68df4b13a2c08190b0e1bb12e5d0a1c5"
ME = "user_" + "ab" * 16


def configure(server: RunningServer) -> None:
    with server.client() as client:
        response = client.patch(
            "/api/settings",
            json={"agent": "workflow", "workflow_id": WORKFLOW, "hosted_user_id": ME},
        )
    assert response.status_code == 200, response.text


def sync(server: RunningServer, body: object = None) -> tuple[int, Any]:
    with server.client() as client:
        response = client.post("/api/hosted/sync", json=body)
    return response.status_code, response.json()


def threads(server: RunningServer) -> list[dict[str, Any]]:
    listed = server.request({"type": "threads.list", "params": {"limit": 50, "order": "asc"}})
    return list(listed["data"])


def item_texts(server: RunningServer, thread_id: str) -> list[str]:
    page = server.request(
        {"type": "items.list", "params": {"thread_id": thread_id, "limit": 50, "order": "asc"}}
    )
    return [part["text"] for item in page["data"] for part in item["content"]]


@pytest.fixture
def hosted(fake_openai_env: FakeOpenAIServer) -> FakeOpenAIServer:
    fake_openai_env.chatkit.add_workflow(WORKFLOW)
    return fake_openai_env


def test_the_users_hosted_threads_are_copied_read_only(
    tmp_path: Path, hosted: FakeOpenAIServer
) -> None:
    chatkit = hosted.chatkit
    first = chatkit.add_thread(ME, title="Planning the garden")
    chatkit.add_message(first, "user", "Which tomatoes grow in shade?")
    chatkit.add_message(first, "assistant", "Cherry tomatoes tolerate partial shade.")
    second = chatkit.add_thread(ME, title=None)
    chatkit.add_message(second, "user", "hello")
    chatkit.add_thread("user_" + "cd" * 16, title="Someone else's")

    with running_server(tmp_path) as server:
        configure(server)
        status, report = sync(server)
        listed = threads(server)
        texts = item_texts(server, first)
        with server.client() as client:
            hits = client.get("/api/search", params={"q": "tomatoes shade"}).json()["results"]
            exported = client.get("/api/export", params={"format": "json"}).json()
            markdown = client.get("/api/export", params={"format": "md"}).text

    assert status == 200, report
    assert report == {
        "threads_added": 2,
        "threads_updated": 0,
        "items_added": 3,
        "threads_marked_deleted": 0,
    }
    by_id = {thread["id"]: thread for thread in listed}
    assert set(by_id) == {first, second}
    assert by_id[first]["title"] == "Planning the garden"
    assert by_id[first]["status"]["type"] == "locked"
    assert by_id[first]["metadata"]["hosted"] == {"deleted": False}
    assert texts == ["Which tomatoes grow in shade?", "Cherry tomatoes tolerate partial shade."]
    assert {hit["thread_id"] for hit in hits} == {first}
    assert [entry["thread"]["hosted"] for entry in exported["threads"]] == [
        {"deleted": False},
        {"deleted": False},
    ]
    assert markdown.count("· hosted by an Agent Builder workflow") == 2


def test_a_second_sync_fetches_only_what_changed(tmp_path: Path, hosted: FakeOpenAIServer) -> None:
    chatkit = hosted.chatkit
    changed = chatkit.add_thread(ME, title="changing")
    last = chatkit.add_message(changed, "user", "first question")
    quiet = chatkit.add_thread(ME, title="quiet")
    quiet_last = chatkit.add_message(quiet, "user", "nothing new here")

    with running_server(tmp_path) as server:
        configure(server)
        sync(server)
        chatkit.calls.clear()
        answer = chatkit.add_message(changed, "assistant", "first answer")
        chatkit.rename_thread(changed, "changed")
        _, after_answer = sync(server, {"thread_id": changed})
        calls_after_answer = list(chatkit.calls)
        chatkit.calls.clear()
        _, full_pass = sync(server)
        full_pass_calls = list(chatkit.calls)
        texts = item_texts(server, changed)
        titles = [thread["title"] for thread in threads(server)]

    assert after_answer == {
        "threads_added": 0,
        "threads_updated": 1,
        "items_added": 1,
        "threads_marked_deleted": 0,
    }
    # The list, then the one thread's items after the last one copied; the quiet one untouched.
    assert [(call.path, call.query.get("after")) for call in calls_after_answer] == [
        ("/v1/chatkit/threads", None),
        (f"/v1/chatkit/threads/{changed}/items", last),
    ]
    assert full_pass["items_added"] == 0 and full_pass["threads_updated"] == 0
    item_calls = {
        call.path: call.query.get("after") for call in full_pass_calls if "items" in call.path
    }
    assert item_calls[f"/v1/chatkit/threads/{quiet}/items"] == quiet_last
    assert item_calls[f"/v1/chatkit/threads/{changed}/items"] == answer
    assert texts == ["first question", "first answer"]
    assert sorted(titles) == ["changed", "quiet"]


def test_items_not_copied_when_a_write_fails_are_fetched_next_time(
    tmp_path: Path, hosted: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    chatkit = hosted.chatkit
    thread_id = chatkit.add_thread(ME, title="interrupted")
    for text in ("one", "two", "three"):
        chatkit.add_message(thread_id, "user", text)

    with running_server(tmp_path) as server:
        configure(server)
        store = server.local.store
        add_thread_item = store.add_thread_item
        failures = [sqlite3.OperationalError("disk I/O error")]

        async def failing_once(thread_id: str, item: Any, context: Any) -> None:
            if item.content[0].text == "two" and failures:
                raise failures.pop()
            await add_thread_item(thread_id, item, context)

        monkeypatch.setattr(store, "add_thread_item", failing_once)
        with server.client() as client:
            failed = client.post("/api/hosted/sync", json={"thread_id": thread_id}).status_code
        chatkit.calls.clear()
        status, report = sync(server, {"thread_id": thread_id})
        texts = item_texts(server, thread_id)

    assert failed == 500 and not failures
    assert status == 200, report
    # The mark still names no copied item, so the next sync asks for them all again.
    assert [call.query.get("after") for call in chatkit.calls_to("/items")] == [None]
    assert texts == ["one", "two", "three"]


def test_an_item_that_cannot_be_read_is_skipped(
    tmp_path: Path, hosted: FakeOpenAIServer, caplog: pytest.LogCaptureFixture
) -> None:
    chatkit = hosted.chatkit
    thread_id = chatkit.add_thread(ME, title="with an odd item")
    chatkit.add_message(thread_id, "user", "before")
    odd = chatkit.add_unreadable_item(thread_id, "quoted words")
    chatkit.add_message(thread_id, "assistant", "after")
    caplog.set_level(logging.WARNING, logger="server.hosted.mirror")

    with running_server(tmp_path) as server:
        configure(server)
        status, report = sync(server)
        texts = item_texts(server, thread_id)

    assert status == 200, report
    assert report["items_added"] == 2
    assert texts == ["before", "after"]
    assert any(odd in record.getMessage() for record in caplog.records)
    assert "quoted words" not in caplog.text


def test_a_sync_looks_up_only_mirrored_threads(
    tmp_path: Path, hosted: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    chatkit = hosted.chatkit
    answered = chatkit.add_thread(ME, title="answered")
    gone = chatkit.add_thread(ME, title="soon gone")

    with running_server(tmp_path) as server:
        local_id = server.stream(
            {"type": "threads.create", "params": {"input": user_input("a local question")}}
        )[0]["thread"]["id"]
        configure(server)
        sync(server)
        local_before = [thread for thread in threads(server) if thread["id"] == local_id]
        chatkit.remove_thread(gone)
        chatkit.add_message(answered, "assistant", "an answer")

        store = server.local.store
        looked_up: list[str] = []
        load_thread = store.load_thread

        async def recording_load_thread(thread_id: str, context: Any) -> Any:
            looked_up.append(thread_id)
            return await load_thread(thread_id, context)

        async def no_scan(*args: Any) -> Any:
            raise AssertionError("a sync read through every local thread")

        monkeypatch.setattr(store, "load_thread", recording_load_thread)
        monkeypatch.setattr(store, "load_threads", no_scan)
        status, report = sync(server, {"thread_id": answered})
        monkeypatch.undo()
        local_after = [thread for thread in threads(server) if thread["id"] == local_id]

    assert status == 200, report
    assert report["threads_marked_deleted"] == 1 and report["items_added"] == 1
    assert set(looked_up) == {answered, gone}
    assert local_after == local_before and len(local_after) == 1
    assert "hosted" not in local_after[0]["metadata"]


def test_a_thread_deleted_here_during_a_sync_stays_deleted(
    tmp_path: Path, hosted: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    chatkit = hosted.chatkit
    thread_id = chatkit.add_thread(ME, title="old title")
    chatkit.add_message(thread_id, "user", "hi")

    with running_server(tmp_path) as server:
        configure(server)
        sync(server)
        chatkit.rename_thread(thread_id, "new title")
        chatkit.add_message(thread_id, "assistant", "hello")
        store = server.local.store
        load_thread = store.load_thread

        async def deleted_by_the_user_once_read(wanted: str, context: Any) -> Any:
            # The user deletes the thread right after the sync first read it.
            thread = await load_thread(wanted, context)
            monkeypatch.setattr(store, "load_thread", load_thread)
            await store.delete_thread(wanted, context)
            return thread

        monkeypatch.setattr(store, "load_thread", deleted_by_the_user_once_read)
        status, report = sync(server, {"thread_id": thread_id})
        listed = threads(server)

    assert status == 200, report
    assert listed == []


def test_a_sync_that_changes_nothing_leaves_the_record_of_mirrored_ids_alone(
    tmp_path: Path, hosted: FakeOpenAIServer
) -> None:
    thread_id = hosted.chatkit.add_thread(ME, title="already here")
    with running_server(tmp_path) as server:
        configure(server)
        sync(server)
        record = server.local.settings_file.path.parent / MIRRORED_IDS_FILE
        # The same ids in another layout: a rewrite would put back the mirror's own.
        record.write_text(json.dumps([thread_id]), encoding="utf-8")
        status, _ = sync(server)
        after_nothing_new = record.read_text(encoding="utf-8")
        added = hosted.chatkit.add_thread(ME, title="new")
        sync(server)
        after_new = json.loads(record.read_text(encoding="utf-8"))

    assert status == 200
    assert after_nothing_new == json.dumps([thread_id])
    assert after_new == sorted([thread_id, added])


def test_a_thread_deleted_at_openai_is_marked_until_the_user_deletes_it(
    tmp_path: Path, hosted: FakeOpenAIServer
) -> None:
    chatkit = hosted.chatkit
    gone = chatkit.add_thread(ME, title="soon gone")
    chatkit.add_message(gone, "user", "keep me offline")

    with running_server(tmp_path) as server:
        configure(server)
        sync(server)
        chatkit.remove_thread(gone)
        _, report = sync(server)
        kept = threads(server)
        texts = item_texts(server, gone)
        deleted = server.post({"type": "threads.delete", "params": {"thread_id": gone}})
        after_delete = threads(server)

    assert report["threads_marked_deleted"] == 1
    assert [thread["id"] for thread in kept] == [gone]
    assert kept[0]["metadata"]["hosted"]["deleted"] is True
    assert texts == ["keep me offline"]
    assert deleted.status_code == 200
    assert after_delete == []


def test_a_thread_deleted_here_is_not_copied_back(tmp_path: Path, hosted: FakeOpenAIServer) -> None:
    chatkit = hosted.chatkit
    unwanted = chatkit.add_thread(ME, title="not wanted here")
    chatkit.add_message(unwanted, "user", "delete me locally")
    with running_server(tmp_path) as server:
        configure(server)
        sync(server)
        server.post({"type": "threads.delete", "params": {"thread_id": unwanted}})
        kept = chatkit.add_thread(ME, title="new at OpenAI")
        _, report = sync(server)
        listed = threads(server)

    assert [thread["id"] for thread in listed] == [kept]
    assert report["threads_added"] == 1


@pytest.mark.parametrize(
    ("request_type", "params"),
    [
        ("threads.add_user_message", {"input": user_input("continue here")}),
        ("threads.update", {"title": "renamed"}),
    ],
)
def test_a_mirrored_thread_cannot_be_changed_here(
    tmp_path: Path, hosted: FakeOpenAIServer, request_type: str, params: dict[str, Any]
) -> None:
    thread_id = hosted.chatkit.add_thread(ME, title="hosted")
    hosted.chatkit.add_message(thread_id, "user", "hi")
    with running_server(tmp_path) as server:
        configure(server)
        sync(server)
        response = server.post({"type": request_type, "params": {"thread_id": thread_id, **params}})
        texts = item_texts(server, thread_id)

    assert response.status_code == 409
    assert "can be read here but not continued" in response.json()["error"]["message"]
    assert texts == ["hi"]
    assert hosted.requests.model_calls() == []


def test_sync_failures_are_said_in_words(tmp_path: Path, hosted: FakeOpenAIServer) -> None:
    with running_server(tmp_path) as server:
        local = sync(server)
        configure(server)
        bad = sync(server, {"thread_id": 12})
        with server.client(headers={"Authorization": ""}) as client:
            unauthorised = client.post("/api/hosted/sync").status_code
        hosted.require_api_key("sk-another-key")
        rejected = sync(server)

    assert local[0] == 409 and "not a workflow" in local[1]["error"]["message"]
    assert bad[0] == 400 and "thread_id" in bad[1]["error"]["message"]
    assert unauthorised == 401
    assert rejected[0] == 403 and "rejected the API key" in rejected[1]["error"]["message"]


def test_the_first_session_mirrors_in_the_background(
    tmp_path: Path, hosted: FakeOpenAIServer
) -> None:
    thread_id = hosted.chatkit.add_thread(ME, title="from before")
    hosted.chatkit.add_message(thread_id, "user", "an older question")
    with running_server(tmp_path) as server:
        configure(server)
        with server.client() as client:
            assert client.post("/api/chatkit/session").status_code == 200
        listed: list[dict[str, Any]] = []
        texts: list[str] = []
        for _ in range(200):
            listed = threads(server)
            texts = item_texts(server, thread_id) if listed else []
            if texts:
                break
            time.sleep(0.05)

    assert [thread["id"] for thread in listed] == [thread_id]
    assert texts == ["an older question"]
