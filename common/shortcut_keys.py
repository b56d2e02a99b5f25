"""The keys a global shortcut may use: one canonical name each, the label people read, and the
other names they may type. Each backend maps every canonical name to its own key code."""

# Canonical name -> label. Letters and digits are added below.
_NAMED_KEYS = {
    "space": "Space",
    "enter": "Enter",
    "tab": "Tab",
    "escape": "Esc",
    "backspace": "Backspace",
    "delete": "Delete",
    "insert": "Insert",
    "home": "Home",
    "end": "End",
    "pageup": "PageUp",
    "pagedown": "PageDown",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    # Punctuation is named in words: "+" separates the parts, and the symbols move with the
    # keyboard layout while the key stays where it is.
    "minus": "Minus",
    "equal": "Equal",
    "comma": "Comma",
    "period": "Period",
    "slash": "Slash",
    "backslash": "Backslash",
    "semicolon": "Semicolon",
    "apostrophe": "Apostrophe",
    "grave": "Grave",
    "bracketleft": "BracketLeft",
    "bracketright": "BracketRight",
}

FUNCTION_KEY_COUNT = 20

KEY_LABELS: dict[str, str] = {
    **{letter: letter.upper() for letter in "abcdefghijklmnopqrstuvwxyz"},
    **{digit: digit for digit in "0123456789"},
    **{f"f{number}": f"F{number}" for number in range(1, FUNCTION_KEY_COUNT + 1)},
    **_NAMED_KEYS,
}

# Other spellings people type (lower case) -> canonical name.
KEY_ALIASES = {
    "return": "enter",
    "esc": "escape",
    "del": "delete",
    "ins": "insert",
    "pgup": "pageup",
    "page_up": "pageup",
    "prior": "pageup",
    "pgdn": "pagedown",
    "page_down": "pagedown",
    "next": "pagedown",
    "-": "minus",
    "=": "equal",
    ",": "comma",
    ".": "period",
    "dot": "period",
    "/": "slash",
    "\\": "backslash",
    ";": "semicolon",
    "'": "apostrophe",
    "quote": "apostrophe",
    "`": "grave",
    "backquote": "grave",
    "[": "bracketleft",
    "]": "bracketright",
}


def canonical_key(name: str) -> str | None:
    """The canonical name for what a person typed, or None for a key this app does not know."""
    lowered = name.strip().lower()
    lowered = KEY_ALIASES.get(lowered, lowered)
    return lowered if lowered in KEY_LABELS else None


# Canonical name -> xkb keysym name, where they differ: letters, digits, "space" and the
# punctuation names are keysym names already. X11 and the Wayland portal name keys this way.
_KEYSYM_NAMES = {
    "enter": "Return",
    "tab": "Tab",
    "escape": "Escape",
    "backspace": "BackSpace",
    "delete": "Delete",
    "insert": "Insert",
    "home": "Home",
    "end": "End",
    "pageup": "Prior",
    "pagedown": "Next",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
}


def xkb_keysym_name(key: str) -> str:
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    return _KEYSYM_NAMES.get(key, key)
