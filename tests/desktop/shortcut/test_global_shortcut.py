"""The shortcut as the user set it, with the real X11 backend on a private X display: keys
pressed through XTEST (xdotool), a rival program played by a second X connection."""

import threading
from collections.abc import Callable, Iterator

import pytest
from Xlib import X

from common.shortcut_combination import Combination
from desktop.shortcut.backends.base import ShortcutBackend
from desktop.shortcut.backends.platform import create_shortcut_backend
from desktop.shortcut.backends.x11 import X11ShortcutBackend
from desktop.shortcut.global_shortcut import GlobalShortcut
from testing.x_display import OtherClient, run_x, wait_until
from testing.x_session import XSession
from tests.desktop.shortcut.backends.fake_threads import Presses

CTRL_ALT = X.ControlMask | X.Mod1Mask


class RecordedBackend:
    """The real X11 backend, with a record of what it was asked, and a hook that runs before
    each registration (to play a desktop portal that takes its time to answer)."""

    def __init__(self, display: str, calls: list[str]) -> None:
        self.real = X11ShortcutBackend(display)
        self.calls = calls
        self.before_register: Callable[[], None] = lambda: None

    def register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        self.calls.append(f"register {combination.label()}")
        self.before_register()
        self.real.register(combination, on_press)

    def unregister(self) -> None:
        self.calls.append("unregister")
        self.real.unregister()

    def close(self) -> None:
        self.calls.append("close")
        self.real.close()


class Backends:
    """``create_backend`` for the shortcut: each backend it made, and every call to them."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.made: list[RecordedBackend] = []
        self.calls: list[str] = []

    def __call__(self) -> RecordedBackend:
        backend = RecordedBackend(self.display, self.calls)
        self.made.append(backend)
        return backend


class Setting:
    """The setting as a test sets it: changed, then the shortcut told, as the settings do."""

    def __init__(self) -> None:
        self.value = ""
        self.shortcut: GlobalShortcut | None = None

    def change_to(self, value: str) -> None:
        self.value = value
        assert self.shortcut is not None
        self.shortcut.refresh()


@pytest.fixture
def backends(x_session: XSession) -> Iterator[Backends]:
    made = Backends(x_session.display)
    yield made
    for backend in made.made:
        backend.real.close()


def shortcut_for(
    create_backend: Callable[[], ShortcutBackend], on_press: Callable[[], None] = lambda: None
) -> tuple[GlobalShortcut, Setting]:
    setting = Setting()
    setting.shortcut = GlobalShortcut(on_press, create_backend, lambda: setting.value)
    return setting.shortcut, setting


def test_a_combination_is_registered_and_a_press_reaches_the_app(
    backends: Backends, x_session: XSession
) -> None:
    presses = Presses()
    shortcut, setting = shortcut_for(backends, presses)
    setting.change_to("ctrl+alt+space")
    assert shortcut.active
    assert shortcut.describe() == {"combination": "Ctrl+Alt+Space", "active": True, "problem": None}
    run_x(x_session, "xdotool", "key", "ctrl+alt+space")
    wait_until(lambda: presses.count == 1, "the press did not reach the app")


def test_the_same_combination_again_is_not_registered_twice(backends: Backends) -> None:
    _, setting = shortcut_for(backends)
    setting.change_to("Ctrl+Alt+Space")
    setting.change_to("ctrl+alt+SPACE")
    assert backends.calls == ["register Ctrl+Alt+Space"]


def test_a_taken_combination_is_explained_and_another_can_be_chosen(
    backends: Backends, other_x_client: OtherClient, x_session: XSession
) -> None:
    assert other_x_client.grab("space", CTRL_ALT)
    presses = Presses()
    shortcut, setting = shortcut_for(backends, presses)
    setting.change_to("Ctrl+Alt+Space")
    assert not shortcut.active
    assert shortcut.describe() == {
        "combination": "Ctrl+Alt+Space",
        "active": False,
        "problem": "Ctrl+Alt+Space is already used by another program. "
        "Choose another shortcut in Settings.",
    }
    setting.change_to("Ctrl+Alt+J")
    assert shortcut.describe() == {"combination": "Ctrl+Alt+J", "active": True, "problem": None}
    run_x(x_session, "xdotool", "key", "ctrl+alt+j")
    wait_until(lambda: presses.count == 1, "the new combination did not reach the app")


def test_a_session_without_a_display_is_explained() -> None:
    shortcut, setting = shortcut_for(lambda: create_shortcut_backend(environ={}, platform="linux"))
    setting.change_to("Ctrl+Alt+Space")
    assert not shortcut.active
    assert "chatkit-desktop ask" in str(shortcut.describe()["problem"])


def test_an_empty_setting_turns_it_off_and_frees_the_keys(
    backends: Backends, other_x_client: OtherClient
) -> None:
    shortcut, setting = shortcut_for(backends)
    setting.change_to("Ctrl+Alt+Space")
    setting.change_to("")
    assert backends.calls == ["register Ctrl+Alt+Space", "unregister"]
    assert shortcut.describe() == {"combination": None, "active": False, "problem": None}
    assert other_x_client.grab("space", CTRL_ALT)


def test_close_stops_the_backend_and_frees_the_keys(
    backends: Backends, other_x_client: OtherClient
) -> None:
    shortcut, setting = shortcut_for(backends)
    setting.change_to("Ctrl+Alt+Space")
    shortcut.close()
    assert backends.calls[-1] == "close"
    assert not shortcut.active
    assert other_x_client.grab("space", CTRL_ALT)


def test_a_change_after_close_registers_nothing(
    backends: Backends, other_x_client: OtherClient
) -> None:
    # Settings saved while the app quits must not grab a key for a process on its way out.
    shortcut, setting = shortcut_for(backends)
    shortcut.close()
    setting.change_to("Ctrl+Alt+Space")
    assert backends.made == []
    assert not shortcut.active
    assert other_x_client.grab("space", CTRL_ALT)


def test_reading_the_state_never_waits_for_a_slow_registration(backends: Backends) -> None:
    # A desktop portal can take many seconds to answer; Settings must not hang meanwhile.
    entered, release = threading.Event(), threading.Event()

    def answer_late() -> None:
        entered.set()
        release.wait(10)

    def slow_backend() -> RecordedBackend:
        backend = backends()
        backend.before_register = answer_late
        return backend

    shortcut, setting = shortcut_for(slow_backend)
    setting.value = "Ctrl+Alt+Space"
    registering = threading.Thread(target=shortcut.refresh)
    registering.start()
    try:
        assert entered.wait(10)
        assert shortcut.describe() == {"combination": None, "active": False, "problem": None}
        assert not shortcut.active
    finally:
        release.set()
        registering.join(10)
    assert shortcut.active
