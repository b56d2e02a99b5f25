"""Thousands of broken variants of valid requests: each must parse into a request that survives
a round trip through the SDK's own JSON, or be refused with ChatKitRequestError. Nothing else
may come out."""

import json
import random
from typing import Any

import pytest
from chatkit.types import ChatKitReq
from pydantic import TypeAdapter

from server.protocol.errors import ChatKitRequestError
from server.protocol.request_parsing import parse_chatkit_request
from tests.server.protocol.examples import VALID_REQUESTS

SDK_ADAPTER: TypeAdapter[ChatKitReq] = TypeAdapter(ChatKitReq)
VARIANTS = 5000
ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**70,
    1.5,
    "",
    "x",
    "\u0000",
    "😀",
    [],
    [None],
    {},
    {"type": "input_text"},
    {"type": None},
    "[" * 70,
]
ODD_BYTES = [b"\x00", b"\xff", b"\\", b'"', b"[", b"{", b"]", b"}", b",", b":", b"\\ud800", b"NaN"]


def outcome(raw: bytes) -> str:
    try:
        parsed = parse_chatkit_request(raw)
    except ChatKitRequestError as error:
        assert str(error)
        return "refused"
    assert SDK_ADAPTER.validate_json(parsed.model_dump_json(by_alias=True)) == parsed
    return "parsed"


def replace_a_value(document: Any, rng: random.Random) -> Any:
    """The document with one value somewhere inside it replaced by an odd one."""
    if isinstance(document, dict) and document and rng.random() < 0.7:
        key = rng.choice(list(document))
        return {**document, key: replace_a_value(document[key], rng)}
    if isinstance(document, list) and document and rng.random() < 0.7:
        index = rng.randrange(len(document))
        return [*document[:index], replace_a_value(document[index], rng), *document[index + 1 :]]
    return rng.choice(ODD_VALUES)


def damage_bytes(raw: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(raw))
    match rng.randrange(4):
        case 0:
            return raw[:at]
        case 1:
            return raw[:at] + raw[at + 1 :]
        case 2:
            return raw[:at] + rng.choice(ODD_BYTES) + raw[at:]
        case _:
            return raw[:at] + rng.choice(ODD_BYTES) + raw[at + 1 :]


@pytest.mark.parametrize("seed", [1, 2])
def test_odd_values_anywhere_are_parsed_or_refused(seed: int) -> None:
    rng = random.Random(seed)
    documents = list(VALID_REQUESTS.values())
    outcomes = {
        outcome(json.dumps(replace_a_value(rng.choice(documents), rng)).encode())
        for _ in range(VARIANTS)
    }

    assert outcomes == {"parsed", "refused"}


@pytest.mark.parametrize("seed", [1, 2])
def test_damaged_bytes_are_parsed_or_refused(seed: int) -> None:
    rng = random.Random(seed)
    raws = [json.dumps(document).encode() for document in VALID_REQUESTS.values()]
    outcomes = {outcome(damage_bytes(rng.choice(raws), rng)) for _ in range(VARIANTS)}

    assert "refused" in outcomes
