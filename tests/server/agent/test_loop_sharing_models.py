import asyncio
import time
from collections.abc import AsyncIterator, Callable

from agents.items import TResponseStreamEvent
from openai.types.responses import ResponseFunctionCallArgumentsDeltaEvent, ResponseTextDeltaEvent

from server.agent.loop_sharing_models import TURN_SECONDS, sharing_the_loop

EVENTS = 40
# Parsing work per event: the whole burst lasts many turns.
WORK_SECONDS = TURN_SECONDS / 2
# Turns of the loop that relaying one event takes ChatKit (a task, a wait, the HTTP write).
RELAY_TURNS = 10


def text_delta(number: int) -> ResponseTextDeltaEvent:
    return ResponseTextDeltaEvent(
        type="response.output_text.delta",
        item_id="msg",
        output_index=0,
        content_index=0,
        delta=f"w{number} ",
        logprobs=[],
        sequence_number=number,
    )


def arguments_delta(number: int) -> ResponseFunctionCallArgumentsDeltaEvent:
    return ResponseFunctionCallArgumentsDeltaEvent(
        type="response.function_call_arguments.delta",
        item_id="call",
        output_index=0,
        delta=f"{number},",
        sequence_number=number,
    )


async def burst(
    event: Callable[[int], TResponseStreamEvent],
) -> AsyncIterator[TResponseStreamEvent]:
    """Model output that is already waiting: every event is ready without a suspension."""
    for number in range(EVENTS):
        finish = time.perf_counter() + WORK_SECONDS
        while time.perf_counter() < finish:
            pass
        yield event(number)


async def turns_of_another_task_during(events: AsyncIterator[TResponseStreamEvent]) -> int:
    turns = 0
    finished = False

    async def sender() -> None:
        nonlocal turns
        while not finished:
            turns += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(sender())
    await asyncio.sleep(0)
    turns = 0
    received = [event async for event in events]
    finished = True
    await task
    assert [event.sequence_number for event in received] == list(range(EVENTS))
    return turns


async def test_a_burst_alone_keeps_the_loop_to_itself() -> None:
    assert await turns_of_another_task_during(burst(arguments_delta)) == 0


async def test_other_tasks_get_turns_while_a_burst_is_parsed() -> None:
    turns = await turns_of_another_task_during(sharing_the_loop(burst(arguments_delta)))
    assert turns >= EVENTS * WORK_SECONDS / TURN_SECONDS / 2


async def test_the_first_words_are_relayed_before_parsing_goes_on() -> None:
    """As in the Agents SDK: the parsing task queues events, another task relays them."""
    queue: asyncio.Queue[TResponseStreamEvent] = asyncio.Queue()
    parsed = 0

    async def parse() -> None:
        nonlocal parsed
        async for event in sharing_the_loop(burst(text_delta)):
            queue.put_nowait(event)
            parsed += 1

    async def relay_first_words() -> int:
        first = await queue.get()
        assert first.sequence_number == 0
        for _ in range(RELAY_TURNS):
            await asyncio.sleep(0)
        return parsed

    relay = asyncio.create_task(relay_first_words())
    await parse()
    # Without the pause the relay gets a turn a millisecond, and 20 events are parsed first.
    assert await relay == 1


async def test_closing_it_closes_the_model_stream() -> None:
    closed = asyncio.Event()

    async def model_stream() -> AsyncIterator[TResponseStreamEvent]:
        try:
            yield text_delta(1)
            yield text_delta(2)
        finally:
            closed.set()

    events = sharing_the_loop(model_stream())
    assert (await anext(events)).sequence_number == 1
    await events.aclose()
    assert closed.is_set()
