"""Threads, items and attachments to and from the JSON the store keeps, as the SDK dumps them."""

from chatkit.types import Attachment, ThreadItem, ThreadMetadata
from pydantic import TypeAdapter

_ITEM: TypeAdapter[ThreadItem] = TypeAdapter(ThreadItem)
_ATTACHMENT: TypeAdapter[Attachment] = TypeAdapter(Attachment)
# A ``Thread`` (a ThreadMetadata with its items) is sometimes what the SDK saves: only these
# fields are kept, never its page of items.
_THREAD_FIELDS = frozenset(ThreadMetadata.model_fields)


def item_to_json(item: ThreadItem) -> str:
    return _ITEM.dump_json(item, by_alias=True, exclude_none=True).decode()


def item_from_json(data: str) -> ThreadItem:
    return _ITEM.validate_json(data)


def thread_to_json(thread: ThreadMetadata) -> str:
    return thread.model_dump_json(by_alias=True, exclude_none=True, include=set(_THREAD_FIELDS))


def thread_from_json(data: str) -> ThreadMetadata:
    return ThreadMetadata.model_validate_json(data)


def attachment_to_json(attachment: Attachment) -> str:
    return _ATTACHMENT.dump_json(attachment, by_alias=True, exclude_none=True).decode()


def attachment_from_json(data: str) -> Attachment:
    return _ATTACHMENT.validate_json(data)
