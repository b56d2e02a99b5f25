"""Asking the window manager (openbox, on Xvfb) to bring a window to the front as the user's
own request."""

from collections.abc import Iterator

import pytest

from desktop.window.x11_activation import request_activation
from testing.x_display import OtherClient, run_x, wait_until
from testing.x_session import XSession


@pytest.fixture
def other(x_session: XSession) -> Iterator[OtherClient]:
    client = OtherClient.in_session(x_session)
    yield client
    client.close()


def active_window(session: XSession) -> int:
    return int(run_x(session, "xdotool", "getactivewindow"))


def test_a_window_behind_another_is_brought_to_the_front(
    other: OtherClient, x_session: XSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    behind = other.window("Behind", ("behind", "Behind"))
    in_front = other.window("In front", ("front", "Front"))
    assert active_window(x_session) == in_front.id

    monkeypatch.setenv("DISPLAY", x_session.display)
    request_activation(behind.id)
    wait_until(lambda: active_window(x_session) == behind.id, "the window stayed behind")


def test_without_a_display_it_leaves_the_window_to_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    # No exception: Qt's own request is all there is then.
    monkeypatch.delenv("DISPLAY", raising=False)
    request_activation(0x1234)
