"""The ask events hub: publishing from another thread reaches listeners on the loop, an ask no
page heard waits for the next one (but not forever), and closing ends every listener."""

import asyncio
import threading

import pytest

from server.http import ask_events
from server.http.ask_events import AskEvent, AskEvents, KeepAlive


async def next_ask(listener: object) -> AskEvent:
    async with asyncio.timeout(5):
        async for item in listener:  # type: ignore[attr-defined]
            if isinstance(item, AskEvent):
                return item
    raise AssertionError("the listener ended")


async def test_an_ask_published_on_another_thread_reaches_the_listener() -> None:
    events = AskEvents()
    events.bind(asyncio.get_running_loop())
    listener = events.listen()
    waiting = asyncio.ensure_future(next_ask(listener))
    await asyncio.sleep(0)
    thread = threading.Thread(target=events.publish, args=({"selection": "from the shortcut"},))
    thread.start()
    thread.join()
    assert (await waiting).context == {"selection": "from the shortcut"}
    await listener.aclose()


async def test_an_ask_before_the_loop_is_bound_waits_for_the_first_listener() -> None:
    events = AskEvents()
    events.publish({"selection": "early"})
    events.bind(asyncio.get_running_loop())
    listener = events.listen()
    assert (await next_ask(listener)).context == {"selection": "early"}
    await listener.aclose()


async def test_an_old_unheard_ask_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    events = AskEvents()
    events.bind(asyncio.get_running_loop())
    monkeypatch.setattr(ask_events, "UNDELIVERED_LIFETIME_SECONDS", 0.0)
    monkeypatch.setattr(ask_events, "KEEPALIVE_SECONDS", 0.05)
    _event, pages = events.deliver_now({"selection": "stale"})
    assert pages == 0
    await asyncio.sleep(0.01)
    listener = events.listen()
    async with asyncio.timeout(5):
        assert isinstance(await anext(listener), KeepAlive)
    await listener.aclose()


async def test_closing_ends_every_listener() -> None:
    events = AskEvents()
    events.bind(asyncio.get_running_loop())
    listeners = [events.listen() for _ in range(3)]
    pending = [asyncio.ensure_future(anext(listener, None)) for listener in listeners]
    await asyncio.sleep(0)
    events.close()
    async with asyncio.timeout(5):
        assert await asyncio.gather(*pending) == [None, None, None]
