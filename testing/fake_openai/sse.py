"""Server-sent events as the OpenAI API frames them."""

import json
from typing import Any

SSE_HEADERS = {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
}
DONE = b"data: [DONE]\n\n"


def sse_event(data: dict[str, Any], event: str | None = None) -> bytes:
    """The Responses API names each event (``event: response.created``); Chat Completions
    sends ``data:`` lines only."""
    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {payload}\n\n".encode()
