"""Starting the app in the background for a command that needs it running (``ask``), and
waiting until it answers: its ``runtime.json`` names the new process."""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common.runtime_file import RuntimeInfo, read_live_runtime

# A cold start of the window on a slow machine, with room to spare.
START_TIMEOUT_SECONDS = 60.0


class AppDidNotStart(RuntimeError):
    """The message says what happened, for a person."""


def app_command(data_dir: Path) -> list[str]:
    # Frozen (the packaged app), the executable is the app itself; from source it is Python.
    program = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desktop"]
    )
    return [*program, "--data-dir", str(data_dir)]


def start_app(data_dir: Path, timeout: float = START_TIMEOUT_SECONDS) -> RuntimeInfo:
    """Starts ``chatkit-desktop`` detached from this terminal and returns once it serves."""
    # Not a pipe: the app outlives this command and must never write into a closed one. An
    # unlinked file keeps what it says in case it fails to start.
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            app_command(data_dir),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            running = read_live_runtime(data_dir)
            if running is not None and running.pid == process.pid:
                return running
            if process.poll() is not None:
                errors.seek(0)
                reason = errors.read().decode(errors="replace").strip()
                raise AppDidNotStart(
                    f"the app exited (status {process.returncode}) before it was ready"
                    + (f": {reason}" if reason else "")
                )
            time.sleep(0.05)
    raise AppDidNotStart(f"the app did not start within {timeout:.0f} seconds")
