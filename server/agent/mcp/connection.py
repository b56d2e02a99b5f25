"""One configured MCP server, kept connected by a task of its own.

The SDK's clients enter anyio contexts when they connect, which must be left by the task that
entered them: so one task connects, lists the tools, waits to be stopped, and closes the
client (for a stdio server: ends its process). A server that fails to start, or is lost
during a call, ends in the state ``error`` with the reason in words.
"""

import asyncio
import logging
import time
from typing import Literal

from agents.mcp import MCPServer
from mcp.types import Tool as McpTool

from server.agent.mcp.sdk_servers import sdk_server
from server.agent.mcp.url_credentials import without_url_credentials
from server.settings.mcp_secrets import resolved_env, resolved_headers
from server.settings.mcp_servers import McpServerConfig

logger = logging.getLogger(__name__)

ServerState = Literal["ready", "starting", "error", "disabled"]
# A server that has not answered its first requests by then is reported as failed.
START_TIMEOUT_SECONDS = 30.0
# How long closing a server may take before its task is cancelled (the process is then killed
# by the SDK's transport as the task unwinds).
STOP_TIMEOUT_SECONDS = 10.0


class McpConnection:
    def __init__(self, config: McpServerConfig, failed_starts: int = 0) -> None:
        """``failed_starts``: how many starts of this server had failed in a row before."""
        self.config = config
        self.failed_starts = failed_starts
        # When the start failed (time.monotonic()); None while it has not.
        self.failed_at: float | None = None
        self.state: ServerState = "starting"
        self.error: str | None = None
        self.tools: list[McpTool] = []
        self.server: MCPServer | None = None
        self._stop = asyncio.Event()
        self._settled = asyncio.Event()
        self._task = asyncio.create_task(self._run(), name=f"mcp-server-{config.name}")

    async def wait_settled(self) -> None:
        """Returns once the server is ready or has failed."""
        await self._settled.wait()

    async def stop(self) -> None:
        """Closes the client and, for a stdio server, ends its process."""
        self._stop.set()
        try:
            async with asyncio.timeout(STOP_TIMEOUT_SECONDS):
                await asyncio.shield(self._task)
        except TimeoutError:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def _lost(self, reason: str) -> None:
        if self.state != "ready":
            return
        logger.warning("MCP server %s: %s", self.config.name, reason)
        self.state, self.error = "error", reason
        self._stop.set()

    async def _run(self) -> None:
        server: MCPServer | None = None
        try:
            headers = await asyncio.to_thread(resolved_headers, self.config)
            env = await asyncio.to_thread(resolved_env, self.config)
            server = sdk_server(self.config, env, headers, self._lost)
            async with asyncio.timeout(START_TIMEOUT_SECONDS):
                await server.connect()
                tools = await server.list_tools()
            if not self._stop.is_set():
                self.server, self.tools, self.state = server, tools, "ready"
                self.failed_starts = 0
                logger.info("MCP server %s ready with %d tools", self.config.name, len(tools))
            self._settled.set()
            await self._stop.wait()
        except asyncio.CancelledError:
            raise
        except Exception as error:
            self.state, self.error = "error", describe_start_failure(self.config, error)
            self.failed_starts, self.failed_at = self.failed_starts + 1, time.monotonic()
            logger.warning("MCP server %s: %s", self.config.name, self.error)
        finally:
            self._settled.set()
            self.server = None
            if server is not None:
                await _close(self.config.name, server)


async def _close(name: str, server: MCPServer) -> None:
    try:
        await server.cleanup()
    except Exception as error:
        logger.warning("MCP server %s did not close cleanly: %s", name, error)


def describe_start_failure(config: McpServerConfig, error: BaseException) -> str:
    """Why a server could not start, in words for the person who configured it."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    if isinstance(error, FileNotFoundError) and config.command:
        return f"the command {config.command[0]!r} was not found"
    if isinstance(error, PermissionError) and config.command:
        return f"the command {config.command[0]!r} may not be run (permission denied)"
    if isinstance(error, TimeoutError):
        return f"it did not answer within {START_TIMEOUT_SECONDS:g} seconds of starting"
    detail = without_url_credentials(str(error).strip())
    return f"it failed to start: {type(error).__name__}{f': {detail}' if detail else ''}"
