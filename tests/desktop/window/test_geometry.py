import json
import stat
from pathlib import Path

import pytest

from desktop.window.geometry import Rect, WindowGeometry, load_geometry, save_geometry

SCREEN = Rect(0, 0, 1280, 800)


def test_a_saved_geometry_loads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "state" / "window.json"
    geometry = WindowGeometry(x=-20, y=40, width=900, height=600, maximized=True)
    save_geometry(path, geometry)
    assert load_geometry(path) == geometry
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content",
    [
        None,
        "",
        "not json",
        "[]",
        json.dumps({"x": 1, "y": 2, "width": 900}),
        json.dumps({"x": 1.5, "y": 2, "width": 900, "height": 600}),
        json.dumps({"x": True, "y": 2, "width": 900, "height": 600}),
        json.dumps({"x": "1", "y": 2, "width": 900, "height": 600}),
        json.dumps({"x": 1, "y": 2, "width": 10, "height": 600}),
        json.dumps({"x": 1, "y": 2, "width": 900, "height": -600}),
    ],
)
def test_a_missing_or_strange_file_means_the_default_placement(
    tmp_path: Path, content: str | None
) -> None:
    path = tmp_path / "window.json"
    if content is not None:
        path.write_text(content)
    assert load_geometry(path) is None


@pytest.mark.parametrize(
    ("geometry", "fits"),
    [
        (WindowGeometry(100, 100, 900, 600), True),
        (WindowGeometry(1200, 700, 900, 600), True),
        (WindowGeometry(1250, 100, 900, 600), False),
        (WindowGeometry(2000, 100, 900, 600), False),
        (WindowGeometry(-880, -580, 900, 600), False),
        (WindowGeometry(-800, -500, 900, 600), True),
    ],
)
def test_a_window_left_on_a_missing_monitor_is_placed_afresh(
    geometry: WindowGeometry, fits: bool
) -> None:
    assert geometry.fits_on([SCREEN]) is fits


def test_a_second_monitor_counts(tmp_path: Path) -> None:
    geometry = WindowGeometry(1400, 100, 900, 600)
    assert not geometry.fits_on([SCREEN])
    assert geometry.fits_on([SCREEN, Rect(1280, 0, 1920, 1080)])
