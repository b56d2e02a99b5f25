"""Whether this is a Wayland session, where no program may grab keys for itself: the shortcut
comes from the GlobalShortcuts portal, or the user binds our command in the desktop's settings."""

from collections.abc import Mapping

from desktop.shortcut.backends.base import ShortcutUnavailable

BIND_THE_COMMAND = (
    "This Wayland desktop does not let programs take a global shortcut for themselves. "
    "Bind the command `chatkit-desktop ask` to a key instead: on GNOME in Settings → Keyboard → "
    "Keyboard Shortcuts → Custom Shortcuts, on KDE in System Settings → Shortcuts."
)


def is_wayland_session(environ: Mapping[str, str]) -> bool:
    return environ.get("XDG_SESSION_TYPE") == "wayland" or bool(environ.get("WAYLAND_DISPLAY"))


def no_global_shortcuts() -> ShortcutUnavailable:
    return ShortcutUnavailable(BIND_THE_COMMAND)
