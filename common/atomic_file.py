"""Writing a file so that readers see the old content or the new, never half of either."""

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, content: str, mode: int = 0o600) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``.

    The rename is atomic on POSIX and Windows; the fsync first means a crash after the rename
    cannot leave an empty file behind it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # absent on Windows, where the ACL of the folder applies
            os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
