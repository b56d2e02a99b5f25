"""The tarball for people without root: the one-folder app, the menu entry and icons, and
``install.sh``, which puts them under ``~/.local``."""

import platform
import tarfile
from pathlib import Path

from shared_files import APP_ID, HERE, share_files

INSTALL_SCRIPT = HERE / "install.sh"


def build_tarball(bundle: Path, version: str, out_dir: Path) -> Path:
    top = f"{APP_ID}-{version}-linux-{platform.machine()}"
    tarball = out_dir / f"{top}.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as archive:
        archive.add(INSTALL_SCRIPT, f"{top}/install.sh", filter=_as_root)
        archive.add(bundle, f"{top}/{APP_ID}", filter=_as_root)
        for destination, source in share_files().items():
            archive.add(source, f"{top}/share/{destination}", filter=_as_root)
    return tarball


def _as_root(member: tarfile.TarInfo) -> tarfile.TarInfo:
    # Nobody's user name from the build machine; permissions as the files have them, less
    # anything group- or world-writable.
    member.uid = member.gid = 0
    member.uname = member.gname = "root"
    member.mode &= 0o755
    return member
