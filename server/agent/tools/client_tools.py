"""``copy_to_clipboard`` and ``open_url``: tools the page carries out, as ChatKit's client
tools. The tool puts a ``ClientToolCall`` on the run's context and the run stops there; the
stream ends with a ``client_tool_call`` item, the page does the work (the app's clipboard
route, the system browser through ``POST /api/open-url``) and answers with
``threads.add_client_tool_output``, and the answer goes on from that output.

What the page is asked to do is checked here first, so the model hears at once why a call
cannot work (an address that is not http or https, a text too long) and the run goes on."""

from collections.abc import Mapping
from typing import Any

from agents import (
    FunctionTool,
    FunctionToolResult,
    RunContextWrapper,
    ToolsToFinalOutputResult,
    function_tool,
)
from agents.tool_context import ToolContext
from chatkit.agents import AgentContext, ClientToolCall

from common.system_browser import checked_web_url
from server.agent.tools.call_descriptions import CallDescription
from server.store.request_context import RequestContext

COPY_TOOL = "copy_to_clipboard"
OPEN_URL_TOOL = "open_url"
# As much as the app puts into another program at once; longer is a mistake, not a copy.
MAX_COPY_CHARS = 100_000
SHOWN_URL_CHARS = 80

COPY_DESCRIPTION = (
    "Put text on the user's clipboard, so they can paste it elsewhere. Use it when the user "
    "asks you to copy something (a rewritten paragraph, a command, an address). The text is "
    "copied exactly as given: no quotes or Markdown around it unless they belong to it."
)
OPEN_URL_DESCRIPTION = (
    "Open a web page (an http or https address) in the user's own web browser. Use it when "
    "the user asks you to open, show or go to a page. Other kinds of address are refused."
)


def copy_to_clipboard_tool() -> FunctionTool:
    @function_tool(name_override=COPY_TOOL, description_override=COPY_DESCRIPTION)
    async def copy_to_clipboard(ctx: ToolContext[AgentContext[RequestContext]], text: str) -> str:
        """
        Args:
            text: The exact text to put on the clipboard.
        """
        if len(text) > MAX_COPY_CHARS:
            raise ValueError(
                f"the text is {len(text):,} characters long; at most {MAX_COPY_CHARS:,} are copied"
            )
        ctx.context.client_tool_call = ClientToolCall(name=COPY_TOOL, arguments={"text": text})
        return "The app is copying the text."

    return copy_to_clipboard


def open_url_tool() -> FunctionTool:
    @function_tool(name_override=OPEN_URL_TOOL, description_override=OPEN_URL_DESCRIPTION)
    async def open_url(ctx: ToolContext[AgentContext[RequestContext]], url: str) -> str:
        """
        Args:
            url: The page's full address, starting with https:// or http://.
        """
        # UrlRefused says why in words; the run's error formatter hands it to the model.
        checked = checked_web_url(url)
        ctx.context.client_tool_call = ClientToolCall(
            name=OPEN_URL_TOOL, arguments={"url": checked}
        )
        return "The app is opening the page in the user's browser."

    return open_url


def stop_at_client_tool_call(
    context: RunContextWrapper[AgentContext[Any]], results: list[FunctionToolResult]
) -> ToolsToFinalOutputResult:
    """The agent's ``tool_use_behavior``: the run stops once a client tool call is waiting for
    the page, as ``StopAtTools`` would, but not after a call refused before reaching it, whose
    error the model should read and answer."""
    if context.context.client_tool_call is None:
        return ToolsToFinalOutputResult(is_final_output=False)
    return ToolsToFinalOutputResult(is_final_output=True, final_output=results[-1].output)


def describe_copy(_arguments: Mapping[str, Any]) -> CallDescription:
    return CallDescription("Copying to your clipboard…", "Copied to your clipboard", "document")


def describe_open_url(arguments: Mapping[str, Any]) -> CallDescription:
    url = arguments.get("url")
    if not isinstance(url, str) or not url:
        return CallDescription("Opening a page…", "Opened a page", "external-link")
    shown = url if len(url) <= SHOWN_URL_CHARS else url[: SHOWN_URL_CHARS - 1] + "…"
    return CallDescription(
        f"Opening {shown} in your browser…", f"Opened {shown} in your browser", "external-link"
    )
