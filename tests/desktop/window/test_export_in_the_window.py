"""Exports from the real Qt window, whose web engine drops downloads: the app writes the file
into the Downloads folder itself, the page follows its progress, says where it went and opens
the folder through xdg-open with a file manager of the test's own. A file where the folder
should be gives the reason and no file; a name already taken gets " (2)"."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.x_session import XSession
from tests.desktop.window.conftest import LaunchApp
from tests.desktop.window.devtools import app_page
from tests.fixtures.file_manager import generic_desktop, install_file_manager
from tests.server.export.history_seed import Conversation, assistant, seed_history, user

PAGE_TIMEOUT_MS = 30_000
EXPORT_TIMEOUT_MS = 120_000
# Every text the export panel shows, recorded as it changes: progress passes too quickly for a
# poll from the test to be sure to see it.
RECORD_PANEL = """() => {
  window.exportPanelTexts = [];
  new MutationObserver(() => {
    const panel = document.querySelector(".export-panel");
    const text = panel?.querySelector(".export-message")?.textContent;
    if (text && window.exportPanelTexts.at(-1) !== text) window.exportPanelTexts.push(text);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""


def builtin_view(page: Page) -> None:
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    # OpenAI's CDN is out of reach here: the built-in view.
    page.wait_for_selector('#app[data-mode="builtin"] .hv')


def test_one_thread_is_saved_in_downloads_and_its_folder_opened(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    x_session: XSession,
    isolated_user_dirs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed_history(
        tmp_path / "data",
        [Conversation("Trip notes", [user("Is Zanzibar warm in June?"), assistant("Yes, dry.")])],
    )
    downloads = isolated_user_dirs / "Downloads"
    # Tests run as root, who may write anywhere: a file in the folder's place is what refuses.
    downloads.write_text("not a folder")
    file_manager = install_file_manager(tmp_path / "file-manager")
    generic_desktop(monkeypatch, x_session.display)
    app = launch()
    app.window()
    with app_page(playwright_instance, app.cdp_port, app.runtime()["url"]) as page:
        builtin_view(page)
        page.locator(".hv-threads [data-thread-id]", has_text="Trip notes").click()
        menu = page.get_by_role("button", name="Export this conversation")
        export_markdown = page.get_by_role("menuitem", name="Export as Markdown", exact=True)
        panel = page.get_by_role("region", name="Export")
        status = page.locator(".hv-bar-status")

        menu.click()
        export_markdown.click()
        refusal = (
            f"Export failed: The export could not be saved in {downloads}: {downloads} is a "
            "file, not a folder. Nothing was written."
        )
        expect(panel).to_contain_text(refusal)
        expect(status).to_have_text(refusal)
        assert downloads.read_text() == "not a folder"

        downloads.unlink()
        menu.click()
        export_markdown.click()
        saved = downloads / "chatkit-trip-notes-2025-03-01.md"
        expect(panel).to_contain_text(f"Saved to {saved}")
        expect(status).to_have_text(f"Exported {saved}")
        text = saved.read_text(encoding="utf-8")
        assert "## Trip notes" in text
        assert "Is Zanzibar warm in June?" in text

        panel.get_by_role("button", name="Open folder").click()
        expect(panel).to_contain_text(f"Opened {downloads}")
        assert file_manager.opened() == [str(downloads)]

        menu.click()
        export_markdown.click()
        again = downloads / "chatkit-trip-notes-2025-03-01 (2).md"
        expect(panel).to_contain_text(f"Saved to {again}")
        assert "## Trip notes" in again.read_text(encoding="utf-8")
        assert saved.read_text(encoding="utf-8") == text
        assert {path.name for path in downloads.iterdir()} == {saved.name, again.name}


def test_exporting_two_thousand_threads_shows_progress_and_completes(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    isolated_user_dirs: Path,
    tmp_path: Path,
) -> None:
    seed_history(
        tmp_path / "data",
        [
            Conversation(f"Thread {number}", [user(f"question {number}"), assistant("answer")])
            for number in range(2000)
        ],
    )
    app = launch()
    app.window()
    with app_page(playwright_instance, app.cdp_port, app.runtime()["url"]) as page:
        builtin_view(page)
        page.evaluate(RECORD_PANEL)

        page.get_by_role("button", name="Export all").click()
        page.get_by_role("menuitem", name="Export all as Markdown").click()

        panel = page.get_by_role("region", name="Export")
        expect(panel).to_contain_text("Saved to ", timeout=EXPORT_TIMEOUT_MS)
        texts: list[str] = page.evaluate("window.exportPanelTexts")
    progress = [
        int(found.group(1).replace(",", ""))
        for text in texts
        if (found := re.fullmatch(r"Exporting: ([\d,]+) of 2,000 conversations…", text))
    ]
    assert progress, texts
    assert progress == sorted(progress)
    assert texts[-1].startswith("Saved to ")
    [written] = (isolated_user_dirs / "Downloads").iterdir()
    assert texts[-1] == f"Saved to {written}"
    assert written.read_text(encoding="utf-8").count("\n## Thread ") == 2000
