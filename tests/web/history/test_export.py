"""Exports from the view in a browser (``serve``): one thread or all of them, as Markdown or
JSON, downloaded from a Blob URL so that the token never appears in any address. The native
window's way, the app writing into Downloads, is in tests/desktop/window/."""

import json
from pathlib import Path

from playwright.sync_api import Download, Page

from common.shared_context import ActiveWindow, SharedContext
from tests.server.export.history_seed import Conversation, assistant, user
from tests.web.history.conftest import HistoryHarness, ViewTab


def seed_two(history: HistoryHarness) -> None:
    history.seed(
        [
            Conversation("Older talk", [user("first question"), assistant("first *answer*")]),
            Conversation(
                "Shared talk",
                [
                    user(
                        "explain this",
                        SharedContext(ActiveWindow("report.odt — Writer", "soffice"), "Q3 numbers"),
                    ),
                    assistant("It is a **report**."),
                ],
            ),
        ]
    )


def download(page: Page, button_name: str) -> Download:
    """Through the item of that name in the export menu: the list's foot's for all, the
    conversation header's for one."""
    with page.expect_download() as started:
        menu = "Export all" if button_name.startswith("Export all") else "Export this conversation"
        page.get_by_role("button", name=menu).click()
        page.get_by_role("menuitem", name=button_name, exact=True).click()
    return started.value


def content(download: Download) -> str:
    return Path(download.path()).read_text(encoding="utf-8")


def assert_token_never_in_an_address(tab: ViewTab, download: Download) -> None:
    assert download.url.startswith("blob:")
    assert all(tab.app.token not in request.url for request in tab.requests)


def test_one_thread_as_markdown(history: HistoryHarness) -> None:
    seed_two(history)
    tab = history.open()
    tab.open_thread("Shared talk")

    saved = download(tab.page, "Export as Markdown")

    assert saved.suggested_filename == "chatkit-shared-talk-2025-03-01.md"
    text = content(saved)
    assert "## Shared talk" in text
    assert "explain this" in text
    assert "It is a **report**." in text
    assert "“report.odt — Writer” in soffice" in text
    assert "> Q3 numbers" in text
    assert "Older talk" not in text
    assert_token_never_in_an_address(tab, saved)


def test_one_thread_as_json(history: HistoryHarness) -> None:
    seed_two(history)
    tab = history.open()
    tab.open_thread("Shared talk")

    saved = download(tab.page, "Export as JSON")

    assert saved.suggested_filename == "chatkit-shared-talk-2025-03-01.json"
    document = json.loads(content(saved))
    [thread] = document["threads"]
    assert thread["thread"]["title"] == "Shared talk"
    types = [item["type"] for item in thread["items"]]
    assert types == ["user_message", "shared_context", "assistant_message"]
    shared = thread["items"][1]
    assert shared["message_id"] == thread["items"][0]["id"]
    assert shared["active_window"] == {"title": "report.odt — Writer", "app": "soffice"}
    assert shared["selection"] == "Q3 numbers"
    assert_token_never_in_an_address(tab, saved)


def test_all_threads_in_both_formats(history: HistoryHarness, isolated_user_dirs: Path) -> None:
    seed_two(history)
    tab = history.open()

    markdown = download(tab.page, "Export all as Markdown")
    as_json = download(tab.page, "Export all as JSON")

    assert markdown.suggested_filename.startswith("chatkit-conversations-")
    text = content(markdown)
    assert text.index("## Shared talk") < text.index("## Older talk")
    assert "first *answer*" in text
    document = json.loads(content(as_json))
    assert [thread["thread"]["title"] for thread in document["threads"]] == [
        "Shared talk",
        "Older talk",
    ]
    assert_token_never_in_an_address(tab, markdown)
    assert_token_never_in_an_address(tab, as_json)
    assert "Exported chatkit-conversations-" in tab.page.locator(".hv-bar-status").inner_text()
    # In a browser the download is the browser's: the app writes nothing of its own.
    assert not (isolated_user_dirs / "Downloads").exists()
    assert tab.page.locator(".export-panel").count() == 0
