"""COMPOUND_TEXT (X Consortium, "Compound Text Encoding"), the type Xt and Xaw programs such as
xmessage and xterm give their titles: ISO 2022 escapes that switch character sets in the middle
of a string. Xlib writes anything beyond Latin-1 in a UTF-8 segment (``ESC % G … ESC % @``);
older programs use the ISO 8859 right halves and the 94²-sets of Chinese, Japanese and Korean.
"""

import codecs
import re

ESCAPE = re.compile(
    rb"\x1b(?:"
    rb"%G(?P<utf8>.*?)(?:\x1b%@|$)"
    rb"|%/[0-4](?P<extended>[\x80-\xff]{2})"
    rb"|(?P<designation>[()\-]|\$[()])(?P<final>[\x30-\x7e])"
    rb")",
    re.DOTALL,
)
# The 96-character sets an ISO 8859 part puts in the right half, by their ISO 2022 final byte.
RIGHT_HALVES = {
    b"A": "iso8859-1",
    b"B": "iso8859-2",
    b"C": "iso8859-3",
    b"D": "iso8859-4",
    b"F": "iso8859-7",
    b"G": "iso8859-6",
    b"H": "iso8859-8",
    b"L": "iso8859-5",
    b"M": "iso8859-9",
    b"V": "iso8859-10",
    b"Y": "iso8859-13",
    b"_": "iso8859-14",
    b"b": "iso8859-15",
    b"f": "iso8859-16",
}
# The two-byte sets, by final byte, and the EUC codec that reads them with the high bit set.
DOUBLE_BYTE = {b"A": "euc_cn", b"B": "euc_jp", b"C": "euc_kr"}
# A segment direction marker (CSI 1 ], CSI 2 ], CSI ]) says nothing a title needs.
DIRECTION = re.compile(rb"\x9b[12]?\]")


def decode_compound_text(value: bytes) -> str:
    """Never raises: what cannot be read becomes U+FFFD."""
    text: list[str] = []
    left, right = "latin-1", "iso8859-1"
    position = 0
    while escape := ESCAPE.search(value, position):
        text.append(_decode_run(value[position : escape.start()], left, right))
        position = escape.end()
        if escape["utf8"] is not None:
            text.append(escape["utf8"].decode("utf-8", errors="replace"))
        elif escape["extended"] is not None:
            length_bytes = escape["extended"]
            length = (length_bytes[0] - 0x80) * 0x80 + (length_bytes[1] - 0x80)
            text.append(_extended_segment(value[position : position + length]))
            position += length
        else:
            designation, final = escape["designation"], escape["final"]
            if designation == b"(":
                left = "latin-1" if final in (b"B", b"J") else "unknown"
            elif designation == b"-":
                right = RIGHT_HALVES.get(final, "unknown")
            elif designation == b"$(":
                left = f"gl:{DOUBLE_BYTE.get(final, 'unknown')}"
            elif designation == b"$)":
                right = DOUBLE_BYTE.get(final, "unknown")
            else:
                right = "unknown"
    text.append(_decode_run(value[position:], left, right))
    return "".join(text)


def _decode_run(run: bytes, left: str, right: str) -> str:
    """Bytes under one pair of designations: each byte's half says which set it belongs to."""
    run = DIRECTION.sub(b"", run)
    parts: list[str] = []
    for half in re.finditer(rb"[\x00-\x7f]+|[\x80-\xff]+", run):
        chunk = half[0]
        parts.append(_decode_chunk(chunk, left if chunk[0] < 0x80 else right))
    return "".join(parts)


def _decode_chunk(chunk: bytes, charset: str) -> str:
    if charset == "unknown":
        return "\ufffd" * len(chunk)
    if charset.startswith("gl:"):
        # Control bytes stay themselves; the rest are the set's bytes without the high bit.
        charset = charset[3:]
        if charset == "unknown":
            return "\ufffd" * len(chunk)
        chunk = bytes(byte | 0x80 if byte > 0x20 else byte for byte in chunk)
    return chunk.decode(charset, errors="replace")


def _extended_segment(body: bytes) -> str:
    """``name STX text``, after the two bytes that gave its length: the name is the encoding
    (``iso8859-15``, ``big5-0``)."""
    name, separator, text = body.partition(b"\x02")
    if not separator:
        return "\ufffd"
    encoding = name.decode("ascii", errors="replace").lower().removesuffix("-0")
    try:
        codecs.lookup(encoding)
    except LookupError:
        return "\ufffd" * len(text)
    return text.decode(encoding, errors="replace")
