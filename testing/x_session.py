"""A private X display for the window tests: Xvfb at 24-bit colour (Qt WebEngine crashes at
16), openbox as the window manager, inside its own D-Bus session."""

import contextlib
import os
import select
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# Program -> the Debian package that provides it.
PROGRAMS = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "dbus-run-session": "dbus",
    "xdotool": "xdotool",
    "xprop": "x11-utils",
    "xmessage": "x11-utils",
    "xclip": "xclip",
}
SCREEN = "1280x800x24"
START_TIMEOUT = 20.0


def missing_programs() -> str | None:
    """The exact install line for what is missing, or None."""
    packages = sorted(
        {package for program, package in PROGRAMS.items() if not shutil.which(program)}
    )
    return f"apt-get install {' '.join(packages)}" if packages else None


@dataclass
class XSession:
    display: str
    dbus_address: str
    _xvfb: subprocess.Popen[bytes]
    _session: subprocess.Popen[str]

    @property
    def env(self) -> dict[str, str]:
        return {"DISPLAY": self.display, "DBUS_SESSION_BUS_ADDRESS": self.dbus_address}

    def stop(self) -> None:
        for process in (self._session, self._xvfb):
            _kill_group(process)


def start_x_session(home: Path) -> XSession:
    reader, writer = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(writer), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(writer,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(writer)
    try:
        display = f":{_read_line(reader).strip()}"
    except Exception:
        _kill_group(xvfb)
        raise
    finally:
        os.close(reader)
    session = subprocess.Popen(
        [
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            'printf "%s\\n" "$DBUS_SESSION_BUS_ADDRESS"; exec openbox --sm-disable',
        ],
        env={**os.environ, "DISPLAY": display, "HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    x_session = XSession(display, "", xvfb, session)
    try:
        assert session.stdout is not None
        x_session.dbus_address = session.stdout.readline().strip()
        _wait_for_window_manager(display)
    except Exception:
        x_session.stop()
        raise
    return x_session


def _read_line(descriptor: int) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    text = b""
    while not text.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([descriptor], [], [], remaining)[0]:
            raise TimeoutError("Xvfb did not report its display number")
        chunk = os.read(descriptor, 16)
        if not chunk:
            raise RuntimeError("Xvfb exited before reporting its display number")
        text += chunk
    return text.decode()


def _wait_for_window_manager(display: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        result = subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            text=True,
            timeout=10,
        )
        if "window id" in result.stdout:
            return
        time.sleep(0.1)
    raise TimeoutError("openbox did not start")


def _kill_group(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()
