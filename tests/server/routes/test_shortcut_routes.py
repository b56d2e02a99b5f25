"""``GET /api/shortcut``: the global shortcut's state as the desktop app reports it, and under
``serve`` (no shortcut of its own) what to use instead."""

from pathlib import Path
from typing import Any

from server.routes.shortcut import attach_shortcut_state
from tests.server.running_server import running_server


class ReportedState:
    def describe(self) -> dict[str, Any]:
        return {
            "combination": "Ctrl+Alt+Space",
            "active": False,
            "problem": "Ctrl+Alt+Space is already used by another program.",
        }


def test_under_serve_the_answer_names_the_command_to_bind(tmp_path: Path) -> None:
    with running_server(tmp_path) as server, server.client() as client:
        answer = client.get("/api/shortcut").json()
    assert answer["active"] is False
    assert answer["combination"] is None
    assert "chatkit-desktop ask" in answer["problem"]


def test_the_app_reports_its_own_state(tmp_path: Path) -> None:
    with running_server(tmp_path) as server, server.client() as client:
        attach_shortcut_state(server.local.app, ReportedState())
        assert client.get("/api/shortcut").json() == ReportedState().describe()


def test_it_needs_the_token(tmp_path: Path) -> None:
    with running_server(tmp_path) as server, server.client(headers={"Authorization": ""}) as c:
        assert c.get("/api/shortcut").status_code == 401
