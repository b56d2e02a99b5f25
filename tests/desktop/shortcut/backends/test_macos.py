"""The macOS backend's logic, with Carbon replaced by a fake that calls the handler as the
main thread's run loop would."""

import logging
import threading
from collections.abc import Callable, Iterator

import pytest

from common.shortcut_combination import parse_combination
from common.shortcut_keys import KEY_LABELS
from desktop.shortcut.backends.base import ShortcutUnavailable
from desktop.shortcut.backends.macos import (
    CMD_KEY,
    CONTROL_KEY,
    EVENT_HOTKEY_EXISTS_ERR,
    KEY_CODES,
    OPTION_KEY,
    SHIFT_KEY,
    MacShortcutBackend,
    hotkey_arguments,
)
from tests.desktop.shortcut.backends.fake_threads import Presses, wait_until

SHORTCUT_THREAD = "macos-shortcut"


class FakeCarbon:
    def __init__(self, taken: frozenset[tuple[int, int]] = frozenset(), error: int = 0) -> None:
        self.taken = taken
        self.error = error
        self.handler: Callable[[int, bool], None] | None = None
        self.handlers_installed = 0
        self.registered: dict[object, tuple[int, int, int]] = {}

    def install_handler(self, on_event: Callable[[int, bool], None]) -> None:
        self.handler = on_event
        self.handlers_installed += 1

    def register_hotkey(self, key_code: int, modifiers: int, hotkey_id: int) -> tuple[int, object]:
        if self.error:
            return self.error, None
        if (key_code, modifiers) in self.taken:
            return EVENT_HOTKEY_EXISTS_ERR, None
        reference = object()
        self.registered[reference] = (key_code, modifiers, hotkey_id)
        return 0, reference

    def unregister_hotkey(self, reference: object) -> None:
        del self.registered[reference]

    def combinations(self) -> set[tuple[int, int]]:
        return {(code, modifiers) for code, modifiers, _ in self.registered.values()}

    def event(self, pressed: bool, hotkey_id: int | None = None) -> None:
        """A kEventHotKeyPressed/Released for the registered backend (or an old id)."""
        assert self.handler is not None
        if hotkey_id is None:
            [(_, _, hotkey_id)] = self.registered.values()
        self.handler(hotkey_id, pressed)


@pytest.fixture
def carbon() -> FakeCarbon:
    return FakeCarbon()


@pytest.fixture
def backend(carbon: FakeCarbon) -> Iterator[MacShortcutBackend]:
    backend = MacShortcutBackend(carbon)
    yield backend
    backend.close()


def test_every_key_has_a_key_code() -> None:
    assert set(KEY_CODES) == set(KEY_LABELS)
    assert len(set(KEY_CODES.values())) == len(KEY_CODES)


@pytest.mark.parametrize(
    ("text", "key_code", "modifiers"),
    [
        ("Option+Space", 0x31, OPTION_KEY),
        ("Cmd+K", 0x28, CMD_KEY),
        ("Ctrl+Alt+Space", 0x31, CONTROL_KEY | OPTION_KEY),
        ("Cmd+Shift+F1", 0x7A, CMD_KEY | SHIFT_KEY),
        ("Ctrl+Grave", 0x32, CONTROL_KEY),
    ],
)
def test_combinations_become_key_codes_and_modifier_masks(
    text: str, key_code: int, modifiers: int
) -> None:
    assert hotkey_arguments(parse_combination(text)) == (key_code, modifiers)


def test_a_press_is_handed_to_the_backends_thread(
    backend: MacShortcutBackend, carbon: FakeCarbon
) -> None:
    presses = Presses()
    backend.register(parse_combination("Option+Space"), presses)
    assert carbon.combinations() == {(0x31, OPTION_KEY)}
    carbon.event(pressed=True)
    carbon.event(pressed=False)
    wait_until(lambda: presses.count == 1, "on_press was not called")
    assert presses.threads == [SHORTCUT_THREAD]


def test_a_press_before_the_release_is_not_a_new_one(
    backend: MacShortcutBackend, carbon: FakeCarbon
) -> None:
    presses = Presses()
    backend.register(parse_combination("Option+Space"), presses)
    carbon.event(pressed=True)
    carbon.event(pressed=True)
    carbon.event(pressed=False)
    carbon.event(pressed=True)
    wait_until(lambda: presses.count == 2, "the second press was not seen")
    assert presses.count == 2


def test_an_event_of_an_earlier_registration_is_ignored(
    backend: MacShortcutBackend, carbon: FakeCarbon
) -> None:
    first, second = Presses(), Presses()
    backend.register(parse_combination("Option+Space"), first)
    [(_, _, old_id)] = carbon.registered.values()
    backend.register(parse_combination("Cmd+K"), second)
    assert carbon.combinations() == {(0x28, CMD_KEY)}
    carbon.event(pressed=True, hotkey_id=old_id)
    carbon.event(pressed=True)
    wait_until(lambda: second.count == 1, "the new combination did not fire")
    assert first.count == 0
    assert carbon.handlers_installed == 1


def test_a_combination_another_program_has_is_unavailable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    backend = MacShortcutBackend(FakeCarbon(taken=frozenset({(0x31, OPTION_KEY)})))
    try:
        with caplog.at_level(logging.WARNING), pytest.raises(ShortcutUnavailable) as refused:
            backend.register(parse_combination("Option+Space"), Presses())
    finally:
        backend.close()
    assert str(refused.value) == (
        "Option+Space is already used by another program. Choose another shortcut in Settings."
    )
    assert "Option+Space" in caplog.text


def test_another_failure_names_the_macos_error() -> None:
    backend = MacShortcutBackend(FakeCarbon(error=-50))
    try:
        with pytest.raises(ShortcutUnavailable, match=r"macOS error -50"):
            backend.register(parse_combination("Option+Space"), Presses())
    finally:
        backend.close()


def test_unregister_releases_it(backend: MacShortcutBackend, carbon: FakeCarbon) -> None:
    backend.register(parse_combination("Option+Space"), Presses())
    backend.unregister()
    assert carbon.registered == {}


def test_close_releases_it_and_stops_the_thread(carbon: FakeCarbon) -> None:
    backend = MacShortcutBackend(carbon)
    backend.register(parse_combination("Option+Space"), Presses())
    backend.close()
    backend.close()
    assert carbon.registered == {}
    assert SHORTCUT_THREAD not in [thread.name for thread in threading.enumerate()]
    with pytest.raises(ShortcutUnavailable):
        backend.register(parse_combination("Option+Space"), Presses())
