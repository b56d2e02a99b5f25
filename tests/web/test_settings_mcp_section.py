"""Settings → Tools from MCP servers in a real browser: a server added, started, shown with its
state and tools, turned off, edited and removed, each change saved through /api/settings; a
secret header typed into a password field goes to the keyring and never back to the page."""

import sys
from pathlib import Path

import httpx
from playwright.sync_api import Locator, expect

from tests.fixtures.browser import ServedApp
from tests.server.agent.mcp_notes import NOTES_SERVER
from tests.web.conftest import PAGE_TIMEOUT_MS, PageUnderTest

SECRET = "Bearer mcp-secret-7c1e9f3a2b"


def server_settings(app: ServedApp) -> dict:
    response = httpx.get(
        f"{app.url}/api/settings", headers={"Authorization": f"Bearer {app.token}"}, timeout=10
    )
    response.raise_for_status()
    return response.json()


def open_section(tab: PageUnderTest) -> Locator:
    tab.open("chatkit")
    tab.stand_in("chatkit.clickHeaderAction()")
    dialog = tab.page.get_by_role("dialog", name="Settings")
    expect(dialog.get_by_role("button", name="Add MCP server")).to_be_visible()
    return dialog


def test_add_see_turn_off_and_remove_a_server(
    tab: PageUnderTest, app: ServedApp, tmp_path: Path
) -> None:
    dialog = open_section(tab)
    dialog.get_by_role("button", name="Add MCP server").click()
    editor = dialog.get_by_role("form", name="New MCP server")
    editor.get_by_label("Name").fill("notes")
    editor.get_by_label("Command", exact=True).fill(f"{sys.executable}\n{NOTES_SERVER}")
    editor.get_by_label("Environment").fill(f"NOTES_CALLS={tmp_path / 'calls.jsonl'}")
    editor.get_by_label("Ask me before each call").uncheck()
    editor.get_by_role("button", name="Add server").click()

    server = dialog.locator('.mcp-server[data-server="notes"]')
    expect(server).to_have_attribute("data-state", "ready", timeout=PAGE_TIMEOUT_MS)
    expect(server.locator(".mcp-state")).to_have_text("Ready")
    expect(server.locator(".mcp-tools")).to_contain_text("add_note")
    assert server_settings(app)["mcp_servers"] == [
        {
            "name": "notes",
            "enabled": True,
            "confirm": False,
            "command": [sys.executable, str(NOTES_SERVER)],
            "env": {"NOTES_CALLS": str(tmp_path / "calls.jsonl")},
        }
    ]

    dialog.get_by_label("Use notes").uncheck()
    expect(server.locator(".mcp-state")).to_have_text("Off")
    assert server_settings(app)["mcp_servers"][0]["enabled"] is False

    dialog.get_by_role("button", name="Remove notes").click()
    expect(dialog.locator(".mcp-server")).to_have_count(0)
    assert server_settings(app)["mcp_servers"] == []


def test_a_server_that_cannot_start_says_why(tab: PageUnderTest) -> None:
    dialog = open_section(tab)
    dialog.get_by_role("button", name="Add MCP server").click()
    editor = dialog.get_by_role("form", name="New MCP server")
    editor.get_by_label("Name").fill("ghost")
    editor.get_by_label("Command", exact=True).fill("/nonexistent/mcp-server")
    editor.get_by_role("button", name="Add server").click()

    server = dialog.locator('.mcp-server[data-server="ghost"]')
    expect(server.locator(".mcp-state")).to_have_text("Not working", timeout=PAGE_TIMEOUT_MS)
    expect(server.locator(".mcp-error")).to_have_text(
        "the command '/nonexistent/mcp-server' was not found"
    )


def test_a_refused_server_is_not_saved_and_says_why(tab: PageUnderTest, app: ServedApp) -> None:
    dialog = open_section(tab)
    dialog.get_by_role("button", name="Add MCP server").click()
    editor = dialog.get_by_role("form", name="New MCP server")
    editor.get_by_label("Name").fill("web")
    editor.get_by_label("A URL").check()
    editor.get_by_label("URL", exact=True).fill("ftp://example.com/mcp")
    editor.get_by_role("button", name="Add server").click()

    expect(editor.get_by_role("status")).to_contain_text("url must start with http://")
    assert server_settings(app)["mcp_servers"] == []


def test_a_secret_header_goes_to_the_keyring_not_back_to_the_page(
    keyring_tab: PageUnderTest, keyring_app: ServedApp
) -> None:
    dialog = open_section(keyring_tab)
    dialog.get_by_role("button", name="Add MCP server").click()
    editor = dialog.get_by_role("form", name="New MCP server")
    editor.get_by_label("Name").fill("web")
    editor.get_by_label("A URL").check()
    editor.get_by_label("URL", exact=True).fill("http://127.0.0.1:9/mcp")
    editor.get_by_role("button", name="Add header").click()
    editor.get_by_label("Header name").fill("Authorization")
    value = editor.get_by_label("Header value")
    value.fill(SECRET)
    assert value.get_attribute("type") == "password"
    editor.get_by_role("button", name="Add server").click()

    expect(dialog.locator('.mcp-server[data-server="web"]')).to_be_visible()
    (reference,) = server_settings(keyring_app)["mcp_servers"][0]["headers"].values()
    assert reference["keyring"] == "mcp:web:authorization"
    assert SECRET not in keyring_tab.everything_shown()

    dialog.get_by_role("button", name="Edit web").click()
    editing = dialog.get_by_role("form", name="Edit web")
    expect(editing.get_by_label("Header value")).to_have_value("")
    editing.get_by_role("button", name="Save server").click()
    expect(dialog.get_by_role("form")).to_have_count(1)  # the panel's own form
    assert server_settings(keyring_app)["mcp_servers"][0]["headers"] == {"Authorization": reference}
