"""``chatkit-desktop`` (the window) as a subprocess on a test X display, with the helpers the
tests drive it with: xdotool, xprop and the Chrome DevTools Protocol."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WINDOW_TIMEOUT = 45.0
EXIT_TIMEOUT = 20.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def app_env(display_env: dict[str, str], runtime_dir: Path, cdp_port: int) -> dict[str, str]:
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {
        **os.environ,
        **display_env,
        "XDG_RUNTIME_DIR": str(runtime_dir),
        "QTWEBENGINE_REMOTE_DEBUGGING": f"127.0.0.1:{cdp_port}",
    }
    env.pop("QT_QPA_PLATFORM", None)
    if os.geteuid() == 0:
        # Chromium's sandbox refuses to run as root.
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    return env


def x_command(env: dict[str, str], *command: str, timeout: float = 10.0) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command}: {result.stderr}"
    return result.stdout


@dataclass
class RunningApp:
    process: subprocess.Popen[bytes]
    data_dir: Path
    env: dict[str, str]
    cdp_port: int
    output: Path

    @property
    def runtime_file(self) -> Path:
        return self.data_dir / "runtime.json"

    def window(self, timeout: float = WINDOW_TIMEOUT) -> str:
        """The app's mapped top-level window (X id), once it is there."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the app exited early: {self.read_output()}"
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--classname", "chatkit-desktop"],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.split()
            mine = [window for window in found if self.window_pid(window) == self.process.pid]
            if mine:
                return mine[0]
            time.sleep(0.1)
        raise AssertionError(f"no window within {timeout} s: {self.read_output()}")

    def window_pid(self, window: str) -> int | None:
        result = subprocess.run(
            ["xdotool", "getwindowpid", window], env=self.env, capture_output=True, text=True
        )
        return int(result.stdout) if result.returncode == 0 else None

    def runtime(self, timeout: float = WINDOW_TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                info: dict[str, Any] = json.loads(self.runtime_file.read_text())
            except (OSError, ValueError):
                time.sleep(0.05)
                continue
            if info.get("pid") == self.process.pid:
                return info
            time.sleep(0.05)
        raise AssertionError(f"no runtime.json within {timeout} s: {self.read_output()}")

    def x(self, *command: str) -> str:
        return x_command(self.env, *command)

    def wait_exit(self, timeout: float = EXIT_TIMEOUT) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"the app did not exit within {timeout} s: {self.read_output()}"
            ) from None

    def read_output(self) -> str:
        return self.output.read_text(errors="replace") if self.output.exists() else ""

    def leftover_processes(self, timeout: float = 10.0) -> bool:
        """Whether anything of the app's process group (Qt WebEngine's helpers) outlives it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not live_group_members(self.process.pid):
                return False
            time.sleep(0.1)
        return True

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=EXIT_TIMEOUT)


def live_group_members(group: int) -> list[int]:
    """Processes of a process group that are still running (zombies left for init are not)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        state, process_group = fields[0], int(fields[2])
        if process_group == group and state != "Z":
            members.append(int(stat.parent.name))
    return members


def launch_app(data_dir: Path, env: dict[str, str], output: Path, *options: str) -> RunningApp:
    cdp_port = int(env["QTWEBENGINE_REMOTE_DEBUGGING"].rsplit(":", 1)[1])
    with output.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *options],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return RunningApp(process, data_dir, env, cdp_port, output)
