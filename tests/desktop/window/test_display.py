import pytest

from desktop.window.backend import default_gui
from desktop.window.display import missing_display, no_display_message


@pytest.mark.parametrize(
    ("gui", "environ", "platform", "missing"),
    [
        ("qt", {}, "linux", True),
        ("gtk", {}, "linux", True),
        ("qt", {"DISPLAY": ":0"}, "linux", False),
        ("gtk", {"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ("qt", {"DISPLAY": ""}, "linux", True),
        ("qt", {"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ("gtk", {"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        (None, {}, "darwin", False),
        (None, {}, "win32", False),
    ],
)
def test_a_display_is_needed_on_x11_and_wayland_systems(
    gui: str | None, environ: dict[str, str], platform: str, missing: bool
) -> None:
    assert (missing_display(gui, environ, platform) is not None) is missing


def test_the_message_points_to_serve() -> None:
    message = no_display_message("neither DISPLAY nor WAYLAND_DISPLAY is set")
    assert "chatkit-desktop serve" in message
    assert "DISPLAY" in message


@pytest.mark.parametrize(("platform", "gui"), [("linux", "qt"), ("darwin", None), ("win32", None)])
def test_qt_is_the_default_on_linux_only(platform: str, gui: str | None) -> None:
    assert default_gui(platform) == gui
