"""The window's size and position, remembered between runs in ``window.json`` in the profile's
state directory. A missing, unreadable or nonsensical file means the default placement."""

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from common.atomic_file import write_atomically

GEOMETRY_FILE = "window.json"
DEFAULT_WIDTH = 1100
DEFAULT_HEIGHT = 760
MIN_WIDTH = 360
MIN_HEIGHT = 320
# A window remembered on a monitor that is gone is placed afresh, unless this much of it would
# still be on a screen: enough to grab its title bar.
MIN_VISIBLE = 48


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    def overlap(self, other: "Rect") -> "Rect | None":
        left, top = max(self.x, other.x), max(self.y, other.y)
        right = min(self.x + self.width, other.x + other.width)
        bottom = min(self.y + self.height, other.y + other.height)
        if right <= left or bottom <= top:
            return None
        return Rect(left, top, right - left, bottom - top)


@dataclass(frozen=True)
class WindowGeometry:
    """``x`` and ``y`` place the outer frame's top-left corner; ``width`` and ``height`` are the
    content's size (what pywebview's ``create_window`` takes). The size is the normal one when
    the window is maximized."""

    x: int
    y: int
    width: int
    height: int
    maximized: bool = False

    def fits_on(self, screens: Iterable[Rect]) -> bool:
        frame = Rect(self.x, self.y, self.width, self.height)
        for screen in screens:
            seen = frame.overlap(screen)
            if seen and seen.width >= MIN_VISIBLE and seen.height >= MIN_VISIBLE:
                return True
        return False


def geometry_path(state_dir: Path) -> Path:
    return state_dir / GEOMETRY_FILE


def load_geometry(path: Path) -> WindowGeometry | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        geometry = WindowGeometry(
            x=_integer(raw["x"]),
            y=_integer(raw["y"]),
            width=_integer(raw["width"]),
            height=_integer(raw["height"]),
            maximized=raw.get("maximized") is True,
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if geometry.width < MIN_WIDTH or geometry.height < MIN_HEIGHT:
        return None
    return geometry


def save_geometry(path: Path, geometry: WindowGeometry) -> None:
    write_atomically(path, json.dumps(asdict(geometry)) + "\n", mode=0o600)


def _integer(value: object) -> int:
    # bool is an int to Python, and a float would be a sign of a file not ours.
    if type(value) is not int:
        raise ValueError(f"not an integer: {value!r}")
    return value
