"""``chatkit-desktop export`` run as a person runs it, on a real database file: into Downloads
under a new name, or where ``-o`` says; beside the running app, whose database it never
changes; and, when the disk refuses part-way, a message and no file."""

import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from common.paths import database_path
from desktop.cli import EXPORT_FORMATS
from server.export.formats import FORMATS
from tests.server.export.history_seed import Conversation, Seeded, assistant, seed_history, user
from tests.server.running_server import running_server

# Small enough for the export below to pass it, large enough for the log and SQLite's files.
FILE_SIZE_LIMIT = 256 * 1024


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def seeded(data: Path) -> list[Seeded]:
    return seed_history(
        data,
        [
            Conversation("Travel", [user("Is Zanzibar warm in June?"), assistant("Yes, dry.")]),
            Conversation("Long one", [user("tell me everything"), assistant("word " * 200_000)]),
        ],
    )


@pytest.fixture
def downloads(isolated_user_dirs: Path) -> Path:
    return isolated_user_dirs / "Downloads"


def run_export(
    data: Path, *options: str, limit_file_size: bool = False
) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        # A disk that fills up part-way: writes past the limit fail with EFBIG, instead of the
        # signal that would kill the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "export", *options],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=limit if limit_file_size else None,
    )


def printed_path(finished: subprocess.CompletedProcess[str]) -> Path:
    assert finished.returncode == 0, finished.stderr
    return Path(finished.stdout.strip())


def test_the_formats_offered_are_the_exports(seeded: list[Seeded]) -> None:
    assert tuple(FORMATS) == EXPORT_FORMATS


def test_everything_goes_to_downloads_as_markdown(
    data: Path, seeded: list[Seeded], downloads: Path
) -> None:
    written = printed_path(run_export(data))

    assert written.parent == downloads
    assert written.name.startswith("chatkit-conversations-")
    assert written.suffix == ".md"
    text = written.read_text(encoding="utf-8")
    assert text.index("## Long one") < text.index("## Travel")
    assert "Is Zanzibar warm in June?" in text


def test_one_thread_twice_gets_a_new_name_the_second_time(
    data: Path, seeded: list[Seeded], downloads: Path
) -> None:
    thread_id = seeded[0].thread_id
    first = printed_path(run_export(data, "--thread", thread_id, "--format", "json"))
    second = printed_path(run_export(data, "--thread", thread_id, "--format", "json"))

    assert first == downloads / "chatkit-travel-2025-03-01.json"
    assert second == downloads / "chatkit-travel-2025-03-01 (2).json"
    [thread] = json.loads(second.read_text(encoding="utf-8"))["threads"]
    assert thread["thread"]["id"] == thread_id
    assert [item["type"] for item in thread["items"]] == ["user_message", "assistant_message"]


def test_output_to_a_folder_or_a_file(
    data: Path, seeded: list[Seeded], tmp_path: Path, downloads: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    into_folder = printed_path(run_export(data, "--thread", seeded[0].thread_id, "-o", str(folder)))
    named = tmp_path / "mine.md"
    named.write_text("old")
    into_file = printed_path(
        run_export(data, "--thread", seeded[0].thread_id, "--output", str(named))
    )

    assert into_folder == folder / "chatkit-travel-2025-03-01.md"
    assert into_file == named
    assert "## Travel" in named.read_text(encoding="utf-8")
    assert not downloads.exists()


def test_it_reads_beside_the_running_app_and_changes_nothing(
    data: Path, seeded: list[Seeded]
) -> None:
    with running_server(data) as server:
        before = printed_path(run_export(data, "--format", "json"))
        # The app's writer is not held back by the export's reader, nor the reader by it.
        server.request(
            {
                "type": "threads.update",
                "params": {"thread_id": seeded[0].thread_id, "title": "Renamed"},
            }
        )
        after = printed_path(run_export(data, "--format", "json", "--thread", seeded[0].thread_id))
    assert len(json.loads(before.read_text(encoding="utf-8"))["threads"]) == 2
    [thread] = json.loads(after.read_text(encoding="utf-8"))["threads"]
    assert thread["thread"]["title"] == "Renamed"

    unchanged = hashlib.sha256(database_path(data).read_bytes()).hexdigest()
    printed_path(run_export(data))
    assert hashlib.sha256(database_path(data).read_bytes()).hexdigest() == unchanged


def test_a_disk_that_refuses_part_way_leaves_no_file(
    data: Path, seeded: list[Seeded], downloads: Path
) -> None:
    finished = run_export(data, limit_file_size=True)

    assert finished.returncode == 1
    assert finished.stdout == ""
    assert finished.stderr == (
        f"chatkit-desktop: The export could not be saved in {downloads}: File too large. "
        "Nothing was written.\n"
    )
    assert list(downloads.iterdir()) == []


def test_what_cannot_be_exported_is_said(data: Path, seeded: list[Seeded], tmp_path: Path) -> None:
    unknown = run_export(data, "--thread", "thr_nothing")
    nowhere = run_export(tmp_path / "empty")

    assert unknown.returncode == nowhere.returncode == 1
    assert unknown.stderr == "chatkit-desktop: there is no conversation thr_nothing\n"
    assert nowhere.stderr == (
        f"chatkit-desktop: there is no conversation database at "
        f"{database_path(tmp_path / 'empty')} yet\n"
    )
    assert os.listdir(tmp_path / "empty") == ["log"]
