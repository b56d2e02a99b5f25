import pytest

from server.attachments.content_types import (
    ContentRefused,
    check_supported,
    checked_chunks,
    is_image,
    is_text,
)


def consumed(chunks: list[bytes], mime_type: str, size: int) -> bytes:
    return b"".join(checked_chunks(iter(chunks), mime_type, size))


@pytest.mark.parametrize(
    "mime_type",
    [
        "image/png",
        "IMAGE/JPEG",
        "image/gif",
        "image/webp",
        "application/pdf",
        "text/x-python",
        "text/plain; charset=utf-8",
        "application/json",
    ],
)
def test_supported_types(mime_type: str) -> None:
    check_supported(mime_type)


@pytest.mark.parametrize("mime_type", ["", "application/zip", "video/mp4", "image/svg+xml"])
def test_other_types_are_refused_with_the_list(mime_type: str) -> None:
    with pytest.raises(ContentRefused, match="supported are images"):
        check_supported(mime_type)


def test_kinds() -> None:
    assert is_image("image/png") and not is_image("application/pdf")
    assert is_text("text/csv") and is_text("application/json") and not is_text("image/png")


def test_a_signature_split_across_chunks_is_still_checked() -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(20)
    assert consumed([data[:3], data[3:5], data[5:]], "image/png", len(data)) == data
    with pytest.raises(ContentRefused, match="not a image/png"):
        consumed([b"\x89P", b"NX" + bytes(20)], "image/png", 24)


def test_a_file_shorter_than_a_signature_is_checked_at_its_end() -> None:
    with pytest.raises(ContentRefused):
        consumed([b"%PD"], "application/pdf", 3)


def test_utf8_split_across_chunks_is_fine_but_a_cut_ending_is_not() -> None:
    text = "ü✓".encode()
    assert consumed([text[:1], text[1:4], text[4:]], "text/plain", len(text)) == text
    with pytest.raises(ContentRefused, match="UTF-8"):
        consumed([text[:-1]], "text/plain", len(text) - 1)


def test_more_bytes_than_announced_stop_at_once() -> None:
    chunks = checked_chunks(iter([b"abc", b"def"]), "text/plain", 4)
    assert next(chunks) == b"abc"
    with pytest.raises(ContentRefused, match="larger than the 4 bytes"):
        next(chunks)
