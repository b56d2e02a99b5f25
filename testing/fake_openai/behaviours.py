"""What the fake model does on a call, and the queue of such behaviours a test scripts.

A call is answered with text (``TextReply``), with function calls for the client to run
(``ToolCallReply``), with an API error, or not at all (``Hang``).

Each queued behaviour serves ``times`` calls (one by default) and is then gone, so the
``openai`` client's own retries (two by default, on 408/409/429/5xx, timeouts and dropped
connections) reach the next behaviour, or the default reply once the queue is empty. A failure
meant to outlast the retries is queued with ``times=3`` (one call plus two retries), or with
``times=None``, which keeps it for every later call.
"""

import re
import threading
from collections import deque
from dataclasses import dataclass, field
from itertools import pairwise

from testing.fake_openai.gate import Gate
from testing.fake_openai.openai_errors import ErrorReply
from testing.fake_openai.reply_encoder import new_id

WORD_WITH_SPACE = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class TextReply:
    text: str
    deltas: int | None = None
    """How many pieces the text streams in; None gives one per word, as tokens roughly are."""
    delta_delay: float = 0.0
    first_byte_delay: float = 0.0
    """Seconds before the status line, as a slow model would keep the client waiting."""
    cut_after: int | None = None
    """Drop the connection after this many deltas, before the completion event. A
    non-streaming call is dropped before any answer."""

    def pieces(self) -> list[str]:
        if self.deltas is None:
            return WORD_WITH_SPACE.findall(self.text)
        return split_evenly(self.text, self.deltas)


@dataclass(frozen=True)
class ToolCall:
    """One function call the model asks for."""

    name: str
    arguments: str = "{}"
    """The arguments as the model writes them: JSON text, or anything else for a test of a
    client that must cope with invalid JSON."""
    call_id: str = field(default_factory=lambda: new_id("call_"))


@dataclass(frozen=True)
class ToolCallReply:
    """The model answers with function calls instead of text; the client runs them and sends
    their results on its next call (``function_call_output`` items on the Responses API,
    ``role: "tool"`` messages on Chat Completions), which the next behaviour answers."""

    calls: tuple[ToolCall, ...]
    argument_deltas: int = 2
    """How many pieces each call's arguments stream in (fewer when the arguments are
    shorter)."""

    def __post_init__(self) -> None:
        if not self.calls:
            raise ValueError("a tool call reply needs at least one call")

    def argument_pieces(self, call: ToolCall) -> list[str]:
        if not call.arguments:
            return []
        return split_evenly(call.arguments, min(self.argument_deltas, len(call.arguments)))


@dataclass(eq=False)
class Hang:
    """Accepts the call and answers nothing until ``release()`` (then does ``then``, or drops
    the connection) or until the server stops. ``reached`` is set once a call arrives."""

    then: TextReply | ToolCallReply | ErrorReply | None = None
    reached: threading.Event = field(default_factory=threading.Event)
    gate: Gate = field(default_factory=Gate)

    def release(self) -> None:
        self.gate.open()


Behaviour = TextReply | ToolCallReply | ErrorReply | Hang


def split_evenly(text: str, count: int) -> list[str]:
    """``count`` non-empty consecutive slices of ``text`` whose lengths differ by at most one."""
    if not 0 < count <= len(text):
        raise ValueError(f"cannot split {len(text)} characters into {count} deltas")
    size, extra = divmod(len(text), count)
    bounds = [index * size + min(index, extra) for index in range(count + 1)]
    return [text[start:end] for start, end in pairwise(bounds)]


@dataclass
class _Entry:
    behaviour: Behaviour
    remaining: int | None


class Script:
    """The behaviours for the next model calls, first in, first out; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: deque[_Entry] = deque()

    def add(self, behaviour: Behaviour, times: int | None = 1) -> None:
        if times is not None and times < 1:
            raise ValueError("times must be at least 1, or None for every later call")
        with self._lock:
            self._entries.append(_Entry(behaviour, times))

    def take(self) -> Behaviour | None:
        """The behaviour for the call arriving now, or None when nothing is queued."""
        with self._lock:
            if not self._entries:
                return None
            entry = self._entries[0]
            if entry.remaining is not None:
                entry.remaining -= 1
                if entry.remaining == 0:
                    self._entries.popleft()
            return entry.behaviour

    def pending(self) -> list[Behaviour]:
        with self._lock:
            return [entry.behaviour for entry in self._entries]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
