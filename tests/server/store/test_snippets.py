import time

from server.store.highlight import HIGHLIGHT_END, HIGHLIGHT_START
from server.store.search_query import SearchQuery, parse_query
from server.store.snippets import ELLIPSIS, LONGEST_FRAGMENT, SNIPPET_WORDS, snippet_of


def query(text: str) -> SearchQuery:
    parsed = parse_query(text)
    assert parsed is not None
    return parsed


def plain(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]")


def test_a_short_text_is_shown_whole_with_its_matches_marked() -> None:
    assert plain(snippet_of("Is the Café open?", query("cafe "))) == "Is the [Café] open?"


def test_a_long_text_is_cut_around_its_match() -> None:
    text = " ".join(f"w{n}" for n in range(100)).replace("w50", "needle")

    shown = plain(snippet_of(text, query("needle ")))

    assert shown.startswith(ELLIPSIS)
    assert shown.endswith(ELLIPSIS)
    assert "[needle]" in shown
    assert len(shown.strip(ELLIPSIS).split()) == SNIPPET_WORDS
    words = shown.strip(ELLIPSIS).split()
    assert 5 <= words.index("[needle]") <= 10


def test_the_passage_holding_every_word_wins_over_the_first_match() -> None:
    text = "alpha " + "filler " * 50 + "alpha beta " + "filler " * 50

    shown = plain(snippet_of(text, query("alpha beta ")))

    assert "[alpha] [beta]" in shown


def test_the_word_being_typed_matches_as_a_prefix() -> None:
    assert plain(snippet_of("pelicans and pelts", query("pel"))) == "[pelicans] and [pelts]"


def test_whitespace_is_collapsed_and_long_fragments_cut() -> None:
    blob = "x" * 500

    shown = plain(snippet_of(f"line one\n\n\tneedle {blob} end", query("needle ")))

    assert shown == f"line one [needle] {'x' * LONGEST_FRAGMENT}{ELLIPSIS} end"


def test_a_text_where_the_query_is_not_found_shows_its_start() -> None:
    assert snippet_of("some text here", query("absent ")) == "some text here"
    assert snippet_of("", query("absent ")) == ""


def test_fifty_thousand_matches_take_well_under_a_second() -> None:
    # The query's two words are never near each other: every word of the text is read.
    text = "zebra filler words here " * 50_000 + "okapi"
    started = time.perf_counter()

    shown = snippet_of(text, query("zebra okapi "))

    assert time.perf_counter() - started < 2.0
    assert shown.count(HIGHLIGHT_START) >= 3
