"""Identifiers for threads and items: the SDK's prefixes, with enough randomness for any history.

The SDK's default takes 8 hex digits (32 bits) of a UUID: among a million items two collide
with near certainty (the birthday bound is about 77,000). 128 random bits never will.
"""

import secrets

from chatkit.store import StoreItemType

# The SDK's prefixes, so an id still says what it names.
ID_PREFIXES: dict[StoreItemType, str] = {
    "thread": "thr",
    "message": "msg",
    "tool_call": "tc",
    "task": "tsk",
    "workflow": "wf",
    "attachment": "atc",
    "sdk_hidden_context": "shcx",
}
RANDOM_BYTES = 16


def new_id(kind: StoreItemType) -> str:
    return f"{ID_PREFIXES[kind]}_{secrets.token_hex(RANDOM_BYTES)}"
