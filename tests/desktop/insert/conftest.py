"""Tk for the editor the insert tests paste into, the CLIPBOARD as xclip sees it, and the window
tests' app launcher for the test in the app."""

import contextlib
import os
import subprocess
from collections.abc import Iterator

import pytest

from testing.tk_editor import tk_available
from testing.x_display import SETTLE_TIMEOUT, wait_until
from testing.x_session import XSession
from tests.desktop.window.conftest import launch


@pytest.fixture
def needs_tk() -> None:
    """Skips (fails on CI) where Python has no Tk for the editor."""
    if not tk_available():
        message = "these tests need Tk for Python: apt-get install python3-tk"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def clipboard(session: XSession) -> str | None:
    """The CLIPBOARD's text, as another program pasting it would get it; None when empty."""
    return _selection(session, "clipboard")


def primary(session: XSession) -> str | None:
    """The PRIMARY selection's text (what the user last selected); None when empty."""
    return _selection(session, "primary")


def _selection(session: XSession, name: str) -> str | None:
    result = subprocess.run(
        ["xclip", "-o", "-selection", name],
        env={**os.environ, **session.env},
        capture_output=True,
        timeout=SETTLE_TIMEOUT,
    )
    return result.stdout.decode() if result.returncode == 0 else None


@contextlib.contextmanager
def clipboard_held_by_xclip(session: XSession, text: str) -> Iterator[subprocess.Popen[bytes]]:
    """``text`` on the CLIPBOARD, owned by xclip (which exits once another program takes it)."""
    process = subprocess.Popen(
        ["xclip", "-quiet", "-selection", "clipboard"],
        env={**os.environ, **session.env},
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    with process.stdin:
        process.stdin.write(text.encode())
    try:
        wait_until(lambda: clipboard(session) == text, "xclip did not take the clipboard")
        yield process
    finally:
        process.kill()
        process.wait(timeout=SETTLE_TIMEOUT)


__all__ = ["launch"]
