"""The names the model sees for MCP tools: unchanged, unless two servers (or a built-in tool)
offer the same one."""

from mcp.types import Tool

from server.agent.mcp.tool_names import public_tool_names


def tool(name: str) -> Tool:
    return Tool(name=name, input_schema={"type": "object"})


def test_names_are_unchanged_without_a_clash() -> None:
    names = public_tool_names({"files": [tool("read")], "web": [tool("fetch")]})
    assert names == {("files", "read"): "read", ("web", "fetch"): "fetch"}


def test_a_name_two_servers_offer_gets_each_server_as_prefix() -> None:
    names = public_tool_names({"a": [tool("search"), tool("only_a")], "b": [tool("search")]})
    assert names == {
        ("a", "search"): "a__search",
        ("a", "only_a"): "only_a",
        ("b", "search"): "b__search",
    }


def test_a_built_in_name_is_never_taken_by_a_server() -> None:
    names = public_tool_names(
        {"notes": [tool("search_conversations")]}, reserved={"search_conversations"}
    )
    assert names == {("notes", "search_conversations"): "notes__search_conversations"}
