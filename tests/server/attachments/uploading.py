"""The two phases of an upload as ChatKit.js does them, against a real server, and sample
files of each supported kind."""

import asyncio
import io
import random
from pathlib import Path
from typing import Any

import httpx
from chatkit.types import Attachment
from PIL import Image

from server.store.request_context import RequestContext
from tests.server.running_server import RunningServer

LOCAL = RequestContext(user_id="local")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png(width: int = 8, height: int = 8, *, noisy: bool = False) -> bytes:
    """A real PNG; ``noisy`` makes it too big in bytes to be its own preview."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    if noisy:
        pixels = random.Random(7).randbytes(width * height * 3)
        image = Image.frombytes("RGB", (width, height), pixels)
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def create(served: RunningServer, name: str, size: int, mime_type: str) -> httpx.Response:
    body = {
        "type": "attachments.create",
        "params": {"name": name, "size": size, "mime_type": mime_type},
    }
    return served.post(body)


def created(served: RunningServer, name: str, data: bytes, mime_type: str) -> dict[str, Any]:
    response = create(served, name, len(data), mime_type)
    assert response.status_code == 200, response.text
    attachment: dict[str, Any] = response.json()
    return attachment


def upload(attachment: dict[str, Any], data: bytes, **headers: str) -> httpx.Response:
    """As the descriptor says, with no Authorization header: ChatKit's frame has none."""
    descriptor = attachment["upload_descriptor"]
    assert descriptor["method"] == "POST"
    return httpx.post(
        descriptor["url"],
        headers={**descriptor["headers"], **headers},
        files={"file": ("upload", data, attachment["mime_type"])},
        timeout=30,
    )


def uploaded(served: RunningServer, name: str, data: bytes, mime_type: str) -> dict[str, Any]:
    attachment = created(served, name, data, mime_type)
    response = upload(attachment, data)
    assert response.status_code == 200, response.text
    return attachment


def record(served: RunningServer, attachment_id: str) -> Attachment:
    return asyncio.run(served.local.store.load_attachment(attachment_id, LOCAL))


def stored_file(served: RunningServer, attachment_id: str) -> Path:
    return served.local.data_dir / "attachments" / attachment_id


def files_in(data_dir: Path) -> list[str]:
    folder = data_dir / "attachments"
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []
