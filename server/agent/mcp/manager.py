"""The MCP servers of the settings, as tools for the agent.

Servers start in the background once the agent side has loaded and again whenever the
settings change (``watch``); every answer also re-reads the settings (``function_tools``), so a
hand-edited file applies too. A server lost during a call is started again on its next use, as
is one whose start failed once; one whose starts keep failing is tried again only after
``RETRY_FAILED_START_SECONDS`` (or when its settings change), so answers do not each wait for
it. ``aclose`` stops them all: no server process outlives the app's server.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from agents import FunctionTool
from agents.mcp import MCPUtil
from agents.tool import ToolErrorFunction

from server.agent.mcp.connection import McpConnection, ServerState
from server.agent.mcp.tool_names import public_tool_names
from server.settings.mcp_servers import McpServerConfig
from server.settings.settings_file import Settings, SettingsFile

logger = logging.getLogger(__name__)

# How long an answer waits for servers still starting before it goes on without them. A run
# resumed after an approval waits as long as a start may take: the call it approved needs one.
STARTING_WAIT_SECONDS = 5.0
RETRY_FAILED_START_SECONDS = 60.0


@dataclass(frozen=True)
class McpToolInfo:
    name: str
    server: str
    description: str


@dataclass(frozen=True)
class McpServerStatus:
    name: str
    state: ServerState
    error: str | None
    tools: list[McpToolInfo]

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {"name": self.name, "state": self.state}
        if self.error is not None:
            found["error"] = self.error
        found["tools"] = [
            {"name": tool.name, "server": tool.server, "description": tool.description}
            for tool in self.tools
        ]
        return found


class McpServers:
    """Lives on the server's event loop: every method is called there."""

    def __init__(self) -> None:
        self._configs: list[McpServerConfig] = []
        self._connections: dict[str, McpConnection] = {}
        self._stopping: set[asyncio.Task[None]] = set()
        self._closed = False

    async def watch(self, settings_file: SettingsFile) -> None:
        """Starts the configured servers, and applies every later change of the settings."""
        loop = asyncio.get_running_loop()

        def changed(settings: Settings) -> None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: the app is stopping
                loop.call_soon_threadsafe(self.apply, settings)

        settings_file.on_change(changed)
        self.apply(await asyncio.to_thread(settings_file.load))

    def apply(self, settings: Settings) -> None:
        """Starts what is new or changed, stops what was removed, disabled or changed. The
        tools' time limit is no reason to restart: it is applied to each call."""
        if self._closed:
            return
        configs = settings.mcp_server_configs
        wanted = {config.name: config for config in configs if config.enabled}
        for name, connection in list(self._connections.items()):
            if wanted.get(name) != connection.config:
                self._stop(self._connections.pop(name))
        for name, config in wanted.items():
            if name not in self._connections:
                self._connections[name] = McpConnection(config)
        self._configs = configs

    async def function_tools(
        self,
        settings: Settings,
        reserved_names: frozenset[str] = frozenset(),
        failure_message: Callable[[str], ToolErrorFunction] | None = None,
        starting_wait_seconds: float = STARTING_WAIT_SECONDS,
    ) -> list[tuple[FunctionTool, str]]:
        """The tools of every ready server, each with its server's name, for one answer.
        Servers that failed are started again (``_restart_failed``); those starting are waited
        for a little, then left out. ``failure_message(server)`` words a failed call for the
        model."""
        self.apply(settings)
        self._restart_failed()
        waiting = [
            asyncio.ensure_future(connection.wait_settled())
            for connection in self._connections.values()
        ]
        if waiting:
            await asyncio.wait(waiting, timeout=starting_wait_seconds)
            for still_waiting in waiting:
                still_waiting.cancel()
        ready = [c for c in self._connections.values() if c.state == "ready" and c.server]
        names = public_tool_names({c.config.name: c.tools for c in ready}, reserved_names)
        tools: list[tuple[FunctionTool, str]] = []
        for connection in ready:
            assert connection.server is not None
            for tool in connection.tools:
                function_tool = MCPUtil.to_function_tool(
                    tool,
                    connection.server,
                    convert_schemas_to_strict=False,
                    tool_name_override=names[(connection.config.name, tool.name)],
                    **(
                        {"failure_error_function": failure_message(connection.config.name)}
                        if failure_message is not None
                        else {}
                    ),
                )
                function_tool.timeout_seconds = settings.tool_timeout_seconds
                tools.append((function_tool, connection.config.name))
        return tools

    def _restart_failed(self) -> None:
        now = time.monotonic()
        for name, connection in list(self._connections.items()):
            if connection.state != "error":
                continue
            failed_at = connection.failed_at
            if (
                connection.failed_starts > 1
                and failed_at is not None
                and now - failed_at < RETRY_FAILED_START_SECONDS
            ):
                continue
            self._stop(connection)
            self._connections[name] = McpConnection(connection.config, connection.failed_starts)

    def status(self, reserved_names: frozenset[str] = frozenset()) -> list[McpServerStatus]:
        """Every configured server, in the settings' order, with the names its tools have."""
        ready = {
            name: connection.tools
            for name, connection in self._connections.items()
            if connection.state == "ready"
        }
        names = public_tool_names(ready, reserved_names)
        statuses = []
        for config in self._configs:
            connection = self._connections.get(config.name)
            if connection is None:
                statuses.append(McpServerStatus(config.name, "disabled", None, []))
                continue
            tools = [
                McpToolInfo(names[(config.name, tool.name)], config.name, tool.description or "")
                for tool in ready.get(config.name, [])
            ]
            statuses.append(McpServerStatus(config.name, connection.state, connection.error, tools))
        return statuses

    def connection(self, name: str) -> McpConnection | None:
        return self._connections.get(name)

    def _stop(self, connection: McpConnection) -> None:
        stopping = asyncio.create_task(connection.stop(), name=f"stop-mcp-{connection.config.name}")
        self._stopping.add(stopping)
        stopping.add_done_callback(self._stopping.discard)

    async def aclose(self) -> None:
        self._closed = True
        for connection in self._connections.values():
            self._stop(connection)
        self._connections.clear()
        if self._stopping:
            await asyncio.gather(*self._stopping, return_exceptions=True)
