"""``runtime.json``: how other processes (a second launch, ``chatkit-desktop ask``) find the
running app. It holds the token, so it is private to the user and written atomically."""

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from common.atomic_file import write_atomically
from common.log_redaction import keep_out_of_logs

RUNTIME_FILE = "runtime.json"


@dataclass(frozen=True)
class RuntimeInfo:
    url: str
    port: int
    token: str
    pid: int
    version: str


def runtime_path(data_dir: Path) -> Path:
    return data_dir / RUNTIME_FILE


def write_runtime_file(data_dir: Path, info: RuntimeInfo) -> None:
    write_atomically(runtime_path(data_dir), json.dumps(asdict(info)) + "\n", mode=0o600)


def read_live_runtime(data_dir: Path) -> RuntimeInfo | None:
    """The running instance's details; None when there is none, including when the file is
    left over from a process that is gone or cannot be read."""
    try:
        raw = json.loads(runtime_path(data_dir).read_text(encoding="utf-8"))
        info = RuntimeInfo(**raw)
    except (OSError, ValueError, TypeError):
        return None
    if not process_is_alive(info.pid):
        return None
    if isinstance(info.token, str):
        # Whoever reads it is about to send it (`ask`, a second launch).
        keep_out_of_logs(info.token)
    return info


def remove_runtime_file(data_dir: Path, pid: int) -> None:
    """Removes the file only if it is this process's, so a quitting instance never removes
    the file of one that started after it."""
    path = runtime_path(data_dir)
    try:
        owner = json.loads(path.read_text(encoding="utf-8")).get("pid")
    except (OSError, ValueError, AttributeError):
        return
    if owner == pid:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def process_is_alive(pid: int) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if os.name == "nt":
        return _windows_process_is_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    except OSError:
        return False
    return True


def _windows_process_is_alive(pid: int) -> bool:
    # On Windows os.kill(pid, 0) would terminate the process, so ask the kernel instead.
    import ctypes

    query_limited_information, still_active = 0x1000, 259
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and (
            code.value == still_active
        )
    finally:
        kernel32.CloseHandle(handle)
