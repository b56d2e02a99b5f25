import pytest

from server.store.schema import MIGRATIONS
from server.store.words import WORD_CATEGORIES, folded, is_word_character, words_of


def test_the_word_categories_are_those_of_the_index_tokenizer() -> None:
    index = next(s for m in MIGRATIONS for s in m.statements if "USING fts5" in s)

    assert f"categories '{WORD_CATEGORIES}'" in index


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hello, world!", ["Hello", "world"]),
        ("snake_case col:x a*b", ["snake", "case", "col", "x", "a", "b"]),
        ("pizza 🍕 night ❤️", ["pizza", "🍕", "night", "❤️"]),
        ("हिन्दी भाषा", ["हिन्दी", "भाषा"]),
        ("cafe\u0301 \uff13\uff14", ["cafe\u0301", "\uff13\uff14"]),
        ("\ue000private\ue001", ["\ue000private\ue001"]),
        ("\U0001d518\U0001d52b \U000f0001", ["\U0001d518\U0001d52b", "\U000f0001"]),
        ("", []),
    ],
)
def test_words_are_runs_of_word_characters(text: str, words: list[str]) -> None:
    assert words_of(text) == words
    assert all(is_word_character(c) for word in words for c in word)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("MiXeD", "mixed"),
        ("Café", "cafe"),
        ("cafe\u0301", "cafe"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
    ],
)
def test_folding_drops_case_and_accents(word: str, expected: str) -> None:
    assert folded(word) == expected
