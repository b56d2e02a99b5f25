"""Which context capture each platform and session gets."""

from types import ModuleType

import pytest

from common.shared_context import SharingChoice
from desktop.capture import macos, windows
from desktop.capture.capture import NothingToCapture, create_context_capture
from desktop.capture.native import NativeContextCapture
from desktop.capture.x11 import X11ContextCapture


def test_an_x11_session_reads_windows_and_the_selection() -> None:
    capture = create_context_capture(frozenset({1}), {"DISPLAY": ":5"}, "linux")
    assert isinstance(capture, X11ContextCapture)
    assert capture.reads_windows


def test_a_wayland_session_reads_only_the_selection_through_xwayland() -> None:
    environ = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    capture = create_context_capture(frozenset({1}), environ, "linux")
    assert isinstance(capture, X11ContextCapture)
    assert not capture.reads_windows


def test_without_a_display_nothing_is_captured_and_nothing_fails() -> None:
    capture = create_context_capture(frozenset({1}), {}, "linux")
    assert isinstance(capture, NothingToCapture)
    assert capture.capture(SharingChoice()).as_json() == {}


@pytest.mark.parametrize(
    ("platform", "module", "factory", "failure"),
    [
        ("win32", windows, "create_windows_capture", OSError("user32 not found")),
        ("darwin", macos, "create_mac_capture", ImportError("No module named 'AppKit'")),
    ],
)
def test_where_the_platform_layer_cannot_load_nothing_is_captured(
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    module: ModuleType,
    factory: str,
    failure: Exception,
) -> None:
    def cannot_load(own_pids: frozenset[int]) -> NativeContextCapture:
        raise failure

    monkeypatch.setattr(module, factory, cannot_load)
    capture = create_context_capture(frozenset({1}), {}, platform)
    assert isinstance(capture, NothingToCapture)
