"""Reading desktop entries and running the tarball's install script, as the tests do it."""

import shutil
import subprocess
from configparser import ConfigParser
from pathlib import Path

import pytest


def desktop_entry(path: Path) -> dict[str, str]:
    parser = ConfigParser(interpolation=None)
    # Keys are case-sensitive in desktop entries.
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def validate(entry: Path) -> None:
    if not shutil.which("desktop-file-validate"):
        pytest.fail("desktop-file-validate is missing: apt-get install desktop-file-utils")
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=30
    )
    # It prints hints and warnings too, with a zero status: the entry must draw none.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def run_install_script(unpacked: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    script = next(unpacked.glob("*/install.sh"))
    return subprocess.run(
        ["sh", str(script), *arguments], capture_output=True, text=True, timeout=120
    )
