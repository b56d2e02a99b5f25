"""``POST /api/hosted/sync`` through the real server, against the fake's hosted ChatKit: the
threads of this installation's user are copied into the store, read-only and marked as hosted;
later syncs fetch only what changed; a thread gone at OpenAI is marked, not removed."""

import time
from pathlib import Path
from typing import Any

import pytest

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
        chatkit.add_message(changed, "assistant", "first answer")
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
    assert item_calls[f"/v1/chatkit/threads/{changed}/items"] != last
    assert texts == ["first question", "first answer"]
    assert sorted(titles) == ["changed", "quiet"]


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
