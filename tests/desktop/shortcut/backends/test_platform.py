"""Which backend each platform and session gets, and that choosing stays cheap."""

import subprocess
import sys
from collections.abc import Iterator

import pytest

from desktop.shortcut.backends import create_shortcut_backend, macos, windows
from desktop.shortcut.backends.base import ShortcutUnavailable
from desktop.shortcut.backends.wayland import BIND_THE_COMMAND
from desktop.shortcut.backends.x11 import X11ShortcutBackend
from testing.x_session import XSession
from tests.desktop.shortcut.backends.fake_portal import private_session_bus


def test_an_x11_session_gets_the_x11_backend(x_session: XSession) -> None:
    backend = create_shortcut_backend({"DISPLAY": x_session.display}, "linux")
    try:
        assert isinstance(backend, X11ShortcutBackend)
    finally:
        backend.close()


def test_without_a_display_there_is_none_and_the_sentence_says_what_to_do() -> None:
    with pytest.raises(ShortcutUnavailable, match="chatkit-desktop ask"):
        create_shortcut_backend({}, "linux")


@pytest.fixture
def bus_without_a_portal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with private_session_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield


@pytest.mark.usefixtures("bus_without_a_portal")
def test_wayland_without_the_portal_never_falls_back_to_an_x_grab() -> None:
    # Under XWayland an X grab would only see keys typed into X programs.
    environ = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}
    with pytest.raises(ShortcutUnavailable) as refused:
        create_shortcut_backend(environ, "linux")
    assert str(refused.value) == BIND_THE_COMMAND


@pytest.mark.parametrize(
    ("platform", "backend"),
    [("win32", windows.WindowsShortcutBackend), ("darwin", macos.MacShortcutBackend)],
)
def test_windows_and_macos_get_their_backends(
    monkeypatch: pytest.MonkeyPatch, platform: str, backend: type
) -> None:
    made = object()
    monkeypatch.setattr(backend, "on_this_system", classmethod(lambda cls: made))
    assert create_shortcut_backend({}, platform) is made


@pytest.mark.parametrize(
    ("platform", "backend"),
    [("win32", windows.WindowsShortcutBackend), ("darwin", macos.MacShortcutBackend)],
)
def test_a_system_library_that_cannot_load_is_reported_as_unavailable(
    monkeypatch: pytest.MonkeyPatch, platform: str, backend: type
) -> None:
    def cannot_load(cls: type) -> object:
        raise OSError("the library is missing")

    monkeypatch.setattr(backend, "on_this_system", classmethod(cannot_load))
    with pytest.raises(ShortcutUnavailable, match="cannot be set up"):
        create_shortcut_backend({}, platform)


def test_importing_the_package_loads_no_backend_library() -> None:
    heavy = ["Xlib", "jeepney", "PyQt6", "ctypes.wintypes", "desktop.shortcut.backends.x11"]
    script = (
        "import sys, desktop.shortcut.backends, desktop.capture.capture; "
        f"print([name for name in {heavy!r} if name in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=30
    )
    assert result.stdout.strip() == "[]"
