"""Start-up benchmark of the window: the app against a bare pywebview window.

    .venv/bin/python bench/startup.py [--rounds N] [--bundle PATH]

Each round launches ``chatkit-desktop`` (two saved threads in a fresh data directory), the
packaged app the same way when there is one (``--bundle``, by default
``dist/chatkit-desktop/chatkit-desktop`` once ``make package`` has built it), and a bare
pywebview window on a static page served from here, rotating which goes first. All are timed
from launch to the moment a ``[data-thread-id]`` element is in the page (the app's saved-thread
list; the bare page has one in its HTML), seen from inside the page through the Chrome DevTools
Protocol; and to the page's ``load`` event. Memory is the PSS of each one's whole process tree
(Python and Qt WebEngine's helpers) once the list shows. Without ``DISPLAY`` it runs its own
Xvfb.

Targets: start-up median ratio <= 1.2, memory ratio <= 1.15.
"""

import argparse
import asyncio
import contextlib
import json
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import websockets

ROUNDS = 5
SHOWN_TIMEOUT = 30.0
SETTLE_SECONDS = 1.0
DEFAULT_BUNDLE = (
    Path(__file__).resolve().parent.parent / "dist" / "chatkit-desktop" / "chatkit-desktop"
)
START_RATIO_TARGET = 1.2
MEMORY_RATIO_TARGET = 1.15
BARE_PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head>
<body><ul><li data-thread-id="thr_bare">A saved thread</li></ul></body></html>"""
# Resolves, in the page, with the wall-clock time at which the first [data-thread-id] element
# was there: at once if it already is, else when a mutation adds it.
FIRST_THREAD_SCRIPT = """new Promise(resolve => {
  const found = () => document.querySelector("[data-thread-id]") !== null;
  if (found()) { resolve(Date.now()); return; }
  new MutationObserver((_, observer) => {
    if (found()) { observer.disconnect(); resolve(Date.now()); }
  }).observe(document, {childList: true, subtree: true});
})"""
LOAD_EVENT_SCRIPT = """new Promise(resolve => {
  const done = () => resolve(performance.timeOrigin
    + performance.getEntriesByType("navigation")[0].loadEventEnd);
  if (document.readyState === "complete") { setTimeout(done); return; }
  addEventListener("load", () => setTimeout(done), {once: true});
})"""


@dataclass
class Sample:
    list_shown: float
    page_loaded: float
    pss_mb: float


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument(
        "--bundle",
        type=Path,
        default=DEFAULT_BUNDLE if DEFAULT_BUNDLE.exists() else None,
        help="the packaged app's executable, measured too (default: the one make package built)",
    )
    parser.add_argument("--bare-window", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_window:
        return bare_window(args.bare_window)
    with tempfile.TemporaryDirectory(prefix="chatkit-startup-") as scratch, display() as env:
        return run_rounds(Path(scratch), env, args.rounds, args.bundle)


def bare_window(url: str) -> int:
    """The reference: the least pywebview needs to show a page in a Qt window."""
    import webview

    webview.create_window("bare", url=url)
    webview.start(gui="qt")
    return 0


def run_rounds(scratch: Path, display_env: dict[str, str], rounds: int, bundle: Path | None) -> int:
    bare_url = serve_bare_page()
    samples: dict[str, list[Sample]] = {"app": [], "bare": []}
    if bundle is not None:
        samples["bundle"] = []
    variants = list(samples)
    for round_number in range(rounds):
        shift = round_number % len(variants)
        order = variants[shift:] + variants[:shift]
        for which in order:
            home = scratch / f"{which}-{round_number}"
            env = isolated_env(home, display_env)
            if which == "bare":
                command = [sys.executable, __file__, "--bare-window", bare_url]
            else:
                data_dir = home / "data"
                save_two_threads(data_dir)
                program = [str(bundle)] if which == "bundle" else [sys.executable, "-m", "desktop"]
                command = [*program, "--data-dir", str(data_dir)]
            samples[which].append(measure(command, env))
            print(f"round {round_number + 1} {which}: {samples[which][-1]}", file=sys.stderr)
    print_table(samples)
    return 0


def measure(command: list[str], env: dict[str, str]) -> Sample:
    port = free_port()
    env = {**env, "QTWEBENGINE_REMOTE_DEBUGGING": f"127.0.0.1:{port}"}
    started = time.time()
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        shown_at, loaded_at = asyncio.run(page_times(port, SHOWN_TIMEOUT))
        time.sleep(SETTLE_SECONDS)
        pss = tree_pss_mb(process.pid)
    finally:
        stop(process)
    return Sample(
        list_shown=shown_at / 1000 - started, page_loaded=loaded_at / 1000 - started, pss_mb=pss
    )


async def page_times(port: int, within: float) -> tuple[float, float]:
    """Epoch milliseconds at which the page first held a [data-thread-id] element, and of its
    load event."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        target = page_target(port)
        if target is None:
            await asyncio.sleep(0.01)
            continue
        try:
            async with websockets.connect(target, max_size=None) as devtools:
                shown = await evaluate(devtools, FIRST_THREAD_SCRIPT, deadline)
                loaded = await evaluate(devtools, LOAD_EVENT_SCRIPT, deadline)
                return shown, loaded
        except (OSError, websockets.WebSocketException, LookupError):
            # The page navigated under us, or the endpoint was not ready: look again.
            await asyncio.sleep(0.01)
    raise TimeoutError(f"no [data-thread-id] element within {within} s")


def page_target(port: int) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=1) as answer:
            targets = json.load(answer)
    except OSError:
        return None
    for target in targets:
        if target.get("type") == "page" and target.get("url", "").startswith("http://127.0.0.1"):
            url: str = target["webSocketDebuggerUrl"]
            return url
    return None


async def evaluate(devtools: websockets.ClientConnection, script: str, deadline: float) -> float:
    request = {
        "id": 1,
        "method": "Runtime.evaluate",
        "params": {"expression": script, "awaitPromise": True, "returnByValue": True},
    }
    await devtools.send(json.dumps(request))
    while True:
        remaining = deadline - time.monotonic()
        answer = json.loads(await asyncio.wait_for(devtools.recv(), max(remaining, 0.01)))
        if answer.get("id") != 1:
            continue
        if "error" in answer or "exceptionDetails" in answer["result"]:
            raise LookupError(answer)
        value: float = answer["result"]["result"]["value"]
        return value


def tree_pss_mb(pid: int) -> float:
    total_kb = 0
    for member in process_tree(pid):
        with contextlib.suppress(OSError):
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
            found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
            total_kb += int(found[1]) if found else 0
    return total_kb / 1024


def process_tree(pid: int) -> list[int]:
    members = [pid]
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                members += process_tree(int(child))
    return members


def stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    # Give Qt WebEngine's helpers their moment to leave before the next launch.
    time.sleep(0.5)


def print_table(samples: dict[str, list[Sample]]) -> None:
    def median(which: str, field: str) -> float:
        return statistics.median(getattr(sample, field) for sample in samples[which])

    rows = [
        ("launch -> saved-thread list shown (s)", "list_shown", START_RATIO_TARGET),
        ("launch -> page load event (s)", "page_loaded", None),
        ("PSS of the process tree (MB)", "pss_mb", MEMORY_RATIO_TARGET),
    ]
    rounds = len(samples["app"])
    print(f"\nmedians of {rounds} rounds, rotating the order\n")
    print(f"{'':52} {'measured':>9} {'bare':>9} {'ratio':>7} {'target':>7}")
    measured = {"app": "app", "bundle": "packaged app"}
    for label, field, target in rows:
        for which in (variant for variant in measured if variant in samples):
            value, bare = median(which, field), median("bare", field)
            ratio = value / bare
            verdict = (
                "" if target is None else f"<= {target}" + (" ok" if ratio <= target else " MISS")
            )
            row = f"{measured[which]}: {label}"
            print(f"{row:52} {value:9.3f} {bare:9.3f} {ratio:7.2f} {verdict:>7}")


def serve_bare_page() -> str:
    class BarePage(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(BARE_PAGE)))
            self.end_headers()
            self.wfile.write(BARE_PAGE)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), BarePage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def save_two_threads(data_dir: Path) -> None:
    from chatkit.types import ThreadMetadata

    from common.paths import database_path
    from server.store import SQLiteStore
    from server.store.request_context import RequestContext

    data_dir.mkdir(parents=True)
    context = RequestContext(user_id="local")

    async def save(store: SQLiteStore[RequestContext]) -> None:
        for number in (1, 2):
            thread = ThreadMetadata(
                id=f"thr_bench_{number}", title=f"Thread {number}", created_at=datetime.now(UTC)
            )
            await store.save_thread(thread, context)

    with SQLiteStore[RequestContext](database_path(data_dir)) as store:
        asyncio.run(save(store))


def isolated_env(home: Path, display_env: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, **display_env}
    for variable, folder in {
        "HOME": home,
        "XDG_CONFIG_HOME": home / "config",
        "XDG_DATA_HOME": home / "data-home",
        "XDG_STATE_HOME": home / "state",
        "XDG_CACHE_HOME": home / "cache",
        "XDG_RUNTIME_DIR": home / "runtime",
    }.items():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        env[variable] = str(folder)
    # A key (never used: the list needs no model) so the page skips its first-run screen.
    env["OPENAI_API_KEY"] = "sk-bench-not-a-key"
    env["OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.pop("CHATKIT_DESKTOP_DATA_DIR", None)
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    return env


@contextlib.contextmanager
def display() -> Iterator[dict[str, str]]:
    if os.environ.get("DISPLAY"):
        yield {}
        return
    reader, writer = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(writer), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(writer,),
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(writer)
    try:
        if not select.select([reader], [], [], 20)[0]:
            raise TimeoutError("Xvfb did not start")
        yield {"DISPLAY": ":" + os.read(reader, 16).decode().strip()}
    finally:
        os.close(reader)
        xvfb.terminate()
        xvfb.wait(timeout=15)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


if __name__ == "__main__":
    raise SystemExit(main())
