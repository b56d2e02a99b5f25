"""The X11 backend on a real X server: keys pressed through XTEST (xdotool), another program
played by a second X connection."""

import logging
import threading
import time
from collections.abc import Iterator

import pytest
from Xlib import X

from common.shortcut_combination import parse_combination
from desktop.shortcut.backends.base import ShortcutUnavailable
from desktop.shortcut.backends.x11 import X11ShortcutBackend
from testing.x_display import OtherClient, run_x, wait_until
from testing.x_session import XSession
from tests.desktop.shortcut.backends.fake_threads import Presses

CTRL_ALT = X.ControlMask | X.Mod1Mask
CTRL_ALT_SPACE = parse_combination("Ctrl+Alt+Space")
# Longer than Xvfb's auto-repeat delay (660 ms), so the held key repeats.
HOLD_SECONDS = 1.0


@pytest.fixture
def backend(x_session: XSession) -> Iterator[X11ShortcutBackend]:
    backend = X11ShortcutBackend(x_session.display)
    yield backend
    backend.close()


def press(session: XSession, keys: str) -> None:
    run_x(session, "xdotool", "key", keys)


def keys_seen_before(other_x_client: OtherClient, session: XSession, marker: str) -> list[str]:
    """The keys ``other``'s focused window received, up to a marker key pressed now: X delivers
    in order, so anything sent earlier has arrived once the marker has."""
    press(session, marker)
    seen: list[str] = []

    def marker_arrived() -> bool:
        seen.extend(other_x_client.pressed_keys())
        return marker in seen

    wait_until(marker_arrived, "the focused window never received the marker key")
    return seen[: seen.index(marker)]


def test_a_press_calls_on_press_once_on_the_hotkey_thread(
    backend: X11ShortcutBackend, x_session: XSession
) -> None:
    presses = Presses()
    backend.register(CTRL_ALT_SPACE, presses)
    press(x_session, "ctrl+alt+space")
    wait_until(lambda: presses.count == 1, "on_press was not called")
    time.sleep(0.2)
    assert presses.count == 1
    assert presses.threads == ["x11-shortcut"]


def test_holding_the_keys_down_is_one_press(
    backend: X11ShortcutBackend, x_session: XSession
) -> None:
    presses = Presses()
    backend.register(CTRL_ALT_SPACE, presses)
    run_x(x_session, "xdotool", "keydown", "ctrl+alt+space")
    time.sleep(HOLD_SECONDS)
    run_x(x_session, "xdotool", "keyup", "ctrl+alt+space")
    press(x_session, "ctrl+alt+space")
    wait_until(lambda: presses.count >= 2, "the second press was not seen")
    time.sleep(0.2)
    assert presses.count == 2


def test_the_focused_window_does_not_receive_the_combination(
    backend: X11ShortcutBackend, other_x_client: OtherClient, x_session: XSession
) -> None:
    other_x_client.window("Focused editor")
    presses = Presses()
    backend.register(CTRL_ALT_SPACE, presses)
    press(x_session, "ctrl+alt+space")
    assert keys_seen_before(other_x_client, x_session, "b") == []
    assert presses.count == 1


@pytest.mark.parametrize("lock", ["Num_Lock", "Caps_Lock"])
def test_a_press_with_a_lock_key_on_still_counts(
    backend: X11ShortcutBackend, x_session: XSession, lock: str
) -> None:
    presses = Presses()
    backend.register(CTRL_ALT_SPACE, presses)
    press(x_session, lock)
    try:
        press(x_session, "ctrl+alt+space")
        wait_until(lambda: presses.count == 1, f"no press seen with {lock} on")
    finally:
        press(x_session, lock)


def test_a_combination_another_program_holds_is_unavailable(
    backend: X11ShortcutBackend, other_x_client: OtherClient, caplog: pytest.LogCaptureFixture
) -> None:
    assert other_x_client.grab("space", CTRL_ALT)
    with caplog.at_level(logging.WARNING), pytest.raises(ShortcutUnavailable) as refused:
        backend.register(CTRL_ALT_SPACE, Presses())
    assert str(refused.value) == (
        "Ctrl+Alt+Space is already used by another program. Choose another shortcut in Settings."
    )
    assert "Ctrl+Alt+Space" in caplog.text


def test_a_refused_registration_leaves_none_of_its_grabs_behind(
    backend: X11ShortcutBackend, other_x_client: OtherClient
) -> None:
    # Only the NumLock variant is taken, so the plain and CapsLock grabs succeed first.
    assert other_x_client.grab("space", CTRL_ALT | X.Mod2Mask)
    with pytest.raises(ShortcutUnavailable):
        backend.register(CTRL_ALT_SPACE, Presses())
    assert other_x_client.grab("space", CTRL_ALT)
    assert other_x_client.grab("space", CTRL_ALT | X.LockMask)


def test_registering_again_moves_the_shortcut_and_frees_the_old_one(
    backend: X11ShortcutBackend, other_x_client: OtherClient, x_session: XSession
) -> None:
    other_x_client.window("Focused editor")
    first, second = Presses(), Presses()
    backend.register(CTRL_ALT_SPACE, first)
    backend.register(parse_combination("Ctrl+Alt+J"), second)

    press(x_session, "ctrl+alt+space")
    press(x_session, "ctrl+alt+j")
    assert keys_seen_before(other_x_client, x_session, "b") == ["space"]
    assert (first.count, second.count) == (0, 1)
    assert other_x_client.grab("space", CTRL_ALT)


def test_unregister_frees_the_combination(
    backend: X11ShortcutBackend, other_x_client: OtherClient
) -> None:
    backend.register(CTRL_ALT_SPACE, Presses())
    backend.unregister()
    assert other_x_client.grab("space", CTRL_ALT)


def test_on_press_may_change_the_registration_from_the_hotkey_thread(
    backend: X11ShortcutBackend, other_x_client: OtherClient, x_session: XSession
) -> None:
    presses = Presses()

    def unregister_on_press() -> None:
        presses()
        backend.unregister()

    backend.register(CTRL_ALT_SPACE, unregister_on_press)
    press(x_session, "ctrl+alt+space")
    wait_until(lambda: presses.count == 1, "on_press was not called")
    wait_until(lambda: other_x_client.grab("space", CTRL_ALT), "the grab was not released")


def test_close_stops_the_thread_and_frees_the_combination(
    x_session: XSession, other_x_client: OtherClient
) -> None:
    backend = X11ShortcutBackend(x_session.display)
    backend.register(CTRL_ALT_SPACE, Presses())
    backend.close()
    backend.close()
    assert "x11-shortcut" not in [thread.name for thread in threading.enumerate()]
    assert other_x_client.grab("space", CTRL_ALT)
    with pytest.raises(ShortcutUnavailable):
        backend.register(CTRL_ALT_SPACE, Presses())


def test_without_an_x_display_it_is_unavailable() -> None:
    # A name python-xlib refuses before connecting: a failed connection leaks its socket there.
    with pytest.raises(ShortcutUnavailable, match="no X display"):
        X11ShortcutBackend("no-such-display")
