"""The passage of a hit's text that best shows why it matched, its matches marked.

FTS5's own snippet() takes time in the square of the matches in the text: a pasted log with
fifty thousand times the same word took 13 seconds. This takes time in proportion to the text
read, and stops reading once a passage holds every word of the query.
"""

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from server.store.highlight import HIGHLIGHT_END, HIGHLIGHT_START
from server.store.search_query import SearchQuery
from server.store.words import folded, word_pattern

SNIPPET_WORDS = 16
ELLIPSIS = "…"
# A snippet stays a line: a longer word (a pasted blob) or run of punctuation is cut short.
LONGEST_FRAGMENT = 40
_SPACES = re.compile(r"\s+")


class _Word(NamedTuple):
    start: int
    end: int
    term: str | None


def snippet_of(text: str, query: SearchQuery, size: int = SNIPPET_WORDS) -> str:
    """About ``size`` words of ``text`` around its best group of matches."""
    found = _words(text, query)
    words: list[_Word] = []
    in_window: Counter[str] = Counter()
    best_score, best_start = -1, 0
    for word in found:
        words.append(word)
        if word.term is not None:
            in_window[word.term] += 1
        if len(words) > size:
            leaving = words[-size - 1].term
            if leaving is not None:
                in_window[leaving] -= 1
                if not in_window[leaving]:
                    del in_window[leaving]
        if len(in_window) > best_score:
            best_score, best_start = len(in_window), max(0, len(words) - size)
            if best_score == query.term_count:
                break
    first, last = _centred(words, best_start, size)
    # Read on just far enough to fill the passage, and to know whether text follows it.
    while len(words) <= last + 1:
        following = next(found, None)
        if following is None:
            break
        words.append(following)
    return _render(text, words, first, min(last, len(words) - 1))


def _words(text: str, query: SearchQuery) -> Iterator[_Word]:
    for match in word_pattern().finditer(text):
        yield _Word(match.start(), match.end(), query.term_of(folded(match.group())))


def _centred(words: list[_Word], start: int, size: int) -> tuple[int, int]:
    """The window's first and last word, moved so its matches sit in its middle."""
    matched = [i for i in range(start, min(start + size, len(words))) if words[i].term]
    if not matched:
        return start, start + size - 1
    spare = size - (matched[-1] - matched[0] + 1)
    first = max(0, matched[0] - spare // 2)
    return first, first + size - 1


def _render(text: str, words: list[_Word], first: int, last: int) -> str:
    if not words:
        return ""
    end = len(text) if last == len(words) - 1 else words[last].end
    parts = [ELLIPSIS] if first > 0 else []
    position = 0 if first == 0 else words[first].start
    for word in words[first : last + 1]:
        parts.append(_shortened(_SPACES.sub(" ", text[position : word.start])))
        shown = _shortened(text[word.start : word.end])
        parts.append(f"{HIGHLIGHT_START}{shown}{HIGHLIGHT_END}" if word.term else shown)
        position = word.end
    parts.append(_shortened(_SPACES.sub(" ", text[position:end])))
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts).strip()


def _shortened(fragment: str) -> str:
    if len(fragment) <= LONGEST_FRAGMENT:
        return fragment
    return fragment[:LONGEST_FRAGMENT] + ELLIPSIS
