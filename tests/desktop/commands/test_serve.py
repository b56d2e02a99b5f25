import json
import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server.running_server import user_input

ADDRESS = re.compile(r"^http://127\.0\.0\.1:(\d+)/#token=([A-Za-z0-9_-]{43,})$")


def start_serve(data_dir: Path, *prefix: str) -> tuple[subprocess.Popen[str], str, str]:
    process = subprocess.Popen(
        [sys.executable, *prefix, "serve", "--port", "0", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    match = ADDRESS.match(line)
    assert match, f"unexpected first line {line!r}; stderr: {process.stderr.read()}"
    return process, f"http://127.0.0.1:{match[1]}", match[2]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, str, Path]]:
    data_dir = tmp_path / "served"
    process, url, token = start_serve(data_dir, "-m", "desktop")
    yield process, url, token, data_dir
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=10)


def threads_list(url: str, token: str) -> httpx.Response:
    return httpx.post(
        f"{url}/chatkit",
        json={"type": "threads.list", "params": {"limit": 5, "order": "desc"}},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )


def test_serve_prints_one_line_and_answers_the_protocol(served) -> None:
    process, url, token, data_dir = served
    response = threads_list(url, token)
    assert response.status_code == 200
    assert response.json() == {"data": [], "has_more": False}
    assert httpx.get(f"{url}/", timeout=10).status_code == 200

    runtime = data_dir / "runtime.json"
    assert stat.S_IMODE(runtime.stat().st_mode) == 0o600
    info = json.loads(runtime.read_text())
    assert info["url"] == url
    assert info["token"] == token
    assert info["pid"] == process.pid
    assert info["port"] == int(url.rsplit(":", 1)[1])


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_signals_stop_cleanly(served, stop_signal: signal.Signals) -> None:
    process, url, token, data_dir = served
    assert threads_list(url, token).status_code == 200
    process.send_signal(stop_signal)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert not (data_dir / "runtime.json").exists()


def test_a_stale_runtime_file_does_not_block_a_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "stale"
    data_dir.mkdir()
    (data_dir / "runtime.json").write_text(
        json.dumps(
            {
                "url": "http://127.0.0.1:1",
                "port": 1,
                "token": "old",
                "pid": 2**22 + 7,
                "version": "0",
            }
        )
    )
    process, _url, token = start_serve(data_dir, "-m", "desktop")
    try:
        assert json.loads((data_dir / "runtime.json").read_text())["token"] == token
    finally:
        process.terminate()
        process.communicate(timeout=15)


def test_history_answers_before_the_agents_sdk_has_loaded(tmp_path: Path) -> None:
    """The Agents SDK import is held until the test lets it go: threads.list must answer
    meanwhile, and a message must get its answer once the SDK has loaded."""
    release = tmp_path / "release-agents"
    # The hold is in the loader, not in find_spec: find_spec runs under the global import lock,
    # which would stall every other thread's imports and prove nothing.
    hold_agents = textwrap.dedent(
        f"""
        import importlib.abc, importlib.util, os, sys, time

        class HeldLoader(importlib.abc.Loader):
            def __init__(self, real):
                self.real = real

            def create_module(self, spec):
                return self.real.create_module(spec)

            def exec_module(self, module):
                while not os.path.exists({str(release)!r}):
                    time.sleep(0.01)
                self.real.exec_module(module)

        class HoldAgents(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name != "agents":
                    return None
                sys.meta_path.remove(self)
                spec = importlib.util.find_spec("agents")
                spec.loader = HeldLoader(spec.loader)
                return spec

        sys.meta_path.insert(0, HoldAgents())
        from desktop.cli import main
        sys.exit(main(sys.argv[1:]))
        """
    )
    process, url, token = start_serve(tmp_path / "data", "-c", hold_agents)
    try:
        # Were the history path to need the SDK, this would wait on the held import and fail.
        assert threads_list(url, token).status_code == 200
        release.touch()
        answer = httpx.post(
            f"{url}/chatkit",
            json={"type": "threads.create", "params": {"input": user_input("hi")}},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        assert "No API key" in answer.text
    finally:
        process.terminate()
        process.communicate(timeout=15)


def test_a_busy_port_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop",
                "serve",
                "--port",
                str(port),
                "--data-dir",
                str(tmp_path / "d"),
            ],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ},
        )
    assert result.returncode == 1
    assert f"cannot listen on port {port}" in result.stderr
    assert "Traceback" not in result.stderr
