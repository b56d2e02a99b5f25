"""A real stdio MCP server for the tests, made with the ``mcp`` package's own server API.

Every call is appended to the file named by ``NOTES_CALLS`` (one JSON line per call, written
before the tool does anything else), so a test can tell which tools really ran. Its process id
goes to ``NOTES_PID`` at start, so a test can kill it mid-call or check it is gone.

Tools: ``add_note`` (answers "noted: <text>"), ``hang`` (never answers), ``huge`` (10 MB of
text), ``die`` (the process exits mid-call).

``notes_server.py --http PORT`` serves streamable HTTP on 127.0.0.1 instead, and answers 401 to
any request without ``Authorization: Bearer <NOTES_TOKEN>``.
"""

import asyncio
import json
import os
import sys
from typing import Any

import uvicorn
from mcp.server import MCPServer

server = MCPServer("notes")


def _record(tool: str, arguments: dict[str, object]) -> None:
    with open(os.environ["NOTES_CALLS"], "a", encoding="utf-8") as calls:
        calls.write(json.dumps({"tool": tool, "arguments": arguments}) + "\n")


@server.tool()
def add_note(text: str) -> str:
    """Saves a note and says so."""
    _record("add_note", {"text": text})
    return f"noted: {text}"


@server.tool()
async def hang(seconds: float = 3600) -> str:
    """Waits far longer than any time limit."""
    _record("hang", {"seconds": seconds})
    await asyncio.sleep(seconds)
    return "woke up"


@server.tool()
def huge() -> str:
    """Answers with ten megabytes of text."""
    _record("huge", {})
    return "x" * (10 * 1024 * 1024)


@server.tool()
def die() -> str:
    """Ends the server's process in the middle of the call."""
    _record("die", {})
    sys.stdout.flush()
    os._exit(3)


def requiring_token(app: Any, token: str) -> Any:
    async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
        authorization = dict(scope.get("headers", [])).get(b"authorization")
        if scope["type"] == "http" and authorization != f"Bearer {token}".encode():
            await send({"type": "http.response.start", "status": 401, "headers": []})
            await send({"type": "http.response.body", "body": b"unauthorised"})
            return
        await app(scope, receive, send)

    return guarded


if __name__ == "__main__":
    pid_file = os.environ.get("NOTES_PID")
    if pid_file:
        with open(pid_file, "w", encoding="utf-8") as pid:
            pid.write(str(os.getpid()))
    if sys.argv[1:2] == ["--http"]:
        app = requiring_token(server.streamable_http_app(), os.environ["NOTES_TOKEN"])
        uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
    else:
        server.run("stdio")
