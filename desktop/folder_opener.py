"""Showing a folder in the system's file manager: the log folder (Settings → Diagnostics) and
the Downloads folder an export was written to. The app runs on the person's own machine, so a
folder opened here opens in front of them."""

import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from server.http.folders import FolderNotOpened

# Long enough for an opener that cannot open anything to say so (xdg-open finds it has no file
# manager in a few hundredths of a second); one still running by then has handed the folder over.
OPENER_VERDICT_SECONDS = 1.0


def open_folder(folder: Path) -> None:
    """Shows ``folder`` in the file manager without waiting for it: the opener is started in a
    session of its own, and only an immediate refusal is waited for. Raises
    ``FolderNotOpened``."""
    if sys.platform == "win32":
        try:
            os.startfile(folder)  # noqa: S606 (a folder we made, opened by its association)
        except OSError as error:
            raise FolderNotOpened(
                f"{folder} could not be opened: {error.strerror or error}"
            ) from error
        return
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    # A file rather than a pipe: the file manager may inherit it and write to it long after the
    # pipe's reader is gone, and a write to a closed pipe would kill it.
    with tempfile.TemporaryFile() as complaints:
        try:
            process = subprocess.Popen(
                [opener, str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=complaints,
                env=system_program_environment(),
                start_new_session=True,
            )
        except OSError as error:
            raise FolderNotOpened(
                f"{folder} could not be opened: {opener} cannot be started "
                f"({error.strerror or error})"
            ) from error
        try:
            status = process.wait(OPENER_VERDICT_SECONDS)
        except subprocess.TimeoutExpired:
            # Generic xdg-open runs the file manager in the foreground: reaped when it closes.
            threading.Thread(target=process.wait, name="folder-opener", daemon=True).start()
            return
        if status != 0:
            complaints.seek(0)
            said = complaints.read().decode(errors="replace").strip().splitlines()
            reason = said[-1] if said else f"{opener} exited with status {status}"
            raise FolderNotOpened(f"{folder} could not be opened: {reason}")


def system_program_environment() -> dict[str, str]:
    """The environment for a program of the system's. A packaged app's bootloader puts the
    bundle's libraries first on ``LD_LIBRARY_PATH`` (keeping the person's own value in
    ``LD_LIBRARY_PATH_ORIG``); a file manager started with it would load our Qt instead of its
    own."""
    environment = dict(os.environ)
    if getattr(sys, "frozen", False):
        original = environment.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is None:
            environment.pop("LD_LIBRARY_PATH", None)
        else:
            environment["LD_LIBRARY_PATH"] = original
    return environment
