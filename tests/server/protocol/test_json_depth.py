import json

import pytest

from server.protocol.json_depth import nests_deeper_than


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [0, 1, 10, 64])
def test_nesting_up_to_the_limit_passes(depth: int) -> None:
    assert not nests_deeper_than(nested(depth), 64)


@pytest.mark.parametrize("depth", [65, 100, 5000])
def test_nesting_past_the_limit_is_found(depth: int) -> None:
    assert nests_deeper_than(nested(depth), 64)


def test_objects_and_arrays_both_count() -> None:
    document = {"a": [{"b": [{"c": []}]}]}

    assert not nests_deeper_than(json.dumps(document), 6)
    assert nests_deeper_than(json.dumps(document), 5)


def test_many_shallow_containers_are_not_deep() -> None:
    assert not nests_deeper_than(json.dumps([[1], {"a": []}] * 10_000), 64)


def test_brackets_inside_strings_do_not_nest() -> None:
    text = json.dumps({"code": "[" * 1000, "more": "{" * 1000 + '"\\' + "[" * 100})

    assert not nests_deeper_than(text, 64)


def test_an_escaped_quote_does_not_end_a_string() -> None:
    text = json.dumps(['he said "[[[' + "[" * 100 + '"'])

    assert not nests_deeper_than(text, 64)


def test_unclosed_brackets_count_as_deep() -> None:
    assert nests_deeper_than("[" * 100_000, 64)
    assert nests_deeper_than('{"a":' * 100, 64)
