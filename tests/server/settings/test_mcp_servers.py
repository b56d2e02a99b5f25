"""The ``mcp_servers`` and ``tool_timeout_seconds`` settings: what is accepted, and the
sentence a refused value gets."""

from typing import Any

import pytest

from server.settings.mcp_servers import KeyringValue, McpServerConfig
from server.settings.settings_file import Settings, SettingsError, SettingsFile


def test_stdio_and_http_entries_with_their_defaults() -> None:
    settings = Settings().updated(
        {
            "mcp_servers": [
                {"name": "files", "command": ["npx", "-y", "server"], "env": {"ROOT": "/x"}},
                {
                    "name": "search",
                    "url": "https://example.com/mcp",
                    "headers": {
                        "X-Team": "blue",
                        "Authorization": {"keyring": "mcp:search:authorization", "stored": "1f"},
                    },
                    "confirm": False,
                    "enabled": False,
                },
            ]
        }
    )
    files, search = settings.mcp_server_configs
    assert files == McpServerConfig(
        name="files", command=("npx", "-y", "server"), env={"ROOT": "/x"}
    )
    assert files.enabled and files.confirm
    assert search.headers == {
        "X-Team": "blue",
        "Authorization": KeyringValue("mcp:search:authorization", "1f"),
    }
    assert not search.enabled and not search.confirm
    assert settings.tool_timeout_seconds == 60


@pytest.mark.parametrize(
    ("servers", "message"),
    [
        ({"name": "x"}, "mcp_servers must be a list"),
        (["files"], "mcp_servers[0] must be an object"),
        ([{"name": "has space", "command": ["x"]}], "name must be 1 to 40 letters"),
        ([{"name": "a"}], "needs either a command (stdio) or a url (HTTP)"),
        ([{"name": "a", "command": ["x"], "url": "http://x"}], "not both"),
        ([{"name": "a", "command": []}], "command must be a list of words"),
        ([{"name": "a", "command": "npx server"}], "command must be a list of words"),
        ([{"name": "a", "command": ["x"], "env": {"1X": "y"}}], "not an environment variable"),
        ([{"name": "a", "url": "ftp://x"}], "url must start with http:// or https://"),
        ([{"name": "a", "url": "http://x", "env": {}}], "env is for a command"),
        ([{"name": "a", "command": ["x"], "headers": {}}], "headers are for a url"),
        ([{"name": "a", "command": ["x"], "confirm": "yes"}], "confirm must be true or false"),
        ([{"name": "a", "command": ["x"], "colour": 1}], "unknown field 'colour'"),
        ([{"name": "a", "command": ["x"]}, {"name": "A", "url": "http://x"}], "used twice"),
        (
            [{"name": "a", "url": "http://x", "headers": {"Authorization": "Bearer s3cret"}}],
            "header Authorization is a secret and is kept in the keyring",
        ),
        (
            [{"name": "a", "url": "http://x", "headers": {"X-Key": {"keyring": "mcp:b:x-key"}}}],
            "refers to another server's secret",
        ),
        ([{"name": "a", "url": "http://x", "headers": {"X": "a\r\nB: c"}}], "one line of text"),
    ],
)
def test_refused_servers_say_why(servers: Any, message: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings().updated({"mcp_servers": servers})
    assert message in str(refused.value)
    assert "s3cret" not in str(refused.value)


@pytest.mark.parametrize("timeout", [0, -1, 3601, "60", True])
def test_tool_timeout_must_be_a_sensible_number(timeout: Any) -> None:
    with pytest.raises(SettingsError, match="tool_timeout_seconds"):
        Settings().updated({"tool_timeout_seconds": timeout})


def test_a_bad_entry_in_the_file_is_skipped_and_the_rest_loads(tmp_path: Any) -> None:
    (tmp_path / "settings.json").write_text(
        '{"mcp_servers": [{"name": "a"}], "tool_timeout_seconds": 5}', encoding="utf-8"
    )
    settings = SettingsFile(tmp_path).load()
    assert settings.mcp_servers == []
    assert settings.tool_timeout_seconds == 5
