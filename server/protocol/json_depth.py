"""A cheap check that a JSON text does not nest deeper than a limit, made before parsing it:
Python's parser recurses once per level and fails on deep input with a RecursionError, and
the SDK's own parser and serialiser have smaller limits still."""

import re

# A JSON string, escapes included; brackets inside one do not nest anything.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_OPENERS = frozenset("[{")


def nests_deeper_than(text: str, max_depth: int) -> bool:
    """Whether any point of ``text`` is inside more than ``max_depth`` arrays and objects.
    Unbalanced text is judged by its openers, so unclosed ``[[[[`` counts as deep."""
    # Most requests hold a handful of brackets: too few to reach the limit at all.
    if text.count("[") + text.count("{") <= max_depth:
        return False
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = 0
    for bracket in brackets:
        if bracket in _OPENERS:
            depth += 1
            if depth > max_depth:
                return True
        else:
            depth -= 1
    return False
