"""The page's one Server-Sent Events reader (``web/static/lib/event-stream.js``), fed bodies cut
into chunks at every byte, as a network may deliver them."""

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.fixtures.browser import ServedApp
from tests.web.conftest import PageUnderTest

# Line breaks of all three kinds, a comment, a field without its space, an event without data,
# a multi-byte character and a last event the body ends without a blank line after.
BODY = (
    ": keep-alive\r\n\r\n"
    "event: ask\r\n"
    'data: {"id": 1}\r\n\r\n'
    "data:first line\n"
    "data: second line — é\n\n"
    "event: nothing\r\r"
    "id: 7\r"
    "data: last"
)
EVENTS = [
    {"name": "ask", "data": '{"id": 1}'},
    {"name": "message", "data": "first line\nsecond line — é"},
    {"name": "message", "data": "last"},
]

READ_IN_CHUNKS = """async ({ body, chunkBytes }) => {
  const { readEventStream } = await import('/static/lib/event-stream.js');
  const bytes = new TextEncoder().encode(body);
  const stream = new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += chunkBytes) {
        controller.enqueue(bytes.slice(at, at + chunkBytes));
      }
      controller.close();
    },
  });
  const events = [];
  for await (const event of readEventStream(stream)) events.push(event);
  return events;
}"""


@pytest.fixture
def page(tab: PageUnderTest, app: ServedApp) -> Page:
    """A bare page of our origin, so the module loads without the app around it."""
    bare_page = f"{app.url}/event-stream-check.html"
    tab.page.route(
        bare_page,
        lambda route: route.fulfill(content_type="text/html", body="<!doctype html>"),
    )
    tab.page.goto(bare_page)
    return tab.page


def read(page: Page, body: str, chunk_bytes: int) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = page.evaluate(
        READ_IN_CHUNKS, {"body": body, "chunkBytes": chunk_bytes}
    )
    return events


@pytest.mark.parametrize("chunk_bytes", [1, 2, 3, 1_000])
def test_events_read_alike_however_the_body_is_cut(page: Page, chunk_bytes: int) -> None:
    assert read(page, BODY, chunk_bytes) == EVENTS


def test_a_body_ending_on_a_blank_line_gives_no_extra_event(page: Page) -> None:
    assert read(page, "data: only\r\n\r\n", 1) == [{"name": "message", "data": "only"}]
