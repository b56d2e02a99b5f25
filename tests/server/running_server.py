"""A real ``LocalServer`` (store, app, uvicorn on 127.0.0.1) running in a background thread,
and a small client that speaks the ChatKit protocol to it over HTTP."""

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from server.http.local_server import LocalServer

STARTUP_TIMEOUT = 20.0


class RunningServer:
    def __init__(self, local: LocalServer) -> None:
        self.local = local
        self.url = local.url
        self.token = local.token
        self.responses: list[httpx.Response] = []

    def client(self, **overrides: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}", **overrides.pop("headers", {})}
        return httpx.Client(base_url=self.url, headers=headers, **{"timeout": 30, **overrides})

    def post(self, body: dict[str, Any] | bytes, **kwargs: Any) -> httpx.Response:
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        with self.client() as client:
            response = client.post("/chatkit", content=content, **kwargs)
        self.responses.append(response)
        return response

    def stream(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """Sends a streaming request and returns its events, parsed."""
        response = self.post(body)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/event-stream")
        return parse_events(response.text)

    def request(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.post(body)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result


def parse_events(text: str) -> list[dict[str, Any]]:
    return [
        json.loads(line.removeprefix("data: "))
        for line in text.splitlines()
        if line.startswith("data: ")
    ]


def user_input(text: str) -> dict[str, Any]:
    return {
        "content": [{"type": "input_text", "text": text}],
        "attachments": [],
        "inference_options": {},
    }


def assistant_texts(events: list[dict[str, Any]]) -> list[str]:
    return [
        "".join(part["text"] for part in event["item"]["content"])
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "assistant_message"
    ]


def stream_errors(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [event for event in events if event["type"] == "error"]


@contextmanager
def running_server(data_dir: Path) -> Iterator[RunningServer]:
    local = LocalServer(data_dir)
    failure: list[BaseException] = []

    def serve() -> None:
        try:
            asyncio.run(local.serve())
        except BaseException as error:  # reported to the test below
            failure.append(error)

    thread = threading.Thread(target=serve, name="test-server", daemon=True)
    thread.start()
    try:
        deadline = threading.Event()
        for _ in range(int(STARTUP_TIMEOUT * 20)):
            if local.started or failure or not thread.is_alive():
                break
            deadline.wait(0.05)
        assert local.started, f"server did not start: {failure}"
        yield RunningServer(local)
    finally:
        local.request_stop()
        thread.join(timeout=STARTUP_TIMEOUT)
        local.close()
    assert not thread.is_alive(), "server did not stop"
    assert not failure, failure
