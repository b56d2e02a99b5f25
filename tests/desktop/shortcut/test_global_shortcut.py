"""The shortcut as the user set it, against a stand-in backend: the X11 one is tested on a real
display in ``tests/desktop/hotkey`` and end to end in ``test_shortcut_in_the_app``."""

import threading
from collections.abc import Callable

from desktop.hotkey.base import HotkeyUnavailable, already_used
from desktop.hotkey.combination import Combination
from desktop.shortcut.global_shortcut import GlobalShortcut


class StandInBackend:
    """Records what it is asked; refuses the combinations in ``taken``."""

    def __init__(self, taken: frozenset[str] = frozenset()) -> None:
        self.taken = taken
        self.calls: list[str] = []
        self.on_press: Callable[[], None] | None = None

    def register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        self.calls.append(f"register {combination.label()}")
        if combination.label() in self.taken:
            raise already_used(combination.label())
        self.on_press = on_press

    def unregister(self) -> None:
        self.calls.append("unregister")

    def close(self) -> None:
        self.calls.append("close")


class Setting:
    """The setting as a test sets it: changed, then the shortcut told, as the settings do."""

    def __init__(self) -> None:
        self.value = ""
        self.shortcut: GlobalShortcut | None = None

    def change_to(self, value: str) -> None:
        self.value = value
        assert self.shortcut is not None
        self.shortcut.refresh()


def shortcut_for(
    backend: StandInBackend | Callable[[], StandInBackend],
    on_press: Callable[[], None] = lambda: None,
) -> tuple[GlobalShortcut, Setting]:
    setting = Setting()
    create = backend if callable(backend) else lambda: backend
    setting.shortcut = GlobalShortcut(on_press, create, lambda: setting.value)
    return setting.shortcut, setting


def press_counter() -> tuple[list[int], Callable[[], None]]:
    presses: list[int] = []
    return presses, lambda: presses.append(1)


def test_a_combination_is_registered_and_reported_active() -> None:
    backend = StandInBackend()
    presses, on_press = press_counter()
    shortcut, setting = shortcut_for(backend, on_press)
    setting.change_to("ctrl+alt+space")
    assert shortcut.active
    assert shortcut.describe() == {"combination": "Ctrl+Alt+Space", "active": True, "problem": None}
    assert backend.on_press is not None
    backend.on_press()
    assert presses == [1]


def test_the_same_combination_again_is_not_registered_twice() -> None:
    backend = StandInBackend()
    _, setting = shortcut_for(backend)
    setting.change_to("Ctrl+Alt+Space")
    setting.change_to("ctrl+alt+SPACE")
    assert backend.calls == ["register Ctrl+Alt+Space"]


def test_a_taken_combination_is_explained_and_another_can_be_chosen() -> None:
    backend = StandInBackend(taken=frozenset({"Ctrl+Alt+Space"}))
    shortcut, setting = shortcut_for(backend)
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


def test_a_platform_without_a_backend_is_explained() -> None:
    def no_backend() -> StandInBackend:
        raise HotkeyUnavailable("Bind `chatkit-desktop ask` in your desktop's settings.")

    shortcut, setting = shortcut_for(no_backend)
    setting.change_to("Ctrl+Alt+Space")
    assert shortcut.describe()["problem"] == (
        "Bind `chatkit-desktop ask` in your desktop's settings."
    )
    assert not shortcut.active


def test_an_empty_setting_turns_it_off() -> None:
    backend = StandInBackend()
    shortcut, setting = shortcut_for(backend)
    setting.change_to("Ctrl+Alt+Space")
    setting.change_to("")
    assert backend.calls == ["register Ctrl+Alt+Space", "unregister"]
    assert shortcut.describe() == {"combination": None, "active": False, "problem": None}


def test_close_stops_the_backend_and_it_is_no_longer_active() -> None:
    backend = StandInBackend()
    shortcut, setting = shortcut_for(backend)
    setting.change_to("Ctrl+Alt+Space")
    shortcut.close()
    assert backend.calls[-1] == "close"
    assert not shortcut.active


def test_reading_the_state_never_waits_for_a_slow_registration() -> None:
    # A desktop portal can take many seconds to answer; Settings must not hang meanwhile.
    entered, release = threading.Event(), threading.Event()

    class SlowBackend(StandInBackend):
        def register(self, combination: Combination, on_press: Callable[[], None]) -> None:
            entered.set()
            release.wait(10)
            super().register(combination, on_press)

    backend = SlowBackend()
    shortcut, setting = shortcut_for(backend)
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


def test_a_change_after_close_registers_nothing() -> None:
    # Settings saved while the app quits must not grab a key for a process on its way out.
    backend = StandInBackend()
    shortcut, setting = shortcut_for(backend)
    shortcut.close()
    setting.change_to("Ctrl+Alt+Space")
    assert backend.calls == []
    assert not shortcut.active
