"""The Wayland backend against a stand-in GlobalShortcuts portal on a real private D-Bus
session bus (dbus-daemon)."""

import shutil
import threading
from collections.abc import Iterator

import pytest

from common.shortcut_combination import parse_combination
from desktop.shortcut.backends.base import ShortcutUnavailable
from desktop.shortcut.backends.portal import SHORTCUT_ID, PortalShortcutBackend, preferred_trigger
from desktop.shortcut.backends.wayland import BIND_THE_COMMAND
from tests.desktop.shortcut.backends.fake_portal import (
    FakeGlobalShortcutsPortal,
    private_session_bus,
)
from tests.desktop.shortcut.backends.fake_threads import Presses, wait_until


@pytest.fixture
def bus_address() -> Iterator[str]:
    if not shutil.which("dbus-daemon"):
        pytest.skip("the portal tests need dbus-daemon: apt-get install dbus")
    with private_session_bus() as address:
        yield address


@pytest.fixture
def portal(bus_address: str) -> Iterator[FakeGlobalShortcutsPortal]:
    portal = FakeGlobalShortcutsPortal(bus_address)
    yield portal
    portal.close()


@pytest.fixture
def backend(
    portal: FakeGlobalShortcutsPortal, monkeypatch: pytest.MonkeyPatch
) -> Iterator[PortalShortcutBackend]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", portal.address)
    backend = PortalShortcutBackend.on_session_bus()
    yield backend
    backend.close()


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Ctrl+Alt+Space", "CTRL+ALT+space"),
        ("Super+J", "LOGO+j"),
        ("Ctrl+Shift+F12", "CTRL+SHIFT+F12"),
        ("Alt+Enter", "ALT+Return"),
    ],
)
def test_the_preferred_trigger_follows_the_shortcuts_specification(text: str, trigger: str) -> None:
    assert preferred_trigger(parse_combination(text)) == trigger


def test_binds_the_shortcut_and_an_activation_is_a_press(
    backend: PortalShortcutBackend, portal: FakeGlobalShortcutsPortal
) -> None:
    presses = Presses()
    backend.register(parse_combination("Ctrl+Alt+Space"), presses)
    [binding] = portal.bindings
    assert (binding.shortcut_id, binding.preferred_trigger) == (SHORTCUT_ID, "CTRL+ALT+space")
    portal.press(binding.session, SHORTCUT_ID)
    wait_until(lambda: presses.count == 1, "on_press was not called")
    assert presses.threads == ["portal-shortcut"]


def test_registering_again_binds_in_a_new_session_and_closes_the_old(
    backend: PortalShortcutBackend, portal: FakeGlobalShortcutsPortal
) -> None:
    first, second = Presses(), Presses()
    backend.register(parse_combination("Ctrl+Alt+Space"), first)
    backend.register(parse_combination("Super+J"), second)
    old, new = portal.bindings
    assert portal.open_sessions == {new.session}
    portal.press(old.session, SHORTCUT_ID)
    portal.press(new.session, SHORTCUT_ID)
    wait_until(lambda: second.count == 1, "the new binding did not fire")
    # Signals arrive in order: the old session's came first and was ignored.
    assert (first.count, second.count) == (0, 1)


def test_a_trigger_the_desktop_does_not_bind_is_unavailable(
    backend: PortalShortcutBackend, portal: FakeGlobalShortcutsPortal
) -> None:
    portal.taken.add("CTRL+ALT+space")
    with pytest.raises(ShortcutUnavailable, match="did not give Ctrl\\+Alt\\+Space"):
        backend.register(parse_combination("Ctrl+Alt+Space"), Presses())
    assert portal.open_sessions == set()


def test_a_declined_request_is_unavailable(
    backend: PortalShortcutBackend, portal: FakeGlobalShortcutsPortal
) -> None:
    portal.decline = True
    with pytest.raises(ShortcutUnavailable, match="declined"):
        backend.register(parse_combination("Ctrl+Alt+Space"), Presses())


def test_unregister_and_close_end_the_session_and_the_thread(
    backend: PortalShortcutBackend, portal: FakeGlobalShortcutsPortal
) -> None:
    backend.register(parse_combination("Ctrl+Alt+Space"), Presses())
    backend.unregister()
    assert portal.open_sessions == set()
    backend.register(parse_combination("Ctrl+Alt+Space"), Presses())
    backend.close()
    backend.close()
    assert portal.open_sessions == set()
    assert "portal-shortcut" not in [thread.name for thread in threading.enumerate()]


def test_without_the_portal_it_explains_how_to_bind_the_command(
    bus_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus_address)
    with pytest.raises(ShortcutUnavailable) as refused:
        PortalShortcutBackend.on_session_bus()
    assert str(refused.value) == BIND_THE_COMMAND
    assert "chatkit-desktop ask" in BIND_THE_COMMAND


def test_without_a_session_bus_it_explains_how_to_bind_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    with pytest.raises(ShortcutUnavailable, match="chatkit-desktop ask"):
        PortalShortcutBackend.on_session_bus()
