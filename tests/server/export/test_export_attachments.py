"""Attachments in exports: JSON lists each with its name, type, size and SHA-256 (the bytes too,
in base64, when asked); Markdown names each with its type and size."""

import base64
import hashlib
import json
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

from chatkit.types import (
    FileAttachment,
    ImageAttachment,
    InferenceOptions,
    ThreadMetadata,
    UserMessageItem,
    UserMessageTextContent,
)

from server.attachments.files import AttachmentFiles
from server.export.attachments import ExportedAttachments
from server.export.entries import Entry
from server.export.json_export import json_export
from server.export.markdown import markdown_export

AT = datetime(2025, 3, 1, 9, 30)
PDF = b"%PDF-1.4\n" + b"x" * 3000
PNG_PREVIEW = "data:image/png;base64,iVBORw0KGgo="
THREAD = ThreadMetadata(id="thr_1", title="Files", created_at=AT)


def with_attachments() -> UserMessageItem:
    return UserMessageItem(
        id="msg_1",
        thread_id="thr_1",
        created_at=AT,
        content=[UserMessageTextContent(text="What is in these?")],
        attachments=[
            FileAttachment(id="atc_pdf", name="report.pdf", mime_type="application/pdf"),
            ImageAttachment(
                id="atc_png",
                name="screen.png",
                mime_type="image/png",
                preview_url=PNG_PREVIEW,
                # What the store's record knows, used before reading the file.
                metadata={"size": 1234, "sha256": "ab" * 32},
            ),
        ],
        inference_options=InferenceOptions(),
    )


async def one_thread() -> AsyncIterator[ThreadMetadata]:
    yield THREAD


async def entries(thread_id: str) -> AsyncIterator[Entry]:
    yield with_attachments()


async def exported_json(attachments: ExportedAttachments) -> list[dict[str, Any]]:
    text = "".join([piece async for piece in json_export(one_thread(), entries, AT, attachments)])
    items: list[dict[str, Any]] = json.loads(text)["threads"][0]["items"]
    return items


async def test_json_lists_name_type_size_and_digest(tmp_path: Path) -> None:
    AttachmentFiles(tmp_path).write("atc_pdf", [PDF])

    (message,) = await exported_json(ExportedAttachments(AttachmentFiles(tmp_path)))

    pdf, png = message["attachments"]
    assert pdf == {
        "id": "atc_pdf",
        "type": "file",
        "name": "report.pdf",
        "mime_type": "application/pdf",
        "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(),
    }
    assert png["size"] == 1234
    assert png["sha256"] == "ab" * 32
    assert "metadata" not in png
    assert "data_base64" not in pdf


async def test_json_includes_the_bytes_when_asked(tmp_path: Path) -> None:
    AttachmentFiles(tmp_path).write("atc_pdf", [PDF])

    (message,) = await exported_json(
        ExportedAttachments(AttachmentFiles(tmp_path), include_bytes=True)
    )

    pdf, png = message["attachments"]
    assert base64.b64decode(pdf["data_base64"]) == PDF
    # Its file is gone: still listed, from its record, with no bytes to give.
    assert png["name"] == "screen.png"
    assert "data_base64" not in png


async def test_json_without_the_files_lists_the_records() -> None:
    (message,) = await exported_json(ExportedAttachments(None))

    pdf, png = message["attachments"]
    assert pdf["name"] == "report.pdf"
    assert "size" not in pdf
    assert png["size"] == 1234


async def test_markdown_names_each_attachment_with_its_type_and_size(tmp_path: Path) -> None:
    AttachmentFiles(tmp_path).write("atc_pdf", [PDF])
    attachments = ExportedAttachments(AttachmentFiles(tmp_path))

    text = "".join(
        [piece async for piece in markdown_export(one_thread(), entries, AT, attachments)]
    )

    assert f"Attached: report.pdf (application/pdf, {len(PDF):,} bytes)" in text
    assert "Attached: screen.png (image/png, 1,234 bytes)" in text
