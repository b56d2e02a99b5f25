"""Pasting into a real Tk editor on a real X server with a window manager (openbox): the window
captured as the shortcut captures it, the text pasted exactly, the clipboard given back."""

import contextlib
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from Xlib.display import Display

from common.answer_insertion import InsertRefused
from common.shared_context import ActiveWindow, SharingChoice
from desktop.capture.x11 import X11ContextCapture
from desktop.capture.x11_selection import PrimarySelectionReader
from desktop.insert.inserter import DesktopAnswerInserter
from desktop.insert.x11 import X11Paste
from desktop.insert.x11_clipboard_owner import ClipboardOwner
from testing.tk_editor import CONTROL, SHIFT, TkEditor, activate, tk_editor
from testing.x_display import OtherClient, wait_until
from testing.x_programs import xclip_selection
from testing.x_session import XSession
from tests.desktop.insert.conftest import clipboard, clipboard_held_by_xclip, primary

pytestmark = pytest.mark.usefixtures("needs_tk")

ANSWER = "Dear team,\nthe figures are in — Grüße, ☃ 日本語 ✓\n\ttabbed line"
BEFORE = "what the clipboard held before ½"


@pytest.fixture
def paste(x_session: XSession) -> Iterator[X11Paste]:
    paste = X11Paste(x_session.display)
    yield paste
    paste.close()


@pytest.fixture
def editor(x_session: XSession, tmp_path: Path) -> Iterator[TkEditor]:
    with tk_editor(x_session, "notes.txt - Editor", "Editor", tmp_path / "editor") as editor:
        yield editor


def captured(session: XSession) -> ActiveWindow:
    """The active window, read as the shortcut reads it."""
    capture = X11ContextCapture(frozenset({os.getpid()}), session.display)
    try:
        window = capture.capture(SharingChoice(selection=False)).active_window
    finally:
        capture.close()
    assert window is not None
    return window


def test_the_capture_keeps_the_window_id_and_class(x_session: XSession, editor: TkEditor) -> None:
    window = captured(x_session)
    assert window.handle == int(editor.window_id)
    assert window.wm_class == ("editor", "Editor")
    assert window.title == "notes.txt - Editor"


def test_pastes_the_text_exactly_and_gives_the_clipboard_back(
    x_session: XSession, editor: TkEditor, paste: X11Paste, other_x_client: OtherClient
) -> None:
    window = captured(x_session)
    # The user comes back to our window (any other) before pressing Insert.
    other_x_client.window("ChatKit Desktop stand-in", ("chat", "Chat"))
    with clipboard_held_by_xclip(x_session, BEFORE):
        paste.paste(window, ANSWER)
        wait_until(lambda: editor.text() == ANSWER, "the editor did not get the text")
    assert editor.text() == ANSWER
    assert clipboard(x_session) == BEFORE
    assert [key for key, _state in editor.pressed_keys()][-1] == "v"
    assert editor.pressed_keys()[-1][1] & CONTROL


def test_an_empty_clipboard_is_left_empty(
    x_session: XSession, editor: TkEditor, paste: X11Paste
) -> None:
    window = captured(x_session)
    assert clipboard(x_session) is None
    paste.paste(window, "short answer")
    wait_until(lambda: editor.text() == "short answer", "the editor did not get the text")
    assert clipboard(x_session) is None


def test_a_long_text_goes_in_chunks(x_session: XSession, editor: TkEditor, paste: X11Paste) -> None:
    # 100,000 characters of two bytes each: beyond one X request, so sent as ICCCM INCR.
    long_text = ("ä" * 99 + "\n") * 1_000
    paste.paste(captured(x_session), long_text)
    wait_until(lambda: editor.text() == long_text, "the editor did not get the whole text")


def test_a_terminal_gets_shift_insert(x_session: XSession, tmp_path: Path, paste: X11Paste) -> None:
    with tk_editor(x_session, "bash - xterm", "xterm", tmp_path / "terminal") as terminal:
        window = captured(x_session)
        assert "Xterm" in window.wm_class
        paste.paste(window, "ls -la")
        wait_until(lambda: terminal.text() == "ls -la", "the terminal did not get the text")
        keysym, state = terminal.pressed_keys()[-1]
        assert keysym == "Insert"
        assert state & SHIFT
        assert not state & CONTROL


def test_a_closed_window_is_refused_and_nothing_is_touched(
    x_session: XSession, tmp_path: Path
) -> None:
    inserter = DesktopAnswerInserter(lambda: X11Paste(x_session.display))
    with clipboard_held_by_xclip(x_session, BEFORE):
        with tk_editor(x_session, "gone.txt", "Editor", tmp_path / "gone"):
            inserter.remember(captured(x_session))
        with pytest.raises(InsertRefused, match=re.escape("“gone.txt” has closed")):
            inserter.insert(ANSWER)
        assert clipboard(x_session) == BEFORE
    inserter.close()


def test_quitting_during_a_paste_does_not_wait_for_it(
    x_session: XSession, other_x_client: OtherClient
) -> None:
    # A window that never reads the clipboard: the paste waits for it for seconds.
    other_x_client.window("never pastes", ("deaf", "Deaf"))
    inserter = DesktopAnswerInserter(lambda: X11Paste(x_session.display))
    inserter.remember(captured(x_session))
    refused: list[InsertRefused] = []

    def insert() -> None:
        try:
            inserter.insert(ANSWER)
        except InsertRefused as error:
            refused.append(error)

    pasting = threading.Thread(target=insert)
    before = selection_owner(x_session, "CLIPBOARD")
    pasting.start()
    wait_until(lambda: selection_owner(x_session, "CLIPBOARD") != before, "the paste did not start")
    inserter.close()
    assert pasting.is_alive()
    pasting.join(timeout=30)
    assert refused and "did not take the text" in str(refused[0])
    with pytest.raises(InsertRefused, match="quitting"):
        inserter.insert(ANSWER)


def test_without_a_captured_window_nothing_is_inserted(x_session: XSession) -> None:
    inserter = DesktopAnswerInserter(lambda: X11Paste(x_session.display))
    inserter.remember(None)
    assert inserter.target() is None
    with pytest.raises(InsertRefused, match="No window was captured"):
        inserter.insert(ANSWER)


def test_the_window_comes_back_to_the_front_for_the_paste(
    x_session: XSession, editor: TkEditor, paste: X11Paste, tmp_path: Path
) -> None:
    window = captured(x_session)
    with tk_editor(x_session, "another editor", "Editor", tmp_path / "other") as other:
        paste.paste(window, "to the first")
        wait_until(lambda: editor.text() == "to the first", "the first editor did not get it")
        assert other.text() is None
    activate(x_session, editor.window_id)


def test_only_the_target_s_reading_counts_as_the_paste(
    x_session: XSession, other_x_client: OtherClient
) -> None:
    target = other_x_client.unmanaged_window("target", ("target", "Target"))
    owner = ClipboardOwner(x_session.display, ANSWER)
    manager = Display(x_session.display)
    try:
        assert owner.take()
        clipboard_atom = manager.intern_atom("CLIPBOARD")
        assert PrimarySelectionReader(manager, clipboard_atom).read(time.monotonic() + 5) == (
            ANSWER,
            False,
        )
        assert not owner.wait_until_read(target.id, 0.2)

        # The target's own program reads it (on its connection, as its paste would).
        reader = PrimarySelectionReader(other_x_client.display, clipboard_atom)
        assert reader.read(time.monotonic() + 5) == (ANSWER, False)
        assert owner.wait_until_read(target.id, 5)
    finally:
        manager.close()
        owner.close()


@contextlib.contextmanager
def xterm(session: XSession, output: Path) -> Iterator[str]:
    """A real xterm whose shell line goes to ``output`` (through ``cat``), made active."""
    if shutil.which("xterm") is None:
        message = "this test needs xterm: apt-get install xterm"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    title = "shell - xterm"
    process = subprocess.Popen(
        ["xterm", "-title", title, "-geometry", "80x10+40+40", "-e", "sh", "-c", f"cat > {output}"],
        env={**os.environ, **session.env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        found: list[str] = []

        def mapped() -> bool:
            search = ["xdotool", "search", "--onlyvisible", "--name", title]
            result = subprocess.run(
                search, env={**os.environ, **session.env}, capture_output=True, text=True
            )
            found[:] = result.stdout.split()
            return bool(found) and output.exists()

        wait_until(mapped, "xterm did not start")
        activate(session, found[0])
        yield found[0]
    finally:
        process.kill()
        process.wait(timeout=10)


def selection_owner(session: XSession, name: str) -> int:
    display = Display(session.display)
    try:
        owner = display.get_selection_owner(display.intern_atom(name))
        return int(getattr(owner, "id", owner))
    finally:
        display.close()


def test_a_real_terminal_gets_one_line_by_shift_insert_and_both_selections_come_back(
    x_session: XSession, paste: X11Paste, tmp_path: Path
) -> None:
    output = tmp_path / "typed.txt"
    with xterm(x_session, output), clipboard_held_by_xclip(x_session, BEFORE):
        window = captured(x_session)
        assert window.wm_class == ("xterm", "XTerm")
        with xclip_selection(x_session, "the user's own selection"):
            owners = {name: selection_owner(x_session, name) for name in ("CLIPBOARD", "PRIMARY")}
            # Each line would run as a command: refused before any selection is touched.
            with pytest.raises(InsertRefused, match="several lines"):
                paste.paste(window, "echo one\necho two\n")
            assert owners == {
                name: selection_owner(x_session, name) for name in ("CLIPBOARD", "PRIMARY")
            }

            paste.paste(window, "echo Grüße ☃\r\n")
            assert primary(x_session) == "the user's own selection"
        # The line waits for the user's own Enter: had the newline gone in, cat would have
        # written the line before the user's words.
        subprocess.run(
            ["xdotool", "type", "--delay", "20", " # mine\n"],
            env={**os.environ, **x_session.env},
            check=True,
        )
        wait_until(lambda: output.read_text().endswith("mine\n"), "xterm did not paste it")
        assert output.read_text() == "echo Grüße ☃ # mine\n"
        assert clipboard(x_session) == BEFORE
