"""A URL in an MCP server's start failure is shown without its user name, password, query or
fragment: the text is logged and sent to the page."""

import httpx
import pytest

from server.agent.mcp.connection import describe_start_failure
from server.agent.mcp.url_credentials import without_url_credentials
from server.settings.mcp_servers import parse_mcp_servers

SECRET = "s3cret-0a1b2c3d"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            f"at https://me:{SECRET}@mcp.example.com:8443/mcp now",
            "at https://mcp.example.com:8443/mcp now",
        ),
        (f"'http://127.0.0.1:9/mcp?token={SECRET}#x'", "'http://127.0.0.1:9/mcp'"),
        (f"https://{SECRET}@host?key={SECRET}", "https://host"),
        (f"wss://me:pa?{SECRET}@host/ws", "wss://host/ws"),
        ("no address here", "no address here"),
        ("a (https://host/path) b", "a (https://host/path) b"),
    ],
)
def test_credentials_and_queries_are_cut_from_urls(text: str, shown: str) -> None:
    assert without_url_credentials(text) == shown


def test_a_start_failure_quoting_its_url_keeps_no_credentials() -> None:
    url = f"https://me:{SECRET}@mcp.example.com/mcp?token={SECRET}"
    (config,) = parse_mcp_servers([{"name": "web", "url": url}])
    response = httpx.Response(401, request=httpx.Request("POST", url))
    with pytest.raises(httpx.HTTPStatusError) as refused:
        response.raise_for_status()
    assert SECRET in str(refused.value)

    described = describe_start_failure(config, refused.value)

    assert SECRET not in described
    assert "https://mcp.example.com/mcp" in described
    assert described.startswith("it failed to start: HTTPStatusError: Client error '401")
