"""Builds the Linux artifacts: the one-folder app, the .deb and the tarball. ``make package``
runs it:

    .venv/bin/python packaging/linux/make_package.py [--dist DIR] [--work DIR]

The app lands in ``DIST/chatkit-desktop/chatkit-desktop``; its size on disk is printed.
"""

import argparse
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

from debian_package import build_deb
from shared_files import APP_ID, ROOT
from user_tarball import build_tarball

SPEC = ROOT / "packaging" / "chatkit-desktop.spec"
MIB = 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the artifacts go")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's scratch")
    parser.add_argument(
        "--deb-compression",
        choices=("xz", "zstd", "gzip"),
        default="xz",
        help="xz makes the smallest .deb; zstd builds in seconds instead of minutes (tests)",
    )
    args = parser.parse_args()
    started = time.monotonic()
    app_version = version(APP_ID)
    bundle = build_bundle(args.dist, args.work)
    deb = build_deb(bundle, app_version, args.dist, args.work, args.deb_compression)
    tarball = build_tarball(bundle, app_version, args.dist)
    print(f"{bundle / APP_ID}: {disk_usage(bundle) / MIB:.0f} MiB on disk")
    for artifact in (deb, tarball):
        print(f"{artifact}: {artifact.stat().st_size / MIB:.0f} MiB")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


def build_bundle(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={dist}",
            f"--workpath={work / 'pyinstaller'}",
            str(SPEC),
        ],
        check=True,
    )
    return dist / APP_ID


def disk_usage(folder: Path) -> int:
    """What ``du`` counts: the blocks of every file, links not followed."""
    return sum(path.lstat().st_blocks * 512 for path in [folder, *folder.rglob("*")])


if __name__ == "__main__":
    raise SystemExit(main())
