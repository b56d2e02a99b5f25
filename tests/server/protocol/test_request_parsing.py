import copy
import json
from typing import Any

import pytest
from chatkit.types import (
    ChatKitReq,
    InferenceOptions,
    ThreadsAddUserMessageReq,
    ThreadsCreateReq,
)
from pydantic import TypeAdapter, ValidationError

from server.protocol.errors import ChatKitRequestError
from server.protocol.request_parsing import (
    KNOWN_REQUEST_TYPES,
    ReferencedIds,
    parse_chatkit_request,
    referenced_ids,
)
from tests.server.protocol.examples import USER_INPUT, VALID_REQUESTS

# How ChatKitServer.process() parses what it is given.
SDK_ADAPTER: TypeAdapter[ChatKitReq] = TypeAdapter(ChatKitReq)


def encode(document: Any) -> bytes:
    return json.dumps(document).encode()


def refusal(document: Any) -> str:
    with pytest.raises(ChatKitRequestError) as raised:
        parse_chatkit_request(encode(document))
    return str(raised.value)


def test_the_examples_cover_every_request_type_of_the_sdk() -> None:
    assert sorted(VALID_REQUESTS) == list(KNOWN_REQUEST_TYPES)
    assert len(KNOWN_REQUEST_TYPES) == 16


@pytest.mark.parametrize("request_type", sorted(VALID_REQUESTS))
def test_every_request_type_parses(request_type: str) -> None:
    parsed = parse_chatkit_request(encode(VALID_REQUESTS[request_type]))

    assert parsed.type == request_type
    assert parsed == SDK_ADAPTER.validate_python(VALID_REQUESTS[request_type])


def test_metadata_is_kept() -> None:
    parsed = parse_chatkit_request(encode(VALID_REQUESTS["threads.add_user_message"]))

    assert parsed.metadata == {"shared_context": {"selected_text": "x"}}


@pytest.mark.parametrize(
    ("request_type", "expected"),
    [
        ("threads.create", ReferencedIds(None, None)),
        ("threads.list", ReferencedIds(None, None)),
        ("attachments.create", ReferencedIds(None, None)),
        ("threads.get_by_id", ReferencedIds("thr_1", None)),
        ("threads.add_user_message", ReferencedIds("thr_1", None)),
        ("items.feedback", ReferencedIds("thr_1", None)),
        ("threads.delete", ReferencedIds("thr_1", None)),
        ("threads.retry_after_item", ReferencedIds("thr_1", "msg_1")),
        ("threads.add_structured_input", ReferencedIds("thr_1", "si_1")),
        ("threads.custom_action", ReferencedIds("thr_1", "wdg_1")),
        ("threads.sync_custom_action", ReferencedIds("thr_1", None)),
    ],
)
def test_referenced_ids_name_the_thread_and_item_a_request_is_about(
    request_type: str, expected: ReferencedIds
) -> None:
    parsed = parse_chatkit_request(encode(VALID_REQUESTS[request_type]))

    assert referenced_ids(parsed) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xfe\xff", "not valid UTF-8"),
        (b'{"type": ', "not valid JSON"),
        (b'{"type": "threads.list", "params": {"limit": NaN}}', "NaN is not a JSON number"),
        (b"[" * 100_000, "deeper than 64 levels"),
    ],
)
def test_bytes_that_are_no_json_document_are_refused(raw: bytes, expected: str) -> None:
    with pytest.raises(ChatKitRequestError, match=expected):
        parse_chatkit_request(raw)


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        ([], "an array"),
        ("threads.list", "a string"),
        (3, "a number"),
        (None, "null"),
        (True, "a boolean"),
    ],
)
def test_a_document_that_is_not_an_object_is_refused(document: Any, kind: str) -> None:
    assert refusal(document) == f"the request body must be a JSON object, not {kind}"


def test_a_request_without_type_is_told_the_known_types() -> None:
    message = refusal({"params": {}})

    assert message.startswith("the request has no type; known types: ")
    assert all(request_type in message for request_type in KNOWN_REQUEST_TYPES)


@pytest.mark.parametrize(
    "request_type", ["threads.destroy", "", "THREADS.LIST", 5, None, ["threads.list"]]
)
def test_an_unknown_type_is_named_and_the_known_types_listed(request_type: Any) -> None:
    message = refusal({"type": request_type, "params": {}})

    assert message.startswith(f"unknown request type {request_type!r}; known types: ")
    assert all(known in message for known in KNOWN_REQUEST_TYPES)


def test_a_long_unknown_type_is_not_echoed_whole() -> None:
    message = refusal({"type": "x" * 10_000, "params": {}})

    assert len(message) < 1000


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            {"type": "threads.get_by_id"},
            "invalid threads.get_by_id request: params: Field required",
        ),
        (
            {"type": "threads.get_by_id", "params": {}},
            "invalid threads.get_by_id request: params.thread_id: Field required",
        ),
        (
            {"type": "threads.get_by_id", "params": {"thread_id": 42}},
            "invalid threads.get_by_id request: params.thread_id: Input should be a valid string",
        ),
        (
            {"type": "threads.list", "params": []},
            "invalid threads.list request: params: Input should be a valid dictionary",
        ),
        (
            {"type": "threads.list", "params": {"order": "newest"}},
            "invalid threads.list request: params.order: Input should be 'asc' or 'desc'",
        ),
        (
            {"type": "threads.create", "params": {"input": {"attachments": []}}},
            "invalid threads.create request: params.input.content: Field required",
        ),
        (
            {"type": "threads.create", "params": {"input": {**USER_INPUT, "content": "Hello"}}},
            "invalid threads.create request: params.input.content: Input should be a valid list",
        ),
        (
            {
                "type": "threads.create",
                "params": {"input": {**USER_INPUT, "content": [{"type": "input_text"}]}},
            },
            "invalid threads.create request: params.input.content[0].text: Field required",
        ),
        (
            {
                "type": "threads.create",
                "params": {"input": {**USER_INPUT, "content": [{"type": "input_video"}]}},
            },
            "invalid threads.create request: params.input.content[0]: Input tag 'input_video'",
        ),
        (
            {"type": "threads.create", "params": {"input": {**USER_INPUT, "attachments": None}}},
            "invalid threads.create request: params.input.attachments: Input should be",
        ),
        (
            {
                "type": "items.feedback",
                "params": {"thread_id": "t", "item_ids": ["a", 1], "kind": "meh"},
            },
            "invalid items.feedback request: params.item_ids[1]: Input should be a valid string",
        ),
    ],
)
def test_missing_or_mistyped_fields_are_named_by_their_path(
    document: dict[str, Any], expected: str
) -> None:
    assert refusal(document).startswith(expected)


@pytest.mark.parametrize("metadata", [[], "x", 1, None, True])
def test_metadata_that_is_not_an_object_is_refused(metadata: Any) -> None:
    message = refusal({**VALID_REQUESTS["threads.list"], "metadata": metadata})

    assert message == "invalid threads.list request: metadata: Input should be a valid dictionary"


def test_every_problem_is_reported_up_to_a_few() -> None:
    message = refusal(
        {
            "type": "attachments.create",
            "params": {"name": 1, "size": "big", "mime_type": 2},
            "metadata": 3,
        }
    )

    for path in ("params.name", "params.size", "params.mime_type", "metadata"):
        assert f"{path}: " in message


def test_a_flood_of_problems_is_summarised() -> None:
    item_ids = list(range(100))

    message = refusal(
        {
            "type": "items.feedback",
            "params": {"thread_id": "t", "item_ids": item_ids, "kind": "positive"},
        }
    )

    assert message.endswith("and 95 more")


@pytest.mark.parametrize("request_type", ["threads.custom_action", "threads.sync_custom_action"])
def test_a_custom_action_without_a_type_is_refused(request_type: str) -> None:
    document = copy.deepcopy(VALID_REQUESTS[request_type])
    del document["params"]["action"]["type"]

    assert (
        refusal(document) == f"invalid {request_type} request: params.action.type: Field required"
    )


def test_the_sdk_alone_cannot_take_a_custom_action_without_a_type() -> None:
    """Why the check above exists: the SDK validates it, then cannot serialise it."""
    document = copy.deepcopy(VALID_REQUESTS["threads.custom_action"])
    del document["params"]["action"]["type"]

    parsed = SDK_ADAPTER.validate_python(document)

    with pytest.raises(ValueError, match="TypeVar"):
        parsed.model_dump_json()


def user_message_without_options(request_type: str) -> dict[str, Any]:
    document = copy.deepcopy(VALID_REQUESTS[request_type])
    del document["params"]["input"]["attachments"]
    del document["params"]["input"]["inference_options"]
    return document


@pytest.mark.parametrize("request_type", ["threads.create", "threads.add_user_message"])
def test_the_sdk_alone_refuses_a_user_message_without_attachments_or_options(
    request_type: str,
) -> None:
    """Why the defaults below exist: ChatKitServer.process() validates exactly like this, outside
    any error handling, so this ValidationError escapes the route as an HTTP 500."""
    with pytest.raises(ValidationError) as raised:
        SDK_ADAPTER.validate_json(encode(user_message_without_options(request_type)))

    missing = {error["loc"][-1] for error in raised.value.errors() if error["type"] == "missing"}
    assert missing == {"attachments", "inference_options"}


@pytest.mark.parametrize("request_type", ["threads.create", "threads.add_user_message"])
def test_a_user_message_without_attachments_or_options_gets_the_empty_ones(
    request_type: str,
) -> None:
    parsed = parse_chatkit_request(encode(user_message_without_options(request_type)))

    assert isinstance(parsed, ThreadsCreateReq | ThreadsAddUserMessageReq)
    assert parsed.params.input.attachments == []
    assert parsed.params.input.inference_options == InferenceOptions()


def test_given_attachments_and_options_are_kept() -> None:
    parsed = parse_chatkit_request(encode(VALID_REQUESTS["threads.add_user_message"]))

    assert isinstance(parsed, ThreadsAddUserMessageReq)
    assert parsed.params.input.attachments == ["atc_1"]
    assert parsed.params.input.inference_options.model == "gpt-x"


def test_other_requests_get_no_defaults() -> None:
    message = refusal(
        {"type": "threads.add_structured_input", "params": {"thread_id": "t", "item_id": "i"}}
    )

    assert message == "invalid threads.add_structured_input request: params.input: Field required"
