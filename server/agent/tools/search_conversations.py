"""``search_conversations``: the agent searches the user's saved conversations (the store's
full-text index), the current one left out. The model reads each hit as text, with the
thread's id so it can cite it; the user sees the hits as a widget whose rows open the
threads."""

import dataclasses
from collections.abc import Mapping
from typing import Any

from agents import FunctionTool, function_tool
from agents.tool_context import ToolContext
from chatkit.agents import AgentContext

from server.agent.tools.call_descriptions import CallDescription
from server.agent.tools.conversation_hits_widget import conversation_hits_widget, hit_title
from server.agent.tools.tool_activity import ToolActivity
from server.store import SQLiteStore
from server.store.highlight import HIGHLIGHT_END, HIGHLIGHT_START
from server.store.request_context import RequestContext
from server.store.search import SearchHit

TOOL_NAME = "search_conversations"
DEFAULT_LIMIT = 8
MAX_LIMIT = 20
# Search results that the tool showed or the model said quote other conversations: only what
# the user and the assistant wrote counts as a hit. Asking for more than the limit leaves
# enough once those and the current conversation are set aside.
SEARCHED_PER_HIT = 3
HIT_ROLES = ("user", "assistant")
WHO_WROTE = {"user": "the user wrote", "assistant": "you (the assistant) wrote"}
_WITHOUT_MARKS = str.maketrans({HIGHLIGHT_START: None, HIGHLIGHT_END: None})

DESCRIPTION = (
    "Search the user's saved conversations with this app (all of them except the current one) "
    'for words. Use it when the user refers to something discussed before ("as we '
    'discussed", "what did I say about…", "last week\'s plan") or asks what they decided or '
    "wrote earlier. Returns the best matching passages, each with its conversation's title, "
    "date and thread id. The query is plain words (every word must appear); use the most "
    "distinctive ones, and try other words if nothing is found."
)


def describe_search(arguments: Mapping[str, Any]) -> CallDescription:
    query = arguments.get("query")
    if not isinstance(query, str) or not query.strip():
        return CallDescription("Searching your conversations…", "Searched your conversations")
    shown = " ".join(query.split())
    return CallDescription(
        running=f"Searching your conversations for “{shown}”…",
        done=f"Searched your conversations for “{shown}”",
        icon="search",
    )


def search_conversations_tool(store: SQLiteStore, activity: ToolActivity) -> FunctionTool:
    @function_tool(name_override=TOOL_NAME, description_override=DESCRIPTION)
    async def search_conversations(
        ctx: ToolContext[AgentContext[RequestContext]], query: str, limit: int = DEFAULT_LIMIT
    ) -> str:
        """
        Args:
            query: The words to look for.
            limit: How many passages to return at most (1 to 20).
        """
        chat = ctx.context
        hits = await find_hits(store, chat.request_context, chat.thread.id, query, limit)
        text = hits_as_text(query, hits)
        activity.show_widget_after(ctx.tool_call_id, conversation_hits_widget(query, hits), text)
        return text

    return search_conversations


async def find_hits(
    store: SQLiteStore, context: RequestContext, current_thread_id: str, query: str, limit: int
) -> list[SearchHit]:
    wanted = min(max(limit, 1), MAX_LIMIT)
    found = await store.search(query, context, limit=wanted * SEARCHED_PER_HIT)
    hits = [
        dataclasses.replace(hit, snippet=hit.snippet.translate(_WITHOUT_MARKS))
        for hit in found
        if hit.thread_id != current_thread_id and hit.role in HIT_ROLES
    ]
    return hits[:wanted]


def hits_as_text(query: str, hits: list[SearchHit]) -> str:
    if not hits:
        return f"No saved conversation matches “{query}”."
    lines = [f"{len(hits)} passages from the user's saved conversations match “{query}”:"]
    for number, hit in enumerate(hits, start=1):
        lines.append(
            f"{number}. “{hit_title(hit)}” (thread id {hit.thread_id}, "
            f"{hit.created_at:%Y-%m-%d}; {WHO_WROTE.get(hit.role, 'written')}): {hit.snippet}"
        )
    return "\n".join(lines)
