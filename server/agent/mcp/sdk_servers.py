"""The Agents SDK's own MCP clients (``MCPServerStdio``, ``MCPServerStreamableHttp``) for one
configured server, each answering with results cut to size and reporting a lost connection.
"""

import asyncio
from collections.abc import Callable
from typing import Any

from agents.mcp import MCPServer, MCPServerStdio, MCPServerStreamableHttp
from mcp.shared.exceptions import MCPError
from mcp.types import CallToolResult
from mcp_types.jsonrpc import CONNECTION_CLOSED

from server.agent.mcp.result_limit import limited_result
from server.settings.mcp_servers import McpServerConfig

# The SDK's own read limit is a backstop, fixed when a server starts: the tool's time limit
# (tool_timeout_seconds, applied to each call as the answer's settings say) ends a call first,
# with a message the model can read. So it is above the longest limit the settings accept.
_SESSION_TIMEOUT_SECONDS = 3600.0 + 5.0
# A streamable HTTP server that does not answer its first request within this is reported.
_HTTP_CONNECT_TIMEOUT_SECONDS = 15.0

LostConnection = Callable[[str], None]


class _WatchedCalls:
    """``call_tool`` with the answer cut to size (``result_limit.py``), and ``on_lost`` told
    when the server has gone (its process died, its connection closed)."""

    on_lost: LostConnection

    async def call_tool(
        self, tool_name: str, arguments: dict[str, Any] | None, meta: dict[str, Any] | None = None
    ) -> CallToolResult:
        try:
            result = await super().call_tool(tool_name, arguments, meta=meta)  # type: ignore[misc]
        except MCPError as error:
            if error.code == CONNECTION_CLOSED:
                self.on_lost("the server stopped during a call")
            raise
        except (TimeoutError, asyncio.CancelledError):
            raise
        except Exception as error:
            self.on_lost(f"the connection failed during a call ({type(error).__name__})")
            raise
        return limited_result(result)


class WatchedStdioServer(_WatchedCalls, MCPServerStdio):
    pass


class WatchedHttpServer(_WatchedCalls, MCPServerStreamableHttp):
    pass


def sdk_server(
    config: McpServerConfig,
    env: dict[str, str],
    headers: dict[str, str],
    on_lost: LostConnection,
) -> MCPServer:
    """The SDK's client for ``config``; ``env`` and ``headers`` hold their secrets."""
    common: dict[str, Any] = {
        "name": config.name,
        "cache_tools_list": True,
        "client_session_timeout_seconds": _SESSION_TIMEOUT_SECONDS,
        "require_approval": "always" if config.confirm else "never",
    }
    server: WatchedStdioServer | WatchedHttpServer
    if config.command:
        server = WatchedStdioServer(
            params={
                "command": config.command[0],
                "args": list(config.command[1:]),
                "env": env,
            },
            **common,
        )
    else:
        assert config.url is not None
        server = WatchedHttpServer(
            params={
                "url": config.url,
                "headers": headers,
                "timeout": _HTTP_CONNECT_TIMEOUT_SECONDS,
                "sse_read_timeout": _SESSION_TIMEOUT_SECONDS,
            },
            **common,
        )
    server.on_lost = on_lost
    return server
