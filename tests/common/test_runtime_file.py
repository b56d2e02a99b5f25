import os
import stat
import subprocess
import sys
from pathlib import Path

from common.runtime_file import (
    RuntimeInfo,
    read_live_runtime,
    remove_runtime_file,
    runtime_path,
    write_runtime_file,
)


def info(pid: int) -> RuntimeInfo:
    return RuntimeInfo(url="http://127.0.0.1:1", port=1, token="t", pid=pid, version="0")


def test_written_privately_and_read_back(tmp_path: Path) -> None:
    write_runtime_file(tmp_path, info(os.getpid()))
    assert read_live_runtime(tmp_path) == info(os.getpid())
    assert stat.S_IMODE(runtime_path(tmp_path).stat().st_mode) == 0o600


def test_a_file_left_by_a_dead_process_is_ignored(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    write_runtime_file(tmp_path, info(int(finished.stdout)))
    assert read_live_runtime(tmp_path) is None


def test_an_unreadable_file_is_ignored(tmp_path: Path) -> None:
    runtime_path(tmp_path).write_text("{garbage")
    assert read_live_runtime(tmp_path) is None


def test_only_the_owner_removes_it(tmp_path: Path) -> None:
    write_runtime_file(tmp_path, info(os.getpid()))
    remove_runtime_file(tmp_path, os.getpid() + 1)
    assert runtime_path(tmp_path).exists()
    remove_runtime_file(tmp_path, os.getpid())
    assert not runtime_path(tmp_path).exists()
