"""The one place that decides which tools an answer's agent gets, from the settings.

``build_toolbox`` runs once per answer (the settings may have changed since the last). A new
kind of tool adds its ``FunctionTool`` to ``tools`` here, and, when its calls deserve wording
of their own, a describer to ``activity.describers``; tools from an MCP server name their
server in ``activity.servers`` so their calls read "<server>: <tool> <arguments>".
"""

from dataclasses import dataclass, field
from typing import Any

from agents import RunConfig, Tool

from server.agent.tools.call_descriptions import Describer
from server.agent.tools.client_tools import (
    copy_to_clipboard_tool,
    describe_copy,
    describe_open_url,
    open_url_tool,
)
from server.agent.tools.search_conversations import describe_search, search_conversations_tool
from server.agent.tools.tool_activity import ToolActivity
from server.settings.settings_file import Settings
from server.store import SQLiteStore


@dataclass
class Toolbox:
    tools: list[Tool] = field(default_factory=list)
    activity: ToolActivity = field(default_factory=ToolActivity)
    """The run's hooks: pass as ``Runner.run_streamed(hooks=…)``."""

    def add(
        self, tool: Tool, describer: Describer | None = None, server: str | None = None
    ) -> None:
        """``describer``: the tool's own wording of its calls; ``server``: the MCP server it
        comes from, for the generic wording."""
        self.tools.append(tool)
        self.activity.known_tools.add(tool.name)
        if describer is not None:
            self.activity.describers[tool.name] = describer
        if server is not None:
            self.activity.servers[tool.name] = server

    def run_config(self, **options: Any) -> RunConfig:
        """A ``RunConfig`` with ``options``, in which failed tool calls reach the model."""
        return RunConfig(**options, **self.activity.run_config_options())


def build_toolbox(settings: Settings, store: SQLiteStore) -> Toolbox:
    toolbox = Toolbox()
    # Carried out by the page (ChatKit's client tools); the agent stops at them
    # (``client_tools.stop_at_client_tool_call``).
    toolbox.add(copy_to_clipboard_tool(), describe_copy)
    toolbox.add(open_url_tool(), describe_open_url)
    if settings.search_conversations_tool:
        toolbox.add(search_conversations_tool(store, toolbox.activity), describe_search)
    return toolbox
