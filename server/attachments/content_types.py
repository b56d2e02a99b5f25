"""Which files an attachment may be, and whether its bytes are what its type says.

The model can use images, PDFs and text; anything else is refused when it is announced, before
a byte is sent, with the supported list in words.
"""

import codecs
from collections.abc import Iterable, Iterator

IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    # RIFF....WEBP: the four bytes between are the size; checked apart below.
    "image/webp": (b"RIFF",),
}
PDF_SIGNATURE = b"%PDF-"
# Text the model reads as it is; types browsers give text files that are not text/*.
TEXT_TYPES = frozenset(
    {
        "application/json",
        "application/xml",
        "application/x-yaml",
        "application/yaml",
        "application/toml",
        "application/javascript",
        "application/x-sh",
        "application/x-python",
        "application/sql",
    }
)
SUPPORTED_IN_WORDS = (
    "images (PNG, JPEG, GIF, WebP), PDF documents and UTF-8 text files "
    "(plain text, Markdown, CSV, JSON, XML, YAML, source code)"
)
# Enough of the start to recognise any of the signatures above.
_SIGNATURE_BYTES = 12


class ContentRefused(ValueError):
    """The bytes, their size or their type cannot be an attachment; the message says why."""


def normalised_type(mime_type: str) -> str:
    """``Text/Plain; charset=utf-8`` is ``text/plain``."""
    return mime_type.split(";", 1)[0].strip().lower()


def is_image(mime_type: str) -> bool:
    return normalised_type(mime_type) in IMAGE_SIGNATURES


def is_text(mime_type: str) -> bool:
    kind = normalised_type(mime_type)
    return kind.startswith("text/") or kind in TEXT_TYPES


def check_supported(mime_type: str) -> None:
    kind = normalised_type(mime_type)
    if not (kind in IMAGE_SIGNATURES or kind == "application/pdf" or is_text(kind)):
        raise ContentRefused(
            f"{mime_type or 'this type'} files cannot be attached; supported are "
            f"{SUPPORTED_IN_WORDS}"
        )


def checked_chunks(chunks: Iterable[bytes], mime_type: str, announced_size: int) -> Iterator[bytes]:
    """``chunks`` passed on as they come, raising ``ContentRefused`` the moment they stop
    matching the type or the announced size, and once more at the end if they came up short:
    a writer that stops on the exception never finishes a wrong file."""
    kind = normalised_type(mime_type)
    decoder = codecs.getincrementaldecoder("utf-8")() if is_text(kind) else None
    head = b""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > announced_size:
            raise ContentRefused(f"the file is larger than the {announced_size} bytes announced")
        if len(head) < _SIGNATURE_BYTES:
            head += chunk[: _SIGNATURE_BYTES - len(head)]
            if len(head) == _SIGNATURE_BYTES or size == announced_size:
                _check_signature(head, kind)
        if decoder is not None:
            _decode(decoder, chunk, final=False)
        yield chunk
    if size != announced_size:
        raise ContentRefused(f"the file has {size} bytes, not the {announced_size} announced")
    if len(head) < _SIGNATURE_BYTES:
        _check_signature(head, kind)
    if decoder is not None:
        _decode(decoder, b"", final=True)


def _check_signature(head: bytes, kind: str) -> None:
    if kind == "application/pdf":
        expected_ok = head.startswith(PDF_SIGNATURE)
    elif kind == "image/webp":
        expected_ok = head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    elif kind in IMAGE_SIGNATURES:
        expected_ok = head.startswith(IMAGE_SIGNATURES[kind])
    else:
        return
    if not expected_ok:
        raise ContentRefused(f"the file's bytes are not a {kind} file")


def _decode(decoder: codecs.IncrementalDecoder, chunk: bytes, *, final: bool) -> None:
    try:
        decoder.decode(chunk, final)
    except UnicodeDecodeError as error:
        raise ContentRefused("the text file is not valid UTF-8") from error
