"""Requests to the app already running on a data directory, found through ``runtime.json``:
what a second launch and ``chatkit-desktop ask`` send it.

Kept light (``http.client``, no proxies, no third-party imports): these commands are over in a
fraction of a second.
"""

import http.client
import json
from dataclasses import dataclass
from typing import Any

from common.runtime_file import RuntimeInfo

# Generous for a loopback round trip, yet a hung instance cannot hold the caller for long.
ANSWER_TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]

    @property
    def error_message(self) -> str:
        error = self.body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return error["message"]
        return f"HTTP {self.status}"


def post(running: RuntimeInfo, path: str, body: dict[str, Any] | None = None) -> Answer | None:
    """None when the app does not answer at all (it is gone, or is not ours)."""
    return _request(running, "POST", path, body)


def get(running: RuntimeInfo, path: str) -> Answer | None:
    """None when the app does not answer at all (it is gone, or is not ours)."""
    return _request(running, "GET", path, None)


def _request(
    running: RuntimeInfo, method: str, path: str, body: dict[str, Any] | None
) -> Answer | None:
    # runtime.json names the loopback address itself, so no proxy can be involved.
    connection = http.client.HTTPConnection(
        "127.0.0.1", running.port, timeout=ANSWER_TIMEOUT_SECONDS
    )
    payload = b"" if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {running.token}", "Content-Length": str(len(payload))}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        text = response.read()
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()
    try:
        parsed = json.loads(text) if text else {}
    except ValueError:
        parsed = {}
    return Answer(response.status, parsed if isinstance(parsed, dict) else {})
