"""Which backend each platform and session gets, and that choosing stays cheap."""

import subprocess
import sys
from collections.abc import Iterator

import pytest

from desktop.hotkey import create_global_hotkey, macos, windows
from desktop.hotkey.base import HotkeyUnavailable
from desktop.hotkey.wayland import BIND_THE_COMMAND
from desktop.hotkey.x11 import X11Hotkey
from tests.desktop.hotkey.fake_portal import private_session_bus
from tests.desktop.window.x_session import XSession


def test_an_x11_session_gets_the_x11_backend(x_session: XSession) -> None:
    hotkey = create_global_hotkey({"DISPLAY": x_session.display}, "linux")
    try:
        assert isinstance(hotkey, X11Hotkey)
    finally:
        hotkey.close()


def test_without_a_display_there_is_none_and_the_sentence_says_what_to_do() -> None:
    with pytest.raises(HotkeyUnavailable, match="chatkit-desktop ask"):
        create_global_hotkey({}, "linux")


@pytest.fixture
def bus_without_a_portal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with private_session_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield


@pytest.mark.usefixtures("bus_without_a_portal")
def test_wayland_without_the_portal_never_falls_back_to_an_x_grab() -> None:
    # Under XWayland an X grab would only see keys typed into X programs.
    environ = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}
    with pytest.raises(HotkeyUnavailable) as refused:
        create_global_hotkey(environ, "linux")
    assert str(refused.value) == BIND_THE_COMMAND


@pytest.mark.parametrize(
    ("platform", "backend"), [("win32", windows.WindowsHotkey), ("darwin", macos.MacHotkey)]
)
def test_windows_and_macos_get_their_backends(
    monkeypatch: pytest.MonkeyPatch, platform: str, backend: type
) -> None:
    made = object()
    monkeypatch.setattr(backend, "on_this_system", classmethod(lambda cls: made))
    assert create_global_hotkey({}, platform) is made


@pytest.mark.parametrize(
    ("platform", "backend"), [("win32", windows.WindowsHotkey), ("darwin", macos.MacHotkey)]
)
def test_a_system_library_that_cannot_load_is_reported_as_unavailable(
    monkeypatch: pytest.MonkeyPatch, platform: str, backend: type
) -> None:
    def cannot_load(cls: type) -> object:
        raise OSError("the library is missing")

    monkeypatch.setattr(backend, "on_this_system", classmethod(cannot_load))
    with pytest.raises(HotkeyUnavailable, match="cannot be set up"):
        create_global_hotkey({}, platform)


def test_importing_the_package_loads_no_backend_library() -> None:
    heavy = ["Xlib", "jeepney", "PyQt6", "ctypes.wintypes", "desktop.hotkey.x11"]
    script = (
        "import sys, desktop.hotkey, desktop.context.capture; "
        f"print([name for name in {heavy!r} if name in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=30
    )
    assert result.stdout.strip() == "[]"
