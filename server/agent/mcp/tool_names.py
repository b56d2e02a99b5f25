"""The names the model sees for MCP tools: each tool's own name, unless two servers (or a
built-in tool) offer the same one; then every server's copy is named ``<server>__<tool>``."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from mcp.types import Tool as McpTool

SEPARATOR = "__"


def public_tool_names(
    tools_by_server: Mapping[str, Sequence[McpTool]], reserved: Iterable[str] = ()
) -> dict[tuple[str, str], str]:
    """``(server, tool) -> name for the model``, for every tool of every server given."""
    offered = Counter(tool.name for tools in tools_by_server.values() for tool in tools)
    taken = set(reserved)
    return {
        (server, tool.name): (
            f"{server}{SEPARATOR}{tool.name}"
            if offered[tool.name] > 1 or tool.name in taken
            else tool.name
        )
        for server, tools in tools_by_server.items()
        for tool in tools
    }
