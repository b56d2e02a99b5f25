"""The Linux artifacts, built once for the session by the same script as ``make package``
(into a temporary folder, with a quick .deb compression), and a private X session to run the
packaged app in."""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE_PACKAGE = ROOT / "packaging" / "linux" / "make_package.py"
APP_ID = "chatkit-desktop"
MIB = 1024 * 1024
# Building takes about a minute here; on a loaded machine, a few.
BUILD_TIMEOUT_SECONDS = 900
BUILD_TOOLS = {"dpkg-deb": "dpkg", "objcopy": "binutils", "ldd": "libc-bin"}
SIZE_KEY = pytest.StashKey[str]()


@dataclass(frozen=True)
class LinuxPackage:
    dist: Path
    build_output: str

    @property
    def bundle(self) -> Path:
        return self.dist / APP_ID

    @property
    def executable(self) -> Path:
        return self.bundle / APP_ID

    @property
    def deb(self) -> Path:
        return _only(self.dist.glob(f"{APP_ID}_*.deb"))

    @property
    def tarball(self) -> Path:
        return _only(self.dist.glob(f"{APP_ID}-*-linux-*.tar.gz"))


def _only(paths: Iterator[Path]) -> Path:
    found = list(paths)
    assert len(found) == 1, found
    return found[0]


def disk_usage(folder: Path) -> int:
    """What ``du`` counts: the blocks of every file, links not followed."""
    return sum(path.lstat().st_blocks * 512 for path in [folder, *folder.rglob("*")])


@pytest.fixture(scope="session")
def linux_package(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> LinuxPackage:
    missing = sorted({package for tool, package in BUILD_TOOLS.items() if not shutil.which(tool)})
    if missing:
        pytest.fail(f"building the package needs: apt-get install {' '.join(missing)}")
    scratch = tmp_path_factory.mktemp("package")
    result = subprocess.run(
        [
            sys.executable,
            str(MAKE_PACKAGE),
            f"--dist={scratch / 'dist'}",
            f"--work={scratch / 'work'}",
            "--deb-compression=zstd",
        ],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_SECONDS,
        env={**os.environ, "PYINSTALLER_CONFIG_DIR": str(scratch / "pyinstaller-config")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    package = LinuxPackage(scratch / "dist", result.stdout)
    pytestconfig.stash[SIZE_KEY] = (
        f"packaged app: {disk_usage(package.bundle) / MIB:.0f} MiB on disk; "
        f".deb {package.deb.stat().st_size / MIB:.0f} MiB (zstd), "
        f"tarball {package.tarball.stat().st_size / MIB:.0f} MiB"
    )
    return package


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    size = terminalreporter.config.stash.get(SIZE_KEY, None)
    if size is not None:
        terminalreporter.write_line(size)
