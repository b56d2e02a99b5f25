"""The names the desktop knows the app by, and its icon files."""

from importlib.resources import files
from pathlib import Path

from common.paths import APP_NAME

# WM_CLASS (instance and class), the desktop file's name and the Wayland app id.
APP_ID = APP_NAME
WINDOW_TITLE = "ChatKit Desktop"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)

ASSETS = Path(str(files("desktop"))) / "assets"


def icon_svg() -> Path:
    return ASSETS / "icon.svg"


def icon_png(size: int) -> Path:
    return ASSETS / f"icon-{size}.png"
