"""The global shortcut: one small interface (``base.ShortcutBackend``), one backend per platform,
and ``create_shortcut_backend`` to pick it. Nothing heavy is imported until a backend is made."""

from common.shortcut_combination import (
    DEFAULT_COMBINATION,
    Combination,
    CombinationError,
    default_combination,
    parse_combination,
)
from desktop.shortcut.backends.base import ShortcutBackend, ShortcutUnavailable
from desktop.shortcut.backends.platform import create_shortcut_backend

__all__ = [
    "DEFAULT_COMBINATION",
    "Combination",
    "CombinationError",
    "ShortcutBackend",
    "ShortcutUnavailable",
    "create_shortcut_backend",
    "default_combination",
    "parse_combination",
]
