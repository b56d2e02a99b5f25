"""Exports the app writes itself, for the native window, through a real server over a real
database: into the Downloads folder (``~/Downloads``, or the one ``user-dirs.dirs`` names),
under a name no other file has, with the progress of a long history, and nothing left when the
folder cannot be written. Under ``serve`` (no window) the page downloads instead."""

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from common.shared_context import ActiveWindow, SharedContext
from server.routes.window import NO_WINDOW_MESSAGE, attach_window_controller
from tests.desktop.window.fake_controller import RecordingController
from tests.server.export.history_seed import Conversation, Seeded, assistant, seed_history, user
from tests.server.running_server import RunningServer, running_server

JOB_TIMEOUT = 60.0
SHARED = SharedContext(ActiveWindow("budget.ods — Calc", "soffice"), "Q3 figures")


@pytest.fixture
def seeded(tmp_path: Path) -> list[Seeded]:
    return seed_history(
        tmp_path / "data",
        [
            Conversation("Travel", [user("Is Zanzibar warm in June?"), assistant("Yes, **dry**.")]),
            Conversation("Numbers", [user("check these", SHARED), assistant("They add up.")]),
        ],
    )


@pytest.fixture
def window() -> RecordingController:
    return RecordingController()


@pytest.fixture
def served(
    tmp_path: Path, seeded: list[Seeded], window: RecordingController
) -> Iterator[RunningServer]:
    with running_server(tmp_path / "data") as server:
        attach_window_controller(server.local.app, window)
        yield server


@pytest.fixture
def downloads(isolated_user_dirs: Path) -> Path:
    """Where platformdirs finds Downloads on Linux without ``user-dirs.dirs``."""
    return isolated_user_dirs / "Downloads"


def finished(client: httpx.Client, job: dict[str, Any]) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_TIMEOUT
    while job["state"] == "running":
        assert time.monotonic() < deadline, job
        time.sleep(0.01)
        answer = client.get(f"/api/exports/{job['id']}")
        assert answer.status_code == 200, answer.text
        job = answer.json()
    return job


def export(client: httpx.Client, **body: Any) -> dict[str, Any]:
    started = client.post("/api/exports", json=body)
    assert started.status_code == 202, started.text
    return finished(client, started.json())


def test_the_page_learns_whether_it_is_in_the_native_window(tmp_path: Path) -> None:
    with running_server(tmp_path / "data") as server, server.client() as client:
        assert client.get("/api/window").json() == {"native": False}
        attach_window_controller(server.local.app, RecordingController())
        assert client.get("/api/window").json() == {"native": True}


def test_under_serve_the_app_writes_no_file(
    tmp_path: Path, seeded: list[Seeded], downloads: Path
) -> None:
    with running_server(tmp_path / "data") as server, server.client() as client:
        refused = client.post("/api/exports", json={"format": "md"})
        downloaded = client.get("/api/export", params={"format": "md"})
    assert refused.status_code == 409
    assert refused.json() == {"error": {"message": NO_WINDOW_MESSAGE}}
    assert downloaded.status_code == 200
    assert not downloads.exists()


def test_one_conversation_is_written_into_downloads_made_for_it(
    served: RunningServer, seeded: list[Seeded], downloads: Path
) -> None:
    with served.client() as client:
        job = export(client, format="md", thread_id=seeded[1].thread_id)

    assert job["state"] == "done", job
    assert job["progress"] == {"done": 1, "total": 1}
    assert job["folder"] == str(downloads)
    written = downloads / "chatkit-numbers-2025-03-01.md"
    assert job["path"] == str(written)
    assert job["error"] is None
    text = written.read_text(encoding="utf-8")
    assert "## Numbers" in text
    assert "check these" in text
    assert "“budget.ods — Calc” in soffice" in text
    assert "Travel" not in text
    assert [path.name for path in downloads.iterdir()] == [written.name]


def test_a_second_export_of_the_same_conversation_gets_a_new_name(
    served: RunningServer, seeded: list[Seeded], downloads: Path
) -> None:
    with served.client() as client:
        first = export(client, format="json", thread_id=seeded[0].thread_id)
        second = export(client, format="json", thread_id=seeded[0].thread_id)

    assert Path(first["path"]).name == "chatkit-travel-2025-03-01.json"
    assert Path(second["path"]).name == "chatkit-travel-2025-03-01 (2).json"
    assert Path(first["path"]).read_bytes() != b""
    assert json.loads(Path(second["path"]).read_text())["threads"][0]["thread"]["title"] == (
        "Travel"
    )


def test_all_conversations_go_to_the_folder_user_dirs_names(
    served: RunningServer, isolated_user_dirs: Path
) -> None:
    (isolated_user_dirs / ".config" / "user-dirs.dirs").write_text(
        'XDG_DOWNLOAD_DIR="$HOME/Fetched"\n'
    )
    with served.client() as client:
        job = export(client, format="json")

    assert job["state"] == "done", job
    assert job["progress"] == {"done": 2, "total": 2}
    written = Path(job["path"])
    assert written.parent == isolated_user_dirs / "Fetched"
    assert written.name.startswith("chatkit-conversations-")
    document = json.loads(written.read_text(encoding="utf-8"))
    assert [thread["thread"]["title"] for thread in document["threads"]] == ["Numbers", "Travel"]


def test_a_file_where_downloads_should_be_gives_the_reason_and_no_file(
    served: RunningServer, seeded: list[Seeded], downloads: Path
) -> None:
    # Tests run as root, who may write anywhere: a file in the folder's place is what refuses.
    downloads.write_text("not a folder")
    with served.client() as client:
        job = export(client, format="md", thread_id=seeded[0].thread_id)
        opened = client.post(f"/api/exports/{job['id']}/open-folder")

    assert job["state"] == "failed"
    assert job["path"] is None
    assert job["error"] == (
        f"The export could not be saved in {downloads}: {downloads} is a file, not a folder. "
        "Nothing was written."
    )
    assert downloads.read_text() == "not a folder"
    assert opened.status_code == 409


def test_open_folder_asks_the_window_to_show_downloads(
    served: RunningServer, seeded: list[Seeded], window: RecordingController, downloads: Path
) -> None:
    with served.client() as client:
        job = export(client, format="md", thread_id=seeded[0].thread_id)
        opened = client.post(f"/api/exports/{job['id']}/open-folder")

    assert opened.status_code == 200, opened.text
    assert opened.json() == {"folder": str(downloads)}
    assert window.opened == [downloads]


def test_two_thousand_conversations_show_progress_and_complete(
    tmp_path: Path, downloads: Path
) -> None:
    seed_history(
        tmp_path / "many",
        [
            Conversation(f"Thread {number}", [user(f"question {number}"), assistant("answer")])
            for number in range(2000)
        ],
    )
    with running_server(tmp_path / "many") as server, server.client() as client:
        attach_window_controller(server.local.app, RecordingController())
        started = client.post("/api/exports", json={"format": "md"}).json()
        seen = [started["progress"]["done"]]
        job = started
        while job["state"] == "running":
            job = client.get(f"/api/exports/{started['id']}").json()
            seen.append(job["progress"]["done"])

    assert started["progress"] == {"done": 0, "total": 2000}
    assert job["state"] == "done", job
    assert job["progress"] == {"done": 2000, "total": 2000}
    assert any(0 < done < 2000 for done in seen), seen
    assert seen == sorted(seen)
    text = Path(job["path"]).read_text(encoding="utf-8")
    assert text.count("\n## Thread ") == 2000
    assert [path.name for path in downloads.iterdir()] == [Path(job["path"]).name]


def test_mistakes_are_4xx_with_a_message(served: RunningServer) -> None:
    with served.client() as client:
        bad_format = client.post("/api/exports", json={"format": "pdf"})
        no_thread = client.post("/api/exports", json={"format": "md", "thread_id": "thr_none"})
        no_job = client.get("/api/exports/nothing")
        no_job_folder = client.post("/api/exports/nothing/open-folder")
    assert bad_format.status_code == 400
    assert bad_format.json() == {"error": {"message": "format must be one of: md, json"}}
    assert no_thread.status_code == 404
    assert no_job.status_code == no_job_folder.status_code == 404


def test_the_export_routes_need_the_token(served: RunningServer, downloads: Path) -> None:
    with served.client(headers={"Authorization": "Bearer wrong"}) as client:
        assert client.get("/api/window").status_code == 401
        assert client.post("/api/exports", json={"format": "md"}).status_code == 401
        assert client.get("/api/exports/anything").status_code == 401
    assert not downloads.exists()
