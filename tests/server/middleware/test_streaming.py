import time

import httpx

from tests.server.middleware.guarded_app import StreamGate

# Ample for one event over loopback; the route waits 10 s if nobody releases it.
FIRST_EVENT_TIMEOUT = 5.0


def test_events_pass_the_guards_as_they_are_made(
    client: httpx.Client, authorized: dict[str, str], stream_gate: StreamGate
) -> None:
    stream_gate.reset()
    timeout = httpx.Timeout(FIRST_EVENT_TIMEOUT)
    with client.stream("GET", "/api/events", headers=authorized, timeout=timeout) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-store"
        chunks = response.iter_raw()

        started = time.monotonic()
        first = next(chunks)
        # The handler is still held between its two events: nothing buffered the first.
        assert not stream_gate.finished.is_set()
        assert time.monotonic() - started < FIRST_EVENT_TIMEOUT
        assert first == b"data: first\n\n"

        stream_gate.released.set()
        rest = b"".join(chunks)

    assert rest == b"data: second\n\n"
    assert stream_gate.finished.is_set()
    stream_gate.reset()
