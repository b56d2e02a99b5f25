import asyncio
import time
from collections.abc import AsyncIterator

from server.agent.loop_sharing_models import TURN_SECONDS, sharing_the_loop

EVENTS = 40
# Parsing work per event: the whole burst lasts many turns.
WORK_SECONDS = TURN_SECONDS / 2


async def burst() -> AsyncIterator[int]:
    """Model output that is already waiting: every event is ready without a suspension."""
    for number in range(EVENTS):
        finish = time.perf_counter() + WORK_SECONDS
        while time.perf_counter() < finish:
            pass
        yield number


async def turns_of_another_task_during(events: AsyncIterator[int]) -> int:
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
    assert received == list(range(EVENTS))
    return turns


async def test_a_burst_alone_keeps_the_loop_to_itself() -> None:
    assert await turns_of_another_task_during(burst()) == 0


async def test_other_tasks_get_turns_while_a_burst_is_parsed() -> None:
    turns = await turns_of_another_task_during(sharing_the_loop(burst()))
    assert turns >= EVENTS * WORK_SECONDS / TURN_SECONDS / 2


async def test_closing_it_closes_the_model_stream() -> None:
    closed = asyncio.Event()

    async def model_stream() -> AsyncIterator[int]:
        try:
            yield 1
            yield 2
        finally:
            closed.set()

    events = sharing_the_loop(model_stream())
    assert await anext(events) == 1
    await events.aclose()
    assert closed.is_set()
