"""Tk for the editor the insert tests paste into, the CLIPBOARD as xclip sees it, and the window
tests' app launcher for the test in the app."""

import os
from contextlib import AbstractContextManager

import pytest

from testing.tk_editor import tk_available
from testing.x_programs import selection_text, xclip_selection
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
    """The CLIPBOARD's text; None when empty."""
    return selection_text(session, "clipboard")


def primary(session: XSession) -> str | None:
    """The PRIMARY selection's text (what the user last selected); None when empty."""
    return selection_text(session, "primary")


def clipboard_held_by_xclip(session: XSession, text: str) -> AbstractContextManager[None]:
    """``text`` on the CLIPBOARD, owned by xclip (which exits once another program takes it)."""
    return xclip_selection(session, text, selection="clipboard")


__all__ = ["launch"]
