"""The .deb: the one-folder app in ``/opt/chatkit-desktop``, the command in ``/usr/bin``, the
menu entry and icons under ``/usr/share``, built with ``dpkg-deb``.

No maintainer scripts: Debian's desktop-file-utils and hicolor-icon-theme packages refresh
their caches through dpkg triggers on those folders.
"""

import os
import shutil
import subprocess
from pathlib import Path

from shared_files import APP_ID, share_files
from system_libraries import depends_field

INSTALL_DIR = Path("/opt") / APP_ID
MAINTAINER = "ChatKit Desktop maintainers <maintainers@chatkit-desktop.invalid>"
DESCRIPTION = """OpenAI's ChatKit in a native window, with a local history
 ChatKit Desktop shows OpenAI's ChatKit chat interface in its own window,
 backed by a local server that keeps every conversation in a SQLite
 database on this computer. It talks to OpenAI with an API key kept in the
 system keyring, or to a local OpenAI-compatible server such as Ollama."""


def build_deb(bundle: Path, version: str, out_dir: Path, work_dir: Path, compression: str) -> Path:
    root = work_dir / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    _link_tree(bundle, root / INSTALL_DIR.relative_to("/"))
    command = root / "usr" / "bin" / APP_ID
    command.parent.mkdir(parents=True)
    command.symlink_to(INSTALL_DIR / APP_ID)
    for destination, source in share_files().items():
        target = root / "usr" / "share" / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        target.chmod(0o644)
    control = root / "DEBIAN" / "control"
    control.parent.mkdir(mode=0o755)
    control.write_text(
        _control(bundle, version, _architecture(), _installed_kib(root)), encoding="utf-8"
    )
    deb = out_dir / f"{APP_ID}_{version}_{_architecture()}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def _control(bundle: Path, version: str, architecture: str, installed_kib: int) -> str:
    fields = {
        "Package": APP_ID,
        "Version": version,
        "Architecture": architecture,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": depends_field(bundle),
        # Where the API key is kept; any Secret Service will do (KWallet, KeePassXC).
        "Suggests": "gnome-keyring",
        "Section": "net",
        "Priority": "optional",
        "Description": DESCRIPTION,
    }
    return "".join(f"{name}: {value}\n" for name, value in fields.items())


def _link_tree(source: Path, destination: Path) -> None:
    """A copy of ``source`` made of hard links where the file system allows: the bundle is
    hundreds of megabytes, and dpkg-deb only reads it."""

    def link_or_copy(from_path: str, to_path: str) -> None:
        try:
            os.link(from_path, to_path)
        except OSError:
            shutil.copy2(from_path, to_path)

    shutil.copytree(source, destination, symlinks=True, copy_function=link_or_copy)


def _architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _installed_kib(root: Path) -> int:
    total = sum(
        path.lstat().st_size for path in root.rglob("*") if path.is_file() or path.is_symlink()
    )
    return (total + 1023) // 1024
