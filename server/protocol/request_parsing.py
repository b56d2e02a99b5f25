"""What a client posts to ``/chatkit``, turned into one of the SDK's request models, or into a
``ChatKitRequestError`` with a message naming what is wrong. Never anything else: the SDK's own
parsing, in ``ChatKitServer.process()``, lets every mistake escape as an HTTP 500.

Two SDK gaps are handled here rather than left to become 500s:

- A user message ``input`` without ``attachments`` or ``inference_options`` gets ``[]`` and
  ``{}``. The SDK declares both required, with no default, in ``UserMessageInput``, and
  ``process()`` validates outside any error handling, so the pydantic ``ValidationError``
  escapes as a 500. ChatKit's own client always sends both, and the defaults are what it
  sends when there is nothing to say, so filling them in is kinder than refusing.
- A custom action without a ``type`` validates, but to the TypeVar the SDK's ``Action`` uses as
  a default, which then cannot be serialised; it is refused.

The parsed request goes to the SDK as it is (``DesktopChatKitServer.process_parsed``), never
parsed a second time.
"""

from typing import Any, NamedTuple, get_args

from chatkit.types import (
    ChatKitReq,
    ItemsListReq,
    ThreadsCustomActionReq,
    ThreadsListReq,
    ThreadsSyncCustomActionReq,
)
from pydantic import TypeAdapter, ValidationError

from server.protocol.errors import ChatKitRequestError
from server.protocol.json_document import read_json_document
from server.protocol.validation_messages import Location, describe_problems

_REQUEST_ADAPTER: TypeAdapter[ChatKitReq] = TypeAdapter(ChatKitReq)
# ChatKitReq is Annotated[<union of request models>, <discriminator>].
_REQUEST_MODELS = get_args(get_args(ChatKitReq)[0])
KNOWN_REQUEST_TYPES: tuple[str, ...] = tuple(
    sorted(model.model_fields["type"].default for model in _REQUEST_MODELS)
)
USER_MESSAGE_REQUEST_TYPES = frozenset({"threads.create", "threads.add_user_message"})
# Requests whose metadata may carry the context shared with the message: a retry sends again the
# context of the message it answers anew, since the retry drops the item that kept it.
SHARED_CONTEXT_REQUEST_TYPES = USER_MESSAGE_REQUEST_TYPES | {"threads.retry_after_item"}
# Long enough to recognise a typo, short enough not to echo a document back.
_MAX_ECHOED_TYPE = 64
# A page bigger than this is a mistake or an attempt to read everything at once; ChatKit's own
# client asks for 20 or so.
MAX_PAGE_SIZE = 1000


class ReferencedIds(NamedTuple):
    """The thread and item a request names, for the route to check they exist."""

    thread_id: str | None
    item_id: str | None


def parse_chatkit_request(raw: bytes) -> ChatKitReq:
    """The request in ``raw``, validated by the SDK's own ``ChatKitReq`` adapter; raises
    ``ChatKitRequestError``, and nothing else, for anything that is not one."""
    document = read_json_document(raw)
    if not isinstance(document, dict):
        raise ChatKitRequestError(
            f"the request body must be a JSON object, not {_json_kind(document)}"
        )
    request_type = _known_request_type(document)
    if request_type in USER_MESSAGE_REQUEST_TYPES:
        _default_user_message_options(document)
    try:
        request = _REQUEST_ADAPTER.validate_python(document)
    except ValidationError as error:
        problems = [
            (_location_in_document(problem["loc"], document), problem["msg"])
            for problem in error.errors(include_url=False)
        ]
        raise ChatKitRequestError(
            f"invalid {request_type} request: {describe_problems(problems)}"
        ) from None
    if _is_action_without_type(request):
        raise ChatKitRequestError(
            f"invalid {request_type} request: params.action.type: Field required"
        )
    _check_page_size(request)
    return request


def referenced_ids(request: ChatKitReq) -> ReferencedIds:
    # items.feedback names several items; they are the feedback's business, not checked here.
    return ReferencedIds(
        thread_id=getattr(request.params, "thread_id", None),
        item_id=getattr(request.params, "item_id", None),
    )


def _known_request_type(document: dict[str, Any]) -> str:
    known = ", ".join(KNOWN_REQUEST_TYPES)
    if "type" not in document:
        raise ChatKitRequestError(f"the request has no type; known types: {known}")
    request_type = document["type"]
    if request_type not in KNOWN_REQUEST_TYPES:
        shown = repr(request_type)
        if len(shown) > _MAX_ECHOED_TYPE:
            shown = shown[:_MAX_ECHOED_TYPE] + "…"
        raise ChatKitRequestError(f"unknown request type {shown}; known types: {known}")
    return str(request_type)


def _is_action_without_type(request: ChatKitReq) -> bool:
    # The SDK's Action defaults its type to a TypeVar object, never to a string.
    return isinstance(request, ThreadsCustomActionReq | ThreadsSyncCustomActionReq) and not (
        isinstance(request.params.action.type, str)
    )


def _check_page_size(request: ChatKitReq) -> None:
    """The SDK takes any integer, and a negative one reaches the store, which cannot page by it;
    0 it silently reads as "the default", which is not what a client that sent it meant."""
    if not isinstance(request, ThreadsListReq | ItemsListReq):
        return
    limit = request.params.limit
    if limit is not None and not 1 <= limit <= MAX_PAGE_SIZE:
        raise ChatKitRequestError(
            f"invalid {request.type} request: params.limit must be between 1 and "
            f"{MAX_PAGE_SIZE}, not {limit}"
        )


def _default_user_message_options(document: dict[str, Any]) -> None:
    params = document.get("params")
    user_input = params.get("input") if isinstance(params, dict) else None
    if isinstance(user_input, dict):
        user_input.setdefault("attachments", [])
        user_input.setdefault("inference_options", {})


def _location_in_document(location: Location, document: Any) -> list[str | int]:
    """Pydantic's location of a problem, without the union tags it inserts
    (``threads.create``, ``input_text``), which are names of models, not places in the
    document. A last part that is not in the document is a missing field: it stays."""
    place: list[str | int] = []
    node = document
    for index, part in enumerate(location):
        if _has_child(node, part):
            node = node[part]
        elif index < len(location) - 1:
            continue
        place.append(part)
    return place


def _has_child(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"
