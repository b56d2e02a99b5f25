"""What ``GET /api/tools`` answers: every tool the agent has now, and every configured MCP
server with its state and its tools. Built-in tools are listed with the server "built-in"."""

from typing import Any

from server.agent.mcp.manager import McpServers
from server.agent.tools.toolbox import build_toolbox
from server.settings.settings_file import Settings
from server.store import SQLiteStore

BUILT_IN = "built-in"


def tool_listing(servers: McpServers, settings: Settings, store: SQLiteStore) -> dict[str, Any]:
    built_in = build_toolbox(settings, store).tools
    statuses = servers.status(frozenset(tool.name for tool in built_in))
    tools: list[dict[str, str]] = [
        {"name": tool.name, "server": BUILT_IN, "description": getattr(tool, "description", "")}
        for tool in built_in
    ]
    for status in statuses:
        tools.extend(
            {"name": tool.name, "server": tool.server, "description": tool.description}
            for tool in status.tools
        )
    return {"tools": tools, "servers": [status.as_json() for status in statuses]}
