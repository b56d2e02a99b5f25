"""A tool result cut to what a model can take, with a note saying so.

An MCP server may answer with megabytes; sent on as it is, the next model call fails or
costs a fortune. The text parts are cut to ``MAX_RESULT_CHARACTERS`` all together, and a
note tells the model (and the user, in the call's record) how much was left out.
"""

from mcp.types import CallToolResult, TextContent

MAX_RESULT_CHARACTERS = 100_000


def limited_result(result: CallToolResult) -> CallToolResult:
    """``result`` with its text cut to the limit and a note added; as it is when it fits.
    Structured content is dropped when the text had to be cut: it is the same data again."""
    total = sum(len(part.text) for part in result.content if isinstance(part, TextContent))
    if total <= MAX_RESULT_CHARACTERS:
        return result
    room = MAX_RESULT_CHARACTERS
    content: list = []
    for part in result.content:
        if isinstance(part, TextContent):
            kept = part.text[:room]
            room -= len(kept)
            if kept:
                content.append(part.model_copy(update={"text": kept}))
        else:
            content.append(part)
    content.append(TextContent(type="text", text=truncation_note(total)))
    return result.model_copy(update={"content": content, "structured_content": None})


def truncation_note(total: int) -> str:
    return (
        f"[The tool's answer was {total:,} characters long; only the first "
        f"{MAX_RESULT_CHARACTERS:,} are shown.]"
    )
