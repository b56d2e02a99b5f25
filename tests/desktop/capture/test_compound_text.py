"""COMPOUND_TEXT as Xlib and older X programs write it."""

import pytest

from desktop.capture.compound_text import decode_compound_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (b"plain ASCII", "plain ASCII"),
        # Latin-1 is the right half until something else is designated.
        (b"Gr\xfc\xdfe", "Grüße"),
        # Xlib's UTF-8 segment, for everything beyond Latin-1.
        (b"report \x1b%G\xe2\x80\x94 \xe2\x98\x83\x1b%@ notes", "report — ☃ notes"),
        (b"unterminated \x1b%G\xe2\x98\x83", "unterminated ☃"),
        # ISO 8859-5 (Cyrillic) and 8859-7 (Greek) as the right half.
        (b"\x1b-L\xbf\xe0\xd8\xd2\xd5\xe2", "Привет"),
        (b"\x1b-F\xe1\xe2\xe1 and back \x1b-A\xe9", "αβα and back é"),
        # Japanese (JIS X 0208) in the right half, Chinese (GB 2312) in the left.
        (b"\x1b$)B\xc6\xfc\xcb\xdc", "日本"),
        (b"\x1b$(A\x56\x50\x4e\x44\x1b(B!", "中文!"),
        # An extended segment naming its encoding; its length (12: name, STX, one byte of
        # text) in two bytes of seven bits each, the high bit set.
        (b"cost \x1b%/1\x80\x8ciso8859-15\x02\xa4 10", "cost € 10"),
        # Direction markers say nothing a title needs.
        (b"\x9b1]abc\x9b]", "abc"),
    ],
)
def test_decodes(value: bytes, text: str) -> None:
    assert decode_compound_text(value) == text


def test_a_set_it_cannot_read_becomes_replacement_characters_not_an_error() -> None:
    assert decode_compound_text(b"a\x1b$)Z\xb0\xa1b") == "a\ufffd\ufffdb"
    assert decode_compound_text(b"\x1b%/1\x80\x87nope\x02xy") == "\ufffd\ufffd"
