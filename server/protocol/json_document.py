"""Bytes from a client to a JSON value, or a ``ChatKitRequestError`` saying what is wrong.

Stricter than ``json.loads`` where its leniency would let a document through that the SDK
cannot take: ``NaN`` and ``Infinity`` are not JSON, ``1e999`` overflows to infinity, and an
escaped lone surrogate (``"\\ud800"``) decodes to a string that cannot be encoded again.
"""

import json
import math
import re
from typing import Any, NoReturn

from server.protocol.errors import ChatKitRequestError
from server.protocol.json_depth import nests_deeper_than

MAX_NESTING_DEPTH = 64
# A \u escape of a surrogate half. Most texts hold none, which spares the check below.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def read_json_document(raw: bytes, max_depth: int = MAX_NESTING_DEPTH) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ChatKitRequestError(
            f"the request body is not valid UTF-8 (at byte {error.start})"
        ) from None
    if nests_deeper_than(text, max_depth):
        raise ChatKitRequestError(f"the request body nests deeper than {max_depth} levels")
    try:
        document = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        raise ChatKitRequestError(
            f"the request body is not valid JSON: {error.msg} "
            f"(line {error.lineno}, column {error.colno})"
        ) from None
    except ValueError:
        # The only other ValueError of json.loads: an integer beyond sys.get_int_max_str_digits.
        raise ChatKitRequestError("the request body holds a number with too many digits") from None
    if _SURROGATE_ESCAPE.search(text) and _holds_lone_surrogate(document):
        raise ChatKitRequestError(
            "the request body holds a string with an unpaired surrogate escape (\\ud800-\\udfff)"
        )
    return document


def _refuse_constant(name: str) -> NoReturn:
    raise ChatKitRequestError(f"the request body is not valid JSON: {name} is not a JSON number")


def _finite_float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise ChatKitRequestError(f"the request body holds a number out of range: {literal[:32]}")
    return number


def _holds_lone_surrogate(document: Any) -> bool:
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
