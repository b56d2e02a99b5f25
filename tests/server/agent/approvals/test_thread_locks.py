"""``ThreadLocks``: one holder per thread at a time, and no lock kept once nobody needs it."""

import asyncio

from server.agent.approvals.thread_locks import ThreadLocks


async def test_one_holder_per_thread_and_nothing_kept_after() -> None:
    locks = ThreadLocks()
    order: list[str] = []

    async def hold(thread_id: str, name: str) -> None:
        async with locks.held(thread_id):
            order.append(f"{name} in")
            await asyncio.sleep(0.01)
            order.append(f"{name} out")

    await asyncio.gather(hold("thr_a", "first"), hold("thr_a", "second"), hold("thr_b", "other"))

    assert order.index("first out") < order.index("second in")
    assert order.index("other in") < order.index("first out")
    assert len(locks) == 0
