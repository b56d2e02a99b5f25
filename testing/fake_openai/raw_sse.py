"""Reads a server-sent event stream byte for byte, for tests that check the wire format
itself rather than what the openai client makes of it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RawEvent:
    event: str | None
    data: str


def parse_sse(text: str) -> list[RawEvent]:
    events = []
    for block in text.split("\n\n"):
        if not block:
            continue
        name: str | None = None
        data: list[str] = []
        for line in block.split("\n"):
            field, _, value = line.partition(": ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
        events.append(RawEvent(name, "\n".join(data)))
    return events
