"""How search snippets mark the words that matched.

Private-use characters never appear in what people write, so the HTTP layer can escape a
snippet as plain text and only then turn these two into highlighting.
"""

HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"
