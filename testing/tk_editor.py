"""A real editable X program for the insert tests: a Tk window with a Text widget, which pastes
the CLIPBOARD on Ctrl+V and on Shift+Insert as Tk does everywhere. It writes its whole text to a
file whenever the text changes, and every key it receives (keysym and modifier state) to
another, so a test can read back what was pasted and which keys did it.

Run as ``python -m testing.tk_editor TITLE CLASS FOLDER``; ``tk_editor()`` starts it on a
test display and waits until it is the active window with the keyboard focus in its text."""

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from testing.x_display import SETTLE_TIMEOUT, wait_until
from testing.x_session import XSession

TEXT_FILE = "text.txt"
KEYS_FILE = "keys.txt"
# Tk's modifier bits in a key event's state.
SHIFT, CONTROL = 0x1, 0x4


def tk_available() -> bool:
    try:
        import tkinter  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class TkEditor:
    window_id: str
    folder: Path
    process: subprocess.Popen[bytes]

    def text(self) -> str | None:
        path = self.folder / TEXT_FILE
        return path.read_text(encoding="utf-8") if path.exists() else None

    def pressed_keys(self) -> list[tuple[str, int]]:
        """(keysym, state) of each key pressed in the window, modifiers included."""
        path = self.folder / KEYS_FILE
        if not path.exists():
            return []
        pressed = []
        for line in path.read_text().splitlines():
            keysym, state = line.split()
            pressed.append((keysym, int(state)))
        return pressed

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=SETTLE_TIMEOUT)


@contextlib.contextmanager
def tk_editor(session: XSession, title: str, class_name: str, folder: Path) -> Iterator[TkEditor]:
    """``title`` in ASCII: xdotool's search cannot match other characters in every locale."""
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "testing.tk_editor", title, class_name, str(folder)],
        env={**os.environ, **session.env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent,
    )
    editor = TkEditor("", folder, process)
    try:
        found: list[str] = []

        def mapped() -> bool:
            result = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", f"^{re.escape(title)}$"],
                env={**os.environ, **session.env},
                capture_output=True,
                text=True,
                timeout=SETTLE_TIMEOUT,
            )
            found[:] = result.stdout.split()
            return bool(found) and (folder / "ready").exists()

        wait_until(mapped, "the Tk editor did not map")
        editor.window_id = found[0]
        activate(session, editor.window_id)
        yield editor
    finally:
        editor.close()


def activate(session: XSession, window_id: str) -> None:
    subprocess.run(
        ["xdotool", "windowactivate", "--sync", window_id],
        env={**os.environ, **session.env},
        capture_output=True,
        timeout=SETTLE_TIMEOUT,
        check=True,
    )


def _run(title: str, class_name: str, folder: Path) -> None:
    import tkinter

    root = tkinter.Tk(className=class_name)
    root.title(title)
    root.geometry("480x240+60+60")
    text = tkinter.Text(root)
    text.pack(fill="both", expand=True)

    def write_atomically(name: str, content: str) -> None:
        partial = folder / f".{name}.partial"
        partial.write_text(content, encoding="utf-8")
        partial.replace(folder / name)

    def changed(_event: object) -> None:
        write_atomically(TEXT_FILE, text.get("1.0", "end-1c"))
        text.edit_modified(False)

    keys: list[str] = []

    def pressed(event: tkinter.Event) -> None:  # type: ignore[type-arg]
        keys.append(f"{event.keysym} {event.state}\n")
        write_atomically(KEYS_FILE, "".join(keys))

    text.bind("<<Modified>>", changed)
    text.bind("<KeyPress>", pressed, add=True)
    text.focus_set()
    root.after(100, lambda: (folder / "ready").write_text("ready"))
    root.mainloop()


if __name__ == "__main__":
    _run(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
