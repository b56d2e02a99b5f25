"""The Agents SDK's streamed run, with the text deltas already waiting in its queue joined.

ChatKit relays each event of the run on its own: a task, a pydantic event, its JSON, an HTTP
write, and in the page a render. While the model sends faster than that (a fast local model, a
burst after a network stall), deltas pile up in the SDK's queue and the relaying, not the
model, sets the pace: a 2,000-delta burst took 1.5 times as long through the server as read
straight from the model. Here, the text already waiting when ChatKit asks for more goes on as
one delta. A delta with nothing queued behind it goes on at once: text never waits for company.
"""

from collections.abc import AsyncIterator
from typing import Any, cast

from agents import RawResponsesStreamEvent, RunResultStreaming, StreamEvent
from openai.types.responses import ResponseTextDeltaEvent


def joining_queued_text_deltas(result: RunResultStreaming) -> RunResultStreaming:
    """``result`` as ``stream_agent_response`` reads it, with queued text deltas joined."""
    return cast(RunResultStreaming, _QueuedTextDeltasJoined(result))


class _QueuedTextDeltasJoined:
    def __init__(self, result: RunResultStreaming) -> None:
        self._result = result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._result, name)

    async def stream_events(self) -> AsyncIterator[StreamEvent]:
        # The SDK hands over a queued event without suspending, so text is held only while
        # more is already there: it never waits on the model, and a failure, which arrives
        # only while the relay is away, finds nothing held.
        held: list[ResponseTextDeltaEvent] = []
        async for event in self._result.stream_events():
            delta = _text_delta(event)
            if held and (delta is None or not _same_part(held[-1], delta)):
                yield _joined(held)
                held = []
            if delta is None:
                yield event
                continue
            held.append(delta)
            if not self._more_queued():
                yield _joined(held)
                held = []
        if held:
            yield _joined(held)

    def _more_queued(self) -> bool:
        # The SDK has no public way to ask. tests/server/agent/test_queued_text_deltas.py
        # fails if its queue changes.
        return not self._result._event_queue.empty()


def _text_delta(event: StreamEvent) -> ResponseTextDeltaEvent | None:
    if isinstance(event, RawResponsesStreamEvent) and isinstance(
        event.data, ResponseTextDeltaEvent
    ):
        return event.data
    return None


def _same_part(one: ResponseTextDeltaEvent, other: ResponseTextDeltaEvent) -> bool:
    return (one.item_id, one.output_index, one.content_index) == (
        other.item_id,
        other.output_index,
        other.content_index,
    )


def _joined(deltas: list[ResponseTextDeltaEvent]) -> RawResponsesStreamEvent:
    if len(deltas) == 1:
        return RawResponsesStreamEvent(data=deltas[0])
    return RawResponsesStreamEvent(
        data=deltas[0].model_copy(
            update={
                "delta": "".join(delta.delta for delta in deltas),
                "logprobs": [logprob for delta in deltas for logprob in delta.logprobs],
            }
        )
    )
