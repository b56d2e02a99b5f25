"""One attachment as a part of its message for the model: an image as an image, a PDF as a
file (Responses) or its text (Chat Completions), a text file as its text; files by name."""

import asyncio
import base64
from typing import Literal

from chatkit.types import Attachment
from openai.types.responses import ResponseInputContentParam

from server.attachments.content_types import is_image, normalised_type
from server.attachments.files import AttachmentFiles
from server.attachments.pdf_text import pdf_text

Api = Literal["responses", "chat_completions"]
PDF_TYPE = "application/pdf"
TEXT_LIMIT_BYTES = 200 * 1024
CUT_MARK = "\n[… cut here: the rest of the file is longer than 200 KB]"


async def attachment_part(
    attachment: Attachment, files: AttachmentFiles, api: Api
) -> ResponseInputContentParam:
    name = " ".join(attachment.name.split()) or "unnamed"
    mime_type = normalised_type(attachment.mime_type)
    try:
        if mime_type == PDF_TYPE and api == "chat_completions":
            # Read and parsed on one worker thread: pypdf is slow on a large PDF.
            text = await asyncio.to_thread(_read_pdf_text, files, attachment.id)
            return _pdf_text_part(name, text)
        data = await asyncio.to_thread(files.read_bytes, attachment.id)
    except (FileNotFoundError, ValueError):
        # A file deleted behind the app's back must not cost the user the whole conversation.
        return _text(f"[The attached file “{name}” is no longer available.]")
    if is_image(mime_type):
        # Chat Completions gets this too: the Agents SDK turns it into an ``image_url`` part.
        return {"type": "input_image", "image_url": _data_url(mime_type, data), "detail": "auto"}
    if mime_type == PDF_TYPE:
        return {"type": "input_file", "filename": name, "file_data": _data_url(PDF_TYPE, data)}
    return _text(f"The attached file “{name}”:\n\n{_limited_text(data)}")


def _read_pdf_text(files: AttachmentFiles, attachment_id: str) -> str:
    return pdf_text(files.read_bytes(attachment_id))


def _pdf_text_part(name: str, text: str) -> ResponseInputContentParam:
    if not text:
        return _text(
            f"[The attached PDF “{name}” has no extractable text: it may hold only scanned "
            "images, and this endpoint takes no files. Tell the user if the question needs it.]"
        )
    return _text(f"The text of the attached PDF “{name}”:\n\n{_limited_text(text.encode())}")


def _limited_text(data: bytes) -> str:
    text = data[:TEXT_LIMIT_BYTES].decode("utf-8", errors="replace")
    if len(data) <= TEXT_LIMIT_BYTES:
        return text
    # The cut may split a character; its replacement mark would only confuse the model.
    return text.rstrip("\ufffd") + CUT_MARK


def _data_url(mime_type: str, data: bytes) -> str:
    return f"data:{mime_type};base64,{base64.b64encode(data).decode('ascii')}"


def _text(text: str) -> ResponseInputContentParam:
    return {"type": "input_text", "text": text}
