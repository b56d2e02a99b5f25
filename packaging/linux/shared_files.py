"""The files both Linux packages put under ``share/``: the menu entry and the hicolor icons.

The .deb installs them under ``/usr/share``, the tarball's ``install.sh`` under
``~/.local/share``.
"""

from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
APP_ID = "chatkit-desktop"
DESKTOP_ENTRY = HERE / f"{APP_ID}.desktop"
ASSETS = ROOT / "desktop" / "assets"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def share_files() -> dict[PurePosixPath, Path]:
    """Where each file goes, relative to ``share/``, and where it comes from."""
    files = {PurePosixPath("applications", DESKTOP_ENTRY.name): DESKTOP_ENTRY}
    hicolor = PurePosixPath("icons", "hicolor")
    for size in ICON_SIZES:
        files[hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = ASSETS / f"icon-{size}.png"
    files[hicolor / "scalable" / "apps" / f"{APP_ID}.svg"] = ASSETS / "icon.svg"
    return files
