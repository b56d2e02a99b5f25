import pytest

from server.protocol.errors import ChatKitRequestError
from server.protocol.json_document import MAX_NESTING_DEPTH, read_json_document


def refusal(raw: bytes) -> str:
    with pytest.raises(ChatKitRequestError) as raised:
        read_json_document(raw)
    return str(raised.value)


def test_a_json_document_is_read() -> None:
    assert read_json_document(b'{"a": [1, 2.5, "\xc3\xa9", null, true]}') == {
        "a": [1, 2.5, "é", None, True]
    }


@pytest.mark.parametrize("raw", [b"\xff{}", b'{"a": "\xc3"}', b'{"a": "\xed\xa0\x80"}'])
def test_bytes_that_are_not_utf8_are_refused(raw: bytes) -> None:
    assert "not valid UTF-8" in refusal(raw)


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"", "line 1, column 1"),
        (b"{", "line 1, column 2"),
        (b'{"a": 1,}', "line 1, column 9"),
        (b'{"a":\n tru}', "line 2, column 2"),
        (b"{'a': 1}", "line 1, column 2"),
        (b'{"a": 1} extra', "line 1, column 10"),
        (b"\xef\xbb\xbf{}", "line 1, column 1"),
    ],
)
def test_text_that_is_not_json_is_refused_with_where(raw: bytes, where: str) -> None:
    message = refusal(raw)

    assert message.startswith("the request body is not valid JSON: ")
    assert where in message


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_numbers_are_refused(constant: str) -> None:
    assert f"{constant} is not a JSON number" in refusal(b'{"a": %s}' % constant.encode())


@pytest.mark.parametrize("number", [b"1e999", b"-1e400"])
def test_numbers_that_overflow_to_infinity_are_refused(number: bytes) -> None:
    assert "number out of range" in refusal(b'{"a": %s}' % number)


def test_integers_with_thousands_of_digits_are_refused() -> None:
    assert "too many digits" in refusal(b'{"a": ' + b"9" * 5000 + b"}")


def test_absurd_nesting_is_refused_without_recursing() -> None:
    assert f"deeper than {MAX_NESTING_DEPTH} levels" in refusal(b"[" * 100_000)


def test_nesting_at_the_limit_is_read() -> None:
    depth = MAX_NESTING_DEPTH

    assert read_json_document(b"[" * depth + b"]" * depth) is not None


@pytest.mark.parametrize("escape", [b"\\ud800", b"\\uDFFF", b"x\\udc00y", b"\\ud83d"])
def test_an_unpaired_surrogate_escape_is_refused(escape: bytes) -> None:
    assert "unpaired surrogate" in refusal(b'{"text": "' + escape + b'"}')


def test_a_surrogate_pair_is_one_character() -> None:
    assert read_json_document(b'{"text": "\\ud83d\\ude00"}') == {"text": "😀"}


def test_an_escaped_backslash_before_u_is_not_an_escape() -> None:
    assert read_json_document(b'{"text": "\\\\ud800"}') == {"text": "\\ud800"}


def test_an_unpaired_surrogate_in_a_key_is_refused() -> None:
    assert "unpaired surrogate" in refusal(b'{"\\ud800": 1}')
