"""The Agents SDK's OpenAI models, with streams that hand the event loop over while they parse.

The SDK parses the model's output in a task of its own and queues the events; ChatKit converts
and sends them from another, which needs a few turns of the event loop per event. While chunks
arrive faster than they are parsed (a fast local model, or a burst after a network stall), the
parsing task finds data waiting at every read and keeps the loop to itself, so nothing was sent
until the whole burst had been parsed: 300 ms for 2,000 chunks here, before the first word.
Even with turns, relaying the first words takes ChatKit several turns of the loop (a task and a
wait per event, a thread for the store), one per turn of parsing: they left about 20 ms late.
"""

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

from agents import OpenAIChatCompletionsModel, OpenAIResponsesModel
from agents.items import TResponseStreamEvent

# Short enough that a burst's first words go out within milliseconds, long enough that the extra
# turns cost little: a 2,000-delta burst took 2-5 % more CPU here (0.5 ms: 4-8 %, for a first
# delta a few ms sooner).
TURN_SECONDS = 0.001
# Time enough for ChatKit to relay the first words before parsing resumes: a pause, not a turn,
# so that the loop runs ChatKit's every step in it. Paid once per answer.
FIRST_WORDS_SECONDS = 0.002


async def sharing_the_loop(
    events: AsyncIterator[TResponseStreamEvent],
) -> AsyncGenerator[TResponseStreamEvent, None]:
    """Passes ``events`` on, giving other tasks a turn whenever ``TURN_SECONDS`` have passed
    since the last one, and a pause after the first words."""
    loop = asyncio.get_running_loop()
    due = loop.time() + TURN_SECONDS
    first_words = True
    try:
        async for event in events:
            yield event
            if first_words and event.type == "response.output_text.delta":
                first_words = False
                await asyncio.sleep(FIRST_WORDS_SECONDS)
                due = loop.time() + TURN_SECONDS
            elif loop.time() >= due:
                await asyncio.sleep(0)
                due = loop.time() + TURN_SECONDS
    finally:
        # The SDK closes the stream it was handed when it stops early; the model's own stream
        # holds the HTTP response open until it is closed.
        if isinstance(events, AsyncGenerator):
            await events.aclose()


class LoopSharingChatCompletionsModel(OpenAIChatCompletionsModel):
    def stream_response(self, *args: Any, **kwargs: Any) -> AsyncIterator[TResponseStreamEvent]:
        return sharing_the_loop(super().stream_response(*args, **kwargs))


class LoopSharingResponsesModel(OpenAIResponsesModel):
    def stream_response(self, *args: Any, **kwargs: Any) -> AsyncIterator[TResponseStreamEvent]:
        return sharing_the_loop(super().stream_response(*args, **kwargs))
