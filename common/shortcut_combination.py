"""A global shortcut as people write it ("Ctrl+Alt+Space") and as the backends need it: a set
of modifiers and one key."""

import sys
from dataclasses import dataclass

from common.shortcut_keys import KEY_LABELS, canonical_key

DEFAULT_COMBINATION = "Ctrl+Alt+Space"
# Option+Space is the macOS habit (Spotlight-like launchers); Ctrl+Alt is awkward there.
MAC_DEFAULT_COMBINATION = "Option+Space"

MODIFIER_ORDER = ("ctrl", "alt", "shift", "super")
_MODIFIER_LABELS = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "super": "Super"}
_MAC_MODIFIER_LABELS = {"ctrl": "Ctrl", "alt": "Option", "shift": "Shift", "super": "Cmd"}
_MODIFIER_ALIASES = {
    "ctrl": "ctrl",
    "control": "ctrl",
    "ctl": "ctrl",
    "⌃": "ctrl",
    "alt": "alt",
    "option": "alt",
    "opt": "alt",
    "⌥": "alt",
    "shift": "shift",
    "⇧": "shift",
    "super": "super",
    "win": "super",
    "windows": "super",
    "meta": "super",
    "cmd": "super",
    "command": "super",
    "⌘": "super",
}
# Shift alone would take a plain capital letter away from every other program.
_REQUIRED_MODIFIERS = frozenset({"ctrl", "alt", "super"})


class CombinationError(ValueError):
    """The text does not name a usable shortcut; the message says why, for a person."""


@dataclass(frozen=True)
class Combination:
    modifiers: frozenset[str]
    key: str

    def label(self) -> str:
        """The canonical display form, e.g. "Ctrl+Alt+Space"; it parses back to the same."""
        return self._join(_MODIFIER_LABELS)

    def mac_label(self) -> str:
        """The same with the names on a Mac keyboard, e.g. "Option+Space"."""
        return self._join(_MAC_MODIFIER_LABELS)

    def __str__(self) -> str:
        return self.label()

    def _join(self, modifier_labels: dict[str, str]) -> str:
        parts = [modifier_labels[name] for name in MODIFIER_ORDER if name in self.modifiers]
        return "+".join([*parts, KEY_LABELS[self.key]])


def default_combination(platform: str = sys.platform) -> str:
    return MAC_DEFAULT_COMBINATION if platform == "darwin" else DEFAULT_COMBINATION


def parse_combination(text: str) -> Combination:
    if not text.strip():
        raise CombinationError("The shortcut is empty. Type one such as Ctrl+Alt+Space.")
    parts = [part.strip() for part in text.split("+")]
    if "" in parts:
        raise CombinationError(
            f"“{text}” has an empty part. Join the keys with a single +, as in Ctrl+Alt+Space."
        )
    modifiers: set[str] = set()
    keys: list[str] = []
    for part in parts:
        modifier = _MODIFIER_ALIASES.get(part.lower())
        if modifier is not None:
            if modifier in modifiers:
                raise CombinationError(f"{_MODIFIER_LABELS[modifier]} appears twice in “{text}”.")
            modifiers.add(modifier)
            continue
        key = canonical_key(part)
        if key is None:
            raise CombinationError(
                f"“{part}” is not a key name this app knows. Use a letter, a digit, F1 to F20, "
                "Space, Enter, Tab, an arrow or a similar key name."
            )
        if key in keys:
            raise CombinationError(f"{KEY_LABELS[key]} appears twice in “{text}”.")
        keys.append(key)
    if not keys:
        raise CombinationError(f"“{text}” needs a key after the modifiers, as in Ctrl+Alt+Space.")
    if len(keys) > 1:
        raise CombinationError(f"“{text}” names more than one key; a shortcut has one.")
    combination = Combination(frozenset(modifiers), keys[0])
    if not modifiers & _REQUIRED_MODIFIERS:
        raise CombinationError(
            f"{combination.label()} needs at least one of Ctrl, Alt, Super alongside the key."
        )
    return combination
