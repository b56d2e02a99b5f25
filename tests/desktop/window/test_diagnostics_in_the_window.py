"""Settings → Diagnostics in the real window: the report copied through the app's own clipboard
(the page may not write it there itself), and the log folder opened by xdg-open with a file
manager of the test's own."""

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Playwright, expect

from common.paths import profile_of
from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.x_display import wait_until
from testing.x_session import XSession
from tests.desktop.window.conftest import LaunchApp
from tests.desktop.window.devtools import app_page
from tests.fixtures.file_manager import generic_desktop, install_file_manager

PAGE_TIMEOUT_MS = 30_000


def test_copy_report_and_open_log_folder_in_the_window(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    x_session: XSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    file_manager = install_file_manager(tmp_path / "file-manager")
    generic_desktop(monkeypatch, x_session.display)
    app = launch()
    app.window()
    url = app.runtime()["url"]
    with app_page(playwright_instance, app.cdp_port, url) as page:
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        # OpenAI's CDN is out of reach here: the built-in view, with its own Settings button.
        with page.expect_response(f"{url}/api/diagnostics") as answered:
            page.locator("#builtin-view").get_by_role("button", name="Settings").click()
        report = answered.value.json()
        diagnostics = page.get_by_role("dialog", name="Settings").get_by_role(
            "region", name="Diagnostics"
        )
        expect(diagnostics.get_by_role("listitem")).to_have_count(len(report["checks"]))

        with page.expect_response(f"{url}/api/clipboard") as copied:
            diagnostics.get_by_role("button", name="Copy report").click()
        assert copied.value.status == 204
        expect(diagnostics).to_contain_text("Copied.")

        def clipboard() -> str:
            return subprocess.run(
                ["xclip", "-o", "-selection", "clipboard"],
                env=app.env,
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout

        wait_until(lambda: clipboard() == report["text"], "the report is not on the clipboard")

        diagnostics.get_by_role("button", name="Open log folder").click()
        folder = profile_of(app.data_dir).logs
        expect(diagnostics).to_contain_text(f"Opened the log folder: {folder}")
        assert file_manager.opened() == [str(folder)]
