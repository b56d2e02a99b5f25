import random
import sqlite3
import sys

import pytest

from server.store.search_query import (
    MAX_QUERY_CHARACTERS,
    MAX_WORDS,
    SearchQuery,
    parse_query,
)
from server.store.words import WORD_CATEGORIES


def expression(text: str) -> str | None:
    query = parse_query(text)
    return None if query is None else query.expression


@pytest.mark.parametrize(
    ("text", "fts5"),
    [
        ("hello world", '"hello" "world"*'),
        ("hello world ", '"hello" "world"'),
        ('say "hi"', '"say" """hi"""*'),
        ("NEAR(a b)", '"NEAR(a" "b)"'),
        ("OR NOT", '"OR" "NOT"*'),
        ("col:x", '"col:x"'),
        ("col:xy", '"col:xy"*'),
        ("a", '"a"'),
        ("nul\x00byte", '"nul" "byte"*'),
    ],
)
def test_words_become_quoted_phrases(text: str, fts5: str) -> None:
    assert expression(text) == fts5


@pytest.mark.parametrize("text", ["", "   ", '"', '""', "*", "(", ")", "'", "-", "\x00", "\ud800"])
def test_text_without_words_gives_no_query(text: str) -> None:
    assert parse_query(text) is None


def test_long_text_is_cut_to_a_bounded_query() -> None:
    words = expression("word " * 10_000)
    characters = expression("y" * 10_000)

    assert words is not None
    assert words.count('"word"') == MAX_WORDS
    assert characters == '"' + "y" * MAX_QUERY_CHARACTERS + '"*'


def test_the_query_knows_its_whole_words_and_the_prefix_being_typed() -> None:
    assert parse_query("Café au LAI") == SearchQuery(
        expression='"Café" "au" "LAI"*', terms=frozenset({"cafe", "au"}), prefix="lai"
    )
    assert parse_query("col:x NEAR ") == SearchQuery(
        expression='"col:x" "NEAR"', terms=frozenset({"col", "x", "near"}), prefix=None
    )


def test_a_query_matches_folded_words_to_its_terms() -> None:
    query = parse_query("red pel")
    assert query is not None

    assert [query.term_of(word) for word in ("red", "pelican", "pe", "blue")] == [
        "red",
        "pel",
        None,
        None,
    ]
    assert query.term_count == 2


def random_text(generator: random.Random) -> str:
    pieces = ['"', "'", "*", "(", ")", ":", "^", "-", "+", "NEAR", "AND", "OR", "NOT", " ", "\x00"]
    pieces += ["\t", "\n", "é", "🍕", "\ufe0f", "\u200d", "ab", "日本", "\ud800", "\\", "{", "}"]
    length = generator.randint(0, 12)
    return "".join(
        generator.choice(pieces)
        if generator.random() < 0.8
        else chr(generator.randint(0, sys.maxunicode))
        for _ in range(length)
    )


def test_random_text_always_gives_a_query_fts5_accepts() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5 (text, "
        f"tokenize = \"unicode61 remove_diacritics 2 categories '{WORD_CATEGORIES}'\")"
    )
    connection.execute("INSERT INTO t VALUES ('ab NEAR 日本 🍕 é')")
    generator = random.Random(20250301)
    checked = 0
    for _ in range(5_000):
        query = parse_query(random_text(generator))
        if query is not None:
            connection.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query.expression,))
            checked += 1

    assert checked > 1_000
