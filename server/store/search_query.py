"""A person's search box text, turned into an FTS5 query that treats all of it as plain words.

FTS5's own syntax (``"``, ``*``, ``AND``, ``OR``, ``NOT``, ``NEAR(``, ``col:``, ``^``,
parentheses) would make ordinary text fail or mean something else, so every word is quoted as
an FTS5 string, inside which only ``"`` is special (doubled). Words must all match; the last
one also matches as a prefix, so results follow the typing.
"""

import unicodedata
from dataclasses import dataclass

from server.store.words import folded, words_of

# Enough for any real query; a pasted page is cut here rather than becoming a huge query.
MAX_QUERY_CHARACTERS = 1000
MAX_WORDS = 32
# A single letter as a prefix matches nearly every word and is the slowest query there is.
MIN_PREFIX_LENGTH = 2
# Control characters (NUL ends an FTS5 string early) and lone surrogates (which cannot be
# encoded for SQLite) become spaces.
_UNBINDABLE_CATEGORIES = frozenset({"Cc", "Cs"})


@dataclass(frozen=True)
class SearchQuery:
    expression: str
    """The FTS5 MATCH expression."""
    terms: frozenset[str]
    """The query's whole words, folded (see ``words.folded``)."""
    prefix: str | None
    """The folded start of the word being typed, matched as a prefix."""

    def term_of(self, folded_word: str) -> str | None:
        """The term of this query that a folded word of some text matches, if any."""
        if folded_word in self.terms:
            return folded_word
        if self.prefix is not None and folded_word.startswith(self.prefix):
            return self.prefix
        return None

    @property
    def term_count(self) -> int:
        return len(self.terms | ({self.prefix} if self.prefix else set()))


def parse_query(text: str) -> SearchQuery | None:
    """The query for ``text``, or None when it holds no word to look for."""
    cleaned = "".join(
        " " if unicodedata.category(character) in _UNBINDABLE_CATEGORIES else character
        for character in text[:MAX_QUERY_CHARACTERS]
    )
    chunks = [(chunk, words_of(chunk)) for chunk in cleaned.split()]
    chunks = [(chunk, words) for chunk, words in chunks if words][:MAX_WORDS]
    if not chunks:
        return None
    phrases = ['"' + chunk.replace('"', '""') + '"' for chunk, _ in chunks]
    words = [word for _, chunk_words in chunks for word in chunk_words]
    typing = not cleaned[-1].isspace() and len(words[-1]) >= MIN_PREFIX_LENGTH
    if typing:
        phrases[-1] += "*"
    whole_words = words[:-1] if typing else words
    return SearchQuery(
        expression=" ".join(phrases),
        terms=frozenset(folded(word) for word in whole_words) - {""},
        prefix=(folded(words[-1]) or None) if typing else None,
    )
