"""Places where writes fail for real, for the tests of a read-only location.

Root ignores permission bits, so a mode of 0o555 stops nobody when the tests run as root. The
immutable attribute (``chattr +i``) is enforced by the kernel for root too: no file can be
created in an immutable folder and an immutable file cannot be written. So as root the tests
use that; as anyone else, the permission bits, which then do stop them.
"""

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"cannot make {path} immutable here: {made.stderr.strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
