"""What the two APIs' encoders have in common: the four moments of a text reply on the wire,
and a tool call reply streamed or whole."""

import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    # behaviours.py takes new_id from here.
    from testing.fake_openai.behaviours import ToolCallReply

DEFAULT_MODEL = "gpt-4.1-mini"


class ReplyEncoder(Protocol):
    """One encoder per model call; streamed parts come in the order listed here."""

    def opening(self) -> bytes:
        """The events before the first delta."""
        ...

    def delta(self, piece: str) -> bytes: ...

    def closing(self, text: str) -> bytes:
        """The events after the last delta, through the completion."""
        ...

    def whole(self, text: str) -> dict[str, Any]:
        """The non-streaming answer's JSON body."""
        ...

    def tool_call_events(self, reply: "ToolCallReply") -> Iterator[bytes]:
        """The whole streamed answer of a tool call reply, event by event."""
        ...

    def tool_call_whole(self, reply: "ToolCallReply") -> dict[str, Any]: ...


def estimate_tokens(text: str) -> int:
    """OpenAI's rule of thumb, four characters a token: usage needs plausible numbers only."""
    return max(1, len(text) // 4) if text else 0


def new_id(prefix: str) -> str:
    return f"{prefix}{secrets.token_hex(24)}"
