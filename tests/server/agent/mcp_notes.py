"""A real stdio MCP server (``mcp/servers/notes_server.py``) as the settings configure it, with
the files it writes its calls and its process id to."""

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

NOTES_SERVER = Path(__file__).parent / "mcp" / "servers" / "notes_server.py"


@dataclass(frozen=True)
class NotesServer:
    calls_file: Path
    pid_file: Path

    def entry(self, *, confirm: bool = False, name: str = "notes") -> dict[str, Any]:
        """The ``mcp_servers`` entry that starts it."""
        return {
            "name": name,
            "command": [sys.executable, str(NOTES_SERVER)],
            "env": {"NOTES_CALLS": str(self.calls_file), "NOTES_PID": str(self.pid_file)},
            "confirm": confirm,
        }

    def calls(self) -> list[dict[str, Any]]:
        """The calls the server really received, in order."""
        if not self.calls_file.exists():
            return []
        lines = self.calls_file.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def pid(self) -> int:
        return int(self.pid_file.read_text(encoding="utf-8"))


def settled_tools(base_url: str, token: str, timeout: float = 60.0) -> dict[str, Any]:
    """``GET /api/tools`` once no server is starting any more: a test that needs a server's
    tools waits for it, where an answer would go on without a server still starting."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}) as client:
        while True:
            listing: dict[str, Any] = client.get("/api/tools", timeout=timeout).json()
            states = [server["state"] for server in listing["servers"]]
            if "starting" not in states:
                return listing
            assert time.monotonic() < deadline, f"MCP servers still starting: {listing}"
            time.sleep(0.2)
