"""The MCP servers' tools added to an answer's toolbox (``server/agent/tools/toolbox.py``).

Each call then reads "<server>: <tool> <arguments>" while it runs; one that fails (the server
stopped, the tool raised) or runs out of time (``tool_timeout_seconds``) is told to the model
as an error and recorded as failed, the line the user sees.
"""

from collections.abc import Callable
from typing import Any

from agents import RunContextWrapper
from agents.tool import ToolErrorFunction
from agents.tool_context import ToolContext

from server.agent.mcp.connection import START_TIMEOUT_SECONDS
from server.agent.mcp.manager import STARTING_WAIT_SECONDS, McpServers
from server.agent.tools.tool_activity import ToolActivity, failure_reason
from server.agent.tools.toolbox import Toolbox
from server.settings.settings_file import Settings


async def add_mcp_tools(
    toolbox: Toolbox, servers: McpServers, settings: Settings, *, resuming: bool = False
) -> None:
    """``resuming``: for a run resumed after an approval, which waits for its servers to start
    (the call it approved needs its server) rather than going on without them."""
    reserved = frozenset(tool.name for tool in toolbox.tools)
    failure = _failed_for(toolbox.activity, servers)
    wait = START_TIMEOUT_SECONDS if resuming else STARTING_WAIT_SECONDS
    for function_tool, server in await servers.function_tools(
        settings, reserved, failure, starting_wait_seconds=wait
    ):
        function_tool.timeout_error_function = _timed_out(toolbox.activity, server)
        toolbox.add(function_tool, server=server)


def _timed_out(activity: ToolActivity, server: str) -> ToolErrorFunction:
    def message(context: RunContextWrapper[Any], error: Exception) -> str:
        reason = f"the MCP server {server} did not answer in time"
        if isinstance(context, ToolContext):
            activity.note_failure(context.tool_call_id, reason)
        return (
            f"Error: {error} ({reason}). Tell the user it did not work, and answer as well as "
            "you can without it."
        )

    return message


def _failed_for(activity: ToolActivity, servers: McpServers) -> Callable[[str], ToolErrorFunction]:
    """For each server, what the model and the user are told when one of its calls fails:
    the server's own error, or that it stopped (it is started again on the next answer)."""

    def for_server(server: str) -> ToolErrorFunction:
        def message(context: RunContextWrapper[Any], error: Exception) -> str:
            connection = servers.connection(server)
            lost = connection is not None and connection.state == "error"
            reason = (
                f"the MCP server {server} stopped during the call"
                if lost
                else failure_reason(error)
            )
            if isinstance(context, ToolContext):
                activity.note_failure(context.tool_call_id, reason)
            return (
                f"Error: the tool failed: {reason}. Tell the user it did not work, and answer "
                "as well as you can without it."
            )

        return message

    return for_server
