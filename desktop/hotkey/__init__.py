"""The global hotkey: one small interface (``base.GlobalHotkey``), one backend per platform,
and ``create_global_hotkey`` to pick it. Nothing heavy is imported until a backend is made."""

from desktop.hotkey.base import GlobalHotkey, HotkeyUnavailable
from desktop.hotkey.combination import (
    DEFAULT_COMBINATION,
    Combination,
    CombinationError,
    default_combination,
    parse_combination,
)
from desktop.hotkey.platform import create_global_hotkey

__all__ = [
    "DEFAULT_COMBINATION",
    "Combination",
    "CombinationError",
    "GlobalHotkey",
    "HotkeyUnavailable",
    "create_global_hotkey",
    "default_combination",
    "parse_combination",
]
