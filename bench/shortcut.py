"""How fast the global shortcut answers, on a private X display (Xvfb and openbox):

1. capture: reading the active window and the PRIMARY selection, as a press does
   (``desktop.capture``), in-process, against a foreign window and a selection owned by xclip;
2. key press → the ask reaches the page's event stream, and key press → our window is the
   active one (``_NET_ACTIVE_WINDOW``), through the real app, the key sent through XTEST;
3. the baseline for (2), in the same run: the window manager activating our window when asked
   directly (``xdotool windowactivate``), which no app can beat.

Targets: capture < 50 ms, window active < 150 ms (p50 and p95).
Run from the repository root: ``python -m bench.shortcut [--rounds N]``.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
from Xlib import XK, X, display
from Xlib.ext import xtest

from common.shared_context import SharingChoice
from testing.running_app import RunningApp, app_env, free_port, launch_app
from testing.x_programs import xclip_selection
from testing.x_session import start_x_session

SELECTION = "The quick brown fox jumps over the lazy dog. " * 40
FOREIGN_TITLE = "Benchmark document — Editor"
TIMEOUT = 10.0
# Between key events, as xdotool sends them.
KEY_GAP = 0.012


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def report(name: str, samples: list[float], target: float | None = None) -> None:
    p50, p95 = percentiles(samples)
    verdict = ""
    if target is not None:
        verdict = "  met" if p95 < target else "  MISSED"
    limit = f" (target < {target * 1000:.0f} ms)" if target else ""
    print(f"{name:<44} p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms{limit}{verdict}")


@contextmanager
def foreign_window(env: dict[str, str]) -> Iterator[str]:
    process = subprocess.Popen(
        ["xmessage", "-title", FOREIGN_TITLE, "-geometry", "400x150+30+30", "a document"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", FOREIGN_TITLE],
                env=env,
                capture_output=True,
                text=True,
            ).stdout.split()
            if found:
                yield found[0]
                return
            time.sleep(0.05)
        raise TimeoutError("the foreign window did not map")
    finally:
        process.kill()
        process.wait()


def activate(env: dict[str, str], window: str) -> None:
    subprocess.run(["xdotool", "windowactivate", "--sync", window], env=env, check=True)


def measure_capture(rounds: int) -> list[float]:
    from desktop.capture.capture import create_context_capture

    capture = create_context_capture(frozenset({os.getpid()}))
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        captured = capture.capture(SharingChoice())
        samples.append(time.perf_counter() - started)
        assert captured.selection == SELECTION, "the capture missed the selection"
        assert captured.active_window is not None
        assert captured.active_window.title == FOREIGN_TITLE
    return samples


class ActiveWindowWatch:
    """Waits for ``_NET_ACTIVE_WINDOW`` to name a window, from X's own PropertyNotify events."""

    def __init__(self, x: display.Display) -> None:
        self._x = x
        self._root = x.screen().root
        self._root.change_attributes(event_mask=X.PropertyChangeMask)
        self._atom = x.intern_atom("_NET_ACTIVE_WINDOW")
        x.sync()

    def active(self) -> int:
        prop = self._root.get_full_property(self._atom, X.AnyPropertyType)
        return int(prop.value[0]) if prop and len(prop.value) else 0

    def wait_for(self, window: int) -> float:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            while self._x.pending_events():
                event = self._x.next_event()
                is_activation = event.type == X.PropertyNotify and event.atom == self._atom
                if is_activation and self.active() == window:
                    return time.perf_counter()
            time.sleep(0.0005)
        raise TimeoutError("the window never became active")


def press_shortcut(x: display.Display) -> float:
    """Ctrl+Alt+Space as a person presses it, modifiers first; returns when Space went down."""
    control, alt, space = (
        x.keysym_to_keycode(XK.string_to_keysym(name)) for name in ("Control_L", "Alt_L", "space")
    )
    for code in (control, alt):
        xtest.fake_input(x, X.KeyPress, code)
        x.sync()
        time.sleep(KEY_GAP)
    pressed = time.perf_counter()
    xtest.fake_input(x, X.KeyPress, space)
    x.sync()
    time.sleep(KEY_GAP)
    for code in (space, alt, control):
        xtest.fake_input(x, X.KeyRelease, code)
        x.sync()
        time.sleep(KEY_GAP)
    return pressed


class AskListener:
    """The page's event stream, read on a thread: when each ask arrives."""

    def __init__(self, url: str, token: str) -> None:
        port = int(url.rsplit(":", 1)[1])
        self.arrivals: list[float] = []
        self._arrived = threading.Condition()
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self._connection.request("GET", "/api/events", headers={"Authorization": f"Bearer {token}"})
        self._response = self._connection.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            while line := self._response.readline():
                if line.startswith(b"event: ask"):
                    with self._arrived:
                        self.arrivals.append(time.perf_counter())
                        self._arrived.notify_all()
        except OSError:
            pass

    def wait_for(self, count: int) -> float:
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.arrivals) >= count, TIMEOUT):
                raise TimeoutError("no ask reached the event stream")
            return self.arrivals[count - 1]


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.1)


def measure_through_the_app(
    app: RunningApp, env: dict[str, str], foreign: str, rounds: int
) -> tuple[list[float], list[float], list[float]]:
    ours = app.window()
    runtime = app.runtime()
    headers = {"Authorization": f"Bearer {runtime['token']}"}
    wait_for(
        lambda: httpx.get(f"{runtime['url']}/api/shortcut", headers=headers).json()["active"],
        "the app never registered its shortcut",
    )
    listener = AskListener(runtime["url"], runtime["token"])
    x = display.Display(env["DISPLAY"])
    watch = ActiveWindowWatch(x)
    to_event, to_window, baseline = [], [], []
    for round_number in range(1, rounds + 1):
        activate(env, foreign)
        time.sleep(0.05)
        pressed = press_shortcut(x)
        to_window.append(watch.wait_for(int(ours)) - pressed)
        to_event.append(listener.wait_for(round_number) - pressed)

        activate(env, foreign)
        time.sleep(0.05)
        asked = time.perf_counter()
        subprocess.Popen(["xdotool", "windowactivate", ours], env=env).wait()
        baseline.append(watch.wait_for(int(ours)) - asked)
    x.close()
    return to_event, to_window, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        session = start_x_session(home / "x-home")
        stack.callback(session.stop)
        env = {**os.environ, **session.env}
        os.environ.update(session.env)
        foreign = stack.enter_context(foreign_window(env))
        stack.enter_context(xclip_selection(session, SELECTION))
        activate(env, foreign)
        capture = measure_capture(args.rounds * 5)

        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[name] = str(home / name.lower())
        # Never the developer's keyring: its unlock prompt would take the keyboard.
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        app_environment = app_env(env, home / "runtime", free_port())
        app = launch_app(home / "data", app_environment, home / "app.log")
        stack.callback(app.kill)
        to_event, to_window, baseline = measure_through_the_app(
            app, app_environment, foreign, args.rounds
        )

    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3]}")
    report("capture (window + 1,800-character selection)", capture, 0.050)
    report("key press → ask on the page's event stream", to_event)
    report("key press → our window active", to_window, 0.150)
    report("baseline: window manager activates it", baseline)
    print(json.dumps({"python": sys.version.split()[0], "rounds": args.rounds}))


if __name__ == "__main__":
    main()
