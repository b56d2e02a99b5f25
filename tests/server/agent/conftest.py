"""Fixtures of the agent's tests."""

from pathlib import Path

import pytest

from tests.server.agent.mcp_notes import NotesServer


@pytest.fixture
def notes(tmp_path: Path) -> NotesServer:
    """The test MCP server ``mcp/servers/notes_server.py``: its settings entry, its calls."""
    return NotesServer(tmp_path / "notes-calls.jsonl", tmp_path / "notes.pid")
