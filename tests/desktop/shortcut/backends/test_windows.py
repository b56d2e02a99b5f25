"""The Windows backend's logic, with user32 replaced by a fake that keeps a message queue."""

import logging
import queue
import threading
from collections.abc import Iterator

import pytest

from common.shortcut_combination import parse_combination
from common.shortcut_keys import KEY_LABELS
from desktop.shortcut.backends.base import ShortcutUnavailable
from desktop.shortcut.backends.windows import (
    ERROR_HOTKEY_ALREADY_REGISTERED,
    HOTKEY_ID,
    MOD_ALT,
    MOD_CONTROL,
    MOD_NOREPEAT,
    MOD_SHIFT,
    MOD_WIN,
    VIRTUAL_KEYS,
    WM_HOTKEY,
    WindowsShortcutBackend,
    hotkey_arguments,
)
from tests.desktop.shortcut.backends.fake_threads import Presses, wait_until

SHORTCUT_THREAD = "windows-shortcut"


class FakeUser32:
    """user32's hotkeys for one thread: RegisterHotKey with a NULL window posts WM_HOTKEY to
    the registering thread's queue. Records which thread made each call."""

    def __init__(self, taken: frozenset[tuple[int, int]] = frozenset(), error: int = 0) -> None:
        self.taken = taken
        self.error = error
        self.registered: dict[int, tuple[int, int]] = {}
        self.call_threads: list[tuple[str, str]] = []
        self._messages: queue.SimpleQueue[tuple[int, int]] = queue.SimpleQueue()
        self._owner: int | None = None

    def _record(self, call: str) -> None:
        self.call_threads.append((call, threading.current_thread().name))

    def current_thread_id(self) -> int:
        return threading.get_ident()

    def create_message_queue(self) -> None:
        self._record("create_message_queue")
        self._owner = threading.get_ident()

    def register_hotkey(self, hotkey_id: int, modifiers: int, virtual_key: int) -> int:
        self._record("register_hotkey")
        if self.error:
            return self.error
        if (modifiers & ~MOD_NOREPEAT, virtual_key) in self.taken or hotkey_id in self.registered:
            return ERROR_HOTKEY_ALREADY_REGISTERED
        self.registered[hotkey_id] = (modifiers, virtual_key)
        return 0

    def unregister_hotkey(self, hotkey_id: int) -> None:
        self._record("unregister_hotkey")
        self.registered.pop(hotkey_id, None)

    def next_message(self) -> tuple[int, int]:
        self._record("next_message")
        return self._messages.get()

    def post_thread_message(self, thread_id: int, message: int) -> None:
        assert thread_id == self._owner, "posted to a thread without our message queue"
        self._messages.put((message, 0))

    def press(self, modifiers: int, virtual_key: int) -> None:
        """The user presses keys: a WM_HOTKEY when they are registered."""
        for hotkey_id, registered in self.registered.items():
            if registered[0] & ~MOD_NOREPEAT == modifiers and registered[1] == virtual_key:
                self._messages.put((WM_HOTKEY, hotkey_id))

    def threads_of(self, call: str) -> set[str]:
        return {thread for name, thread in self.call_threads if name == call}


@pytest.fixture
def user32() -> FakeUser32:
    return FakeUser32()


@pytest.fixture
def backend(user32: FakeUser32) -> Iterator[WindowsShortcutBackend]:
    backend = WindowsShortcutBackend(user32)
    yield backend
    backend.close()


def test_every_key_has_a_virtual_key_code() -> None:
    assert set(VIRTUAL_KEYS) == set(KEY_LABELS)
    assert len(set(VIRTUAL_KEYS.values())) == len(VIRTUAL_KEYS)


@pytest.mark.parametrize(
    ("text", "modifiers", "virtual_key"),
    [
        ("Ctrl+Alt+Space", MOD_CONTROL | MOD_ALT, 0x20),
        ("Super+J", MOD_WIN, 0x4A),
        ("Ctrl+Shift+F12", MOD_CONTROL | MOD_SHIFT, 0x7B),
        ("Alt+7", MOD_ALT, 0x37),
        ("Ctrl+Alt+Slash", MOD_CONTROL | MOD_ALT, 0xBF),
        ("Ctrl+PageDown", MOD_CONTROL, 0x22),
    ],
)
def test_combinations_become_modifiers_and_virtual_keys_without_repeat(
    text: str, modifiers: int, virtual_key: int
) -> None:
    assert hotkey_arguments(parse_combination(text)) == (modifiers | MOD_NOREPEAT, virtual_key)


def test_registers_on_its_own_thread_and_calls_on_press_there(
    backend: WindowsShortcutBackend, user32: FakeUser32
) -> None:
    presses = Presses()
    backend.register(parse_combination("Ctrl+Alt+Space"), presses)
    assert user32.registered == {HOTKEY_ID: (MOD_CONTROL | MOD_ALT | MOD_NOREPEAT, 0x20)}
    user32.press(MOD_CONTROL | MOD_ALT, 0x20)
    wait_until(lambda: presses.count == 1, "on_press was not called")
    assert presses.threads == [SHORTCUT_THREAD]
    # Windows ties a shortcut and its messages to the thread that registered it.
    assert user32.threads_of("register_hotkey") == {SHORTCUT_THREAD}
    assert user32.threads_of("next_message") == {SHORTCUT_THREAD}


def test_a_combination_another_program_has_is_unavailable(caplog: pytest.LogCaptureFixture) -> None:
    backend = WindowsShortcutBackend(FakeUser32(taken=frozenset({(MOD_CONTROL | MOD_ALT, 0x20)})))
    try:
        with caplog.at_level(logging.WARNING), pytest.raises(ShortcutUnavailable) as refused:
            backend.register(parse_combination("Ctrl+Alt+Space"), Presses())
    finally:
        backend.close()
    assert str(refused.value) == (
        "Ctrl+Alt+Space is already used by another program. Choose another shortcut in Settings."
    )
    assert "Ctrl+Alt+Space" in caplog.text


def test_another_failure_names_the_windows_error() -> None:
    backend = WindowsShortcutBackend(FakeUser32(error=87))
    try:
        with pytest.raises(ShortcutUnavailable, match=r"Windows error 87"):
            backend.register(parse_combination("Ctrl+Alt+Space"), Presses())
    finally:
        backend.close()


def test_registering_again_replaces_the_combination(
    backend: WindowsShortcutBackend, user32: FakeUser32
) -> None:
    first, second = Presses(), Presses()
    backend.register(parse_combination("Ctrl+Alt+Space"), first)
    backend.register(parse_combination("Super+J"), second)
    assert user32.registered == {HOTKEY_ID: (MOD_WIN | MOD_NOREPEAT, 0x4A)}
    user32.press(MOD_CONTROL | MOD_ALT, 0x20)
    user32.press(MOD_WIN, 0x4A)
    wait_until(lambda: second.count == 1, "the new combination did not fire")
    assert first.count == 0


def test_unregister_releases_the_combination_on_the_hotkey_thread(
    backend: WindowsShortcutBackend, user32: FakeUser32
) -> None:
    backend.register(parse_combination("Ctrl+Alt+Space"), Presses())
    backend.unregister()
    assert user32.registered == {}
    assert user32.threads_of("unregister_hotkey") == {SHORTCUT_THREAD}


def test_a_failing_on_press_is_logged_and_the_next_press_still_arrives(
    backend: WindowsShortcutBackend, user32: FakeUser32, caplog: pytest.LogCaptureFixture
) -> None:
    presses = Presses()

    def failing_once() -> None:
        presses()
        if presses.count == 1:
            raise RuntimeError("boom")

    backend.register(parse_combination("Ctrl+Alt+Space"), failing_once)
    with caplog.at_level(logging.ERROR):
        user32.press(MOD_CONTROL | MOD_ALT, 0x20)
        user32.press(MOD_CONTROL | MOD_ALT, 0x20)
        wait_until(lambda: presses.count == 2, "the second press did not arrive")
    assert "handler failed" in caplog.text


def test_close_unregisters_on_the_hotkey_thread_and_stops_it(user32: FakeUser32) -> None:
    backend = WindowsShortcutBackend(user32)
    backend.register(parse_combination("Ctrl+Alt+Space"), Presses())
    backend.close()
    backend.close()
    assert user32.registered == {}
    assert user32.threads_of("unregister_hotkey") == {SHORTCUT_THREAD}
    assert SHORTCUT_THREAD not in [thread.name for thread in threading.enumerate()]
    with pytest.raises(ShortcutUnavailable):
        backend.register(parse_combination("Ctrl+Alt+Space"), Presses())
