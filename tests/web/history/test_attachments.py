"""Attachments in the built-in view, in Chromium against the real server: images in the
history as thumbnails that open larger, files with their size and a download that gives their
bytes, and the composer's files (button, drop, paste) uploaded the two-phase way and sent with
the message by id."""

import base64
import json
import re
from pathlib import Path
from typing import Any

from chatkit.types import FileAttachment, ImageAttachment
from playwright.sync_api import JSHandle, Page, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.sample_files import png_bytes
from tests.server.export.history_seed import Conversation, assistant, user
from tests.web.history.conftest import HistoryHarness, ViewTab

PNG = png_bytes(0, 128, 255)
PREVIEW = "data:image/png;base64," + base64.b64encode(PNG).decode()
NOTES = ("Line one of the notes.\n" * 120).encode()
SCREEN = ImageAttachment(
    id="atc_screen", name="screen.png", mime_type="image/png", preview_url=PREVIEW
)
BLOB_URL = re.compile(r"^blob:")
REPORT = FileAttachment(id="atc_notes", name="notes.txt", mime_type="text/plain")


def seed_message_with_attachments(history: HistoryHarness) -> None:
    history.seed(
        [
            Conversation(
                "With files",
                [
                    user("Look at these", attachments=[(SCREEN, PNG), (REPORT, NOTES)]),
                    assistant("Seen."),
                ],
            )
        ]
    )


def test_history_shows_an_image_thumbnail_that_opens_larger(history: HistoryHarness) -> None:
    seed_message_with_attachments(history)
    tab = history.open()
    tab.open_thread("With files")
    page = tab.page

    thumbnail = page.get_by_role("button", name="View screen.png larger")
    expect(thumbnail.locator("img")).to_have_attribute("src", PREVIEW)
    assert thumbnail.locator("img").evaluate("(image) => image.complete && image.naturalWidth") == 1

    thumbnail.click()

    dialog = page.get_by_role("dialog", name="screen.png")
    expect(dialog).to_be_visible()
    # The full image, fetched with the token, replaces the thumbnail in the dialog.
    large = dialog.locator("img")
    expect(large).to_have_attribute("src", BLOB_URL)
    page.wait_for_function(
        "() => document.querySelector('.hv-image-large').complete"
        " && document.querySelector('.hv-image-large').naturalWidth === 1"
    )
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_have_count(0)


def test_history_shows_a_file_with_its_size_and_it_downloads(history: HistoryHarness) -> None:
    seed_message_with_attachments(history)
    tab = history.open()
    tab.open_thread("With files")
    page = tab.page

    file_row = page.locator(".hv-attachment-file", has_text="notes.txt")
    expect(file_row.locator(".hv-attachment-size")).to_have_text(f"{round(len(NOTES) / 1024)} KB")
    with page.expect_download() as started:
        file_row.get_by_role("button", name="Download notes.txt").click()

    download = started.value
    assert download.suggested_filename == "notes.txt"
    assert Path(download.path()).read_bytes() == NOTES


def sent_attachments(tab: ViewTab) -> list[list[str]]:
    return [
        json.loads(request.post_data or "")["params"]["input"]["attachments"]
        for request in tab.chatkit_requests("threads.create")
    ]


def created_attachments(tab: ViewTab) -> list[dict[str, Any]]:
    return [
        json.loads(request.post_data or "")["params"]
        for request in tab.chatkit_requests("attachments.create")
    ]


def ready_chip(page: Page, name: str) -> None:
    expect(page.locator(".hv-chip", has_text=name)).to_have_attribute("data-state", "ready")


def send(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")


def uploaded_ids(tab: ViewTab) -> list[str]:
    """The ids the server gave, from its answers to attachments.create."""
    ids = []
    for request in tab.chatkit_requests("attachments.create"):
        response = request.response()
        assert response is not None
        ids.append(response.json()["id"])
    return ids


def test_the_composer_uploads_a_file_from_the_button_and_sends_its_id(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.reply("A blue pixel.")
    tab = history.open()
    page = tab.page

    page.locator(".hv-composer input[type=file]").set_input_files(
        files=[{"name": "pixel.png", "mimeType": "image/png", "buffer": PNG}]
    )
    ready_chip(page, "pixel.png")
    send(page, "What colour is this?")

    expect(page.locator(".hv-assistant .hv-markdown")).to_have_text("A blue pixel.")
    assert created_attachments(tab) == [
        {"name": "pixel.png", "size": len(PNG), "mime_type": "image/png"}
    ]
    upload = next(request for request in tab.requests if "/api/uploads/" in request.url)
    assert upload.method == "POST"
    assert "authorization" not in upload.headers
    assert sent_attachments(tab) == [uploaded_ids(tab)]
    expect(page.locator(".hv-chip")).to_have_count(0)
    # The message shows its image as the server previews it.
    thumbnail = page.locator(".hv-user .hv-thumbnail img")
    expect(thumbnail).to_have_attribute("alt", "pixel.png")
    assert (thumbnail.get_attribute("src") or "").startswith("data:image/")


def dropped_files(page: Page, name: str, text: str) -> JSHandle:
    return page.evaluate_handle(
        """([name, text]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], name, { type: "text/plain" }));
            return transfer;
        }""",
        [name, text],
    )


def test_the_composer_takes_a_dropped_file_and_sends_its_id(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.reply("Noted.")
    tab = history.open()
    page = tab.page

    transfer = dropped_files(page, "todo.txt", "buy milk\n")
    page.dispatch_event(".hv-composer", "dragover", {"dataTransfer": transfer})
    page.dispatch_event(".hv-composer", "drop", {"dataTransfer": transfer})
    ready_chip(page, "todo.txt")
    send(page, "Summarise my list")

    expect(page.locator(".hv-assistant .hv-markdown")).to_have_text("Noted.")
    assert created_attachments(tab) == [{"name": "todo.txt", "size": 9, "mime_type": "text/plain"}]
    assert sent_attachments(tab) == [uploaded_ids(tab)]
    expect(page.locator(".hv-user .hv-attachment-file .hv-attachment-name")).to_have_text(
        "todo.txt"
    )


def test_a_pasted_file_is_attached_and_a_chip_can_be_removed(history: HistoryHarness) -> None:
    tab = history.open()
    page = tab.page
    transfer = dropped_files(page, "pasted.txt", "from the clipboard")

    page.get_by_role("textbox", name="Message").evaluate(
        """(box, transfer) => box.dispatchEvent(
            new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true })
        )""",
        transfer,
    )
    ready_chip(page, "pasted.txt")
    with page.expect_response(
        lambda response: "attachments.delete" in (response.request.post_data or "")
    ) as deleted:
        page.get_by_role("button", name="Remove pasted.txt").click()

    expect(page.locator(".hv-chip")).to_have_count(0)
    (attachment_id,) = uploaded_ids(tab)
    assert json.loads(deleted.value.request.post_data or "")["params"] == {
        "attachment_id": attachment_id
    }
    assert deleted.value.ok
