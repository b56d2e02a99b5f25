import pytest

from common.shortcut_combination import (
    DEFAULT_COMBINATION,
    Combination,
    CombinationError,
    default_combination,
    parse_combination,
)
from common.shortcut_keys import KEY_LABELS


@pytest.mark.parametrize(
    ("text", "modifiers", "key"),
    [
        ("Ctrl+Alt+Space", {"ctrl", "alt"}, "space"),
        ("ctrl+alt+space", {"ctrl", "alt"}, "space"),
        (" Ctrl + Alt + Space ", {"ctrl", "alt"}, "space"),
        ("Super+J", {"super"}, "j"),
        ("Option+Space", {"alt"}, "space"),
        ("Cmd+K", {"super"}, "k"),
        ("Control+Shift+F12", {"ctrl", "shift"}, "f12"),
        ("Meta+Return", {"super"}, "enter"),
        ("Win+PgUp", {"super"}, "pageup"),
        ("Ctrl+Alt+/", {"ctrl", "alt"}, "slash"),
        ("Alt+1", {"alt"}, "1"),
    ],
)
def test_parses_what_people_write(text: str, modifiers: set[str], key: str) -> None:
    assert parse_combination(text) == Combination(frozenset(modifiers), key)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("alt+ctrl+space", "Ctrl+Alt+Space"),
        ("super+shift+ctrl+a", "Ctrl+Shift+Super+A"),
        ("Option+Space", "Alt+Space"),
        ("ctrl+alt+esc", "Ctrl+Alt+Esc"),
        ("ctrl+alt+[", "Ctrl+Alt+BracketLeft"),
    ],
)
def test_the_label_is_canonical_and_parses_back(text: str, label: str) -> None:
    combination = parse_combination(text)
    assert combination.label() == str(combination) == label
    assert parse_combination(label) == combination


def test_every_key_label_parses_back_to_its_key() -> None:
    for key, label in KEY_LABELS.items():
        assert parse_combination(f"Ctrl+{label}").key == key


def test_the_mac_label_uses_the_mac_names() -> None:
    assert parse_combination("Ctrl+Alt+Shift+Super+K").mac_label() == "Ctrl+Option+Shift+Cmd+K"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The shortcut is empty"),
        ("   ", "The shortcut is empty"),
        ("Space", "Space needs at least one of Ctrl, Alt, Super alongside the key."),
        ("Shift+A", "Shift+A needs at least one of Ctrl, Alt, Super alongside the key."),
        ("Ctrl+Alt", "needs a key after the modifiers"),
        ("Ctrl+Ctrl+A", "Ctrl appears twice"),
        ("Ctrl+Control+A", "Ctrl appears twice"),
        ("Ctrl+A+A", "A appears twice"),
        ("Ctrl+A+B", "names more than one key"),
        ("Ctrl+Hyperspace", "“Hyperspace” is not a key name this app knows"),
        ("Ctrl++A", "has an empty part"),
        ("Ctrl+Alt+", "has an empty part"),
    ],
)
def test_refuses_with_a_message_that_says_why(text: str, message: str) -> None:
    with pytest.raises(CombinationError, match=message.replace("+", r"\+")) as refused:
        parse_combination(text)
    assert isinstance(refused.value, ValueError)


def test_the_default_is_option_space_on_macos_only() -> None:
    assert default_combination("linux") == DEFAULT_COMBINATION == "Ctrl+Alt+Space"
    assert default_combination("win32") == "Ctrl+Alt+Space"
    assert default_combination("darwin") == "Option+Space"
    assert parse_combination(default_combination("darwin")).mac_label() == "Option+Space"
