"""``GET /api/tools``: the agent's tools and the state of each MCP server, for Settings.

Asking loads the agent side if it has not loaded yet (the MCP servers belong to it)."""

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from server.http.services import AppServices

router = APIRouter(prefix="/api")


@router.get("/tools")
async def list_tools(app: AppServices) -> dict[str, Any]:
    settings = await run_in_threadpool(app.settings_file.load)
    chatkit_server = await app.chatkit_server.get()
    # Loaded with the agent side just awaited, never on the way to the first window.
    from server.agent.mcp.tool_listing import tool_listing

    chatkit_server.mcp_servers.apply(settings)
    return tool_listing(chatkit_server.mcp_servers, settings, chatkit_server.store)
