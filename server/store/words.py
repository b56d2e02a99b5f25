"""What a word is, the same for the search index, a search query and a snippet."""

import functools
import re
import sys
import unicodedata

# The Unicode categories the index's tokenizer makes words of (its ``categories`` option in
# schema.py); characters of any other category separate words.
WORD_CATEGORIES = "L* N* Co M* So"
_CATEGORY_GROUPS = frozenset(c[0] for c in WORD_CATEGORIES.split() if c.endswith("*"))
_CATEGORIES = frozenset(c for c in WORD_CATEGORIES.split() if not c.endswith("*"))
# Planes 4 to 13 hold no characters at all; skipping them halves the one-off scan below.
_PLANES_WITH_CHARACTERS = (range(0, 0x40000), range(0xE0000, sys.maxunicode + 1))


def is_word_character(character: str) -> bool:
    category = unicodedata.category(character)
    return category[0] in _CATEGORY_GROUPS or category in _CATEGORIES


@functools.cache
def word_pattern() -> re.Pattern[str]:
    """Matches one word. ``re`` knows no Unicode categories, so the character class is built
    from them once (about a tenth of a second), on the first search."""
    ranges: list[str] = []
    for plane in _PLANES_WITH_CHARACTERS:
        start: int | None = None
        for code in plane:
            if is_word_character(chr(code)):
                if start is None:
                    start = code
            elif start is not None:
                ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
                start = None
        if start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(plane[-1]))}")
    return re.compile(f"[{''.join(ranges)}]+")


def words_of(text: str) -> list[str]:
    return word_pattern().findall(text)


def folded(word: str) -> str:
    """The word without case or accents, as the index compares words."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
