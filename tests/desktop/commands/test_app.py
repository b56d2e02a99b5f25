"""``chatkit-desktop`` with no command, where no window is involved: the missing display and
another instance that has no window. The window itself: tests/desktop/window/."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import build_parser
from tests.fixtures.browser import start_served_app

NO_DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def run_app(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {name: value for name, value in os.environ.items() if name not in NO_DISPLAY_VARIABLES}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def unused_display() -> str:
    number = 4242
    while Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    return f":{number}"


def test_without_a_display_the_app_points_to_serve(tmp_path: Path) -> None:
    result = run_app(tmp_path / "data")
    assert result.returncode == 1
    assert "neither DISPLAY nor WAYLAND_DISPLAY is set" in result.stderr
    assert "chatkit-desktop serve" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "runtime.json").exists()


def test_a_display_qt_cannot_reach_is_reported_the_same_way(tmp_path: Path) -> None:
    display = unused_display()
    result = run_app(tmp_path / "data", DISPLAY=display)
    assert result.returncode == 1
    assert f"could not connect to display {display}" in result.stderr
    assert "chatkit-desktop serve" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "runtime.json").exists()


def test_a_running_serve_is_named_rather_than_joined(tmp_path: Path) -> None:
    data_dir = tmp_path / "served"
    served = start_served_app(data_dir)
    try:
        result = run_app(data_dir)
    finally:
        served.stop()
    assert result.returncode == 1
    assert "`chatkit-desktop serve` is already running" in result.stderr
    assert str(served.process.pid) in result.stderr


@pytest.mark.parametrize("gui", ["qt", "gtk", "cef", "edgechromium", "mshtml", "cocoa"])
def test_gui_chooses_a_pywebview_backend(gui: str) -> None:
    assert build_parser().parse_args(["--gui", gui]).gui == gui


def test_gui_defaults_to_the_platforms_choice() -> None:
    assert build_parser().parse_args([]).gui is None


def test_an_unknown_gui_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--gui", "tk"])
    assert "invalid choice: 'tk'" in capsys.readouterr().err
