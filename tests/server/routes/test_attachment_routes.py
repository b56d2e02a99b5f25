"""``GET /api/attachments/{id}`` (an attachment's bytes as a download, behind the token) and
attachments in the exports a browser downloads, through a real server over a real database."""

import base64
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from chatkit.types import FileAttachment, ImageAttachment

from server.attachments.files import AttachmentFiles
from server.routes.attachments import safe_file_name
from server.routes.window import attach_window_controller
from tests.desktop.window.fake_controller import RecordingController
from tests.server.export.history_seed import Conversation, assistant, seed_history, user
from tests.server.running_server import RunningServer, running_server

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 2048
PNG = bytes.fromhex("89504e470d0a1a0a") + b"\x00" * 64
REPORT = FileAttachment(id="atc_report", name="Q3 “report”.pdf", mime_type="application/pdf")
SCREEN = ImageAttachment(
    id="atc_screen",
    name="screen.png",
    mime_type="image/png",
    preview_url="data:image/png;base64,iVBORw0KGgo=",
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[RunningServer]:
    seed_history(
        tmp_path / "data",
        [
            Conversation(
                "Files",
                [
                    user("What do these say?", attachments=[(REPORT, PDF), (SCREEN, PNG)]),
                    assistant("They say hello."),
                ],
            )
        ],
    )
    with running_server(tmp_path / "data") as server:
        yield server


def test_an_attachment_downloads_with_its_name_and_type(served: RunningServer) -> None:
    with served.client() as client:
        response = client.get("/api/attachments/atc_report")

    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "Q3%20%E2%80%9Creport%E2%80%9D.pdf" in disposition


def test_the_download_needs_the_token(served: RunningServer) -> None:
    response = httpx.get(f"{served.url}/api/attachments/atc_report", timeout=10)

    assert response.status_code == 401
    assert PDF not in response.content


@pytest.mark.parametrize("attachment_id", ["atc_unknown", "..", "atc_report%2F..%2F..", "a" * 300])
def test_unknown_or_malformed_ids_are_404(served: RunningServer, attachment_id: str) -> None:
    with served.client() as client:
        response = client.get(f"/api/attachments/{attachment_id}")

    assert response.status_code == 404
    assert "error" in response.json()


def test_a_record_whose_file_is_gone_is_404(served: RunningServer, tmp_path: Path) -> None:
    AttachmentFiles(tmp_path / "data").delete("atc_screen")

    with served.client() as client:
        response = client.get("/api/attachments/atc_screen")

    assert response.status_code == 404
    assert "has not been uploaded" in response.json()["error"]["message"]


def exported_message(served: RunningServer, **query: str) -> dict[str, Any]:
    with served.client() as client:
        response = client.get("/api/export", params={"format": "json", **query})
    assert response.status_code == 200, response.text
    items = json.loads(response.text)["threads"][0]["items"]
    message: dict[str, Any] = next(item for item in items if item["type"] == "user_message")
    return message


def test_the_json_export_lists_attachments(served: RunningServer) -> None:
    listed = exported_message(served)["attachments"]

    assert [(each["name"], each["mime_type"], each["size"], each["sha256"]) for each in listed] == [
        (REPORT.name, "application/pdf", len(PDF), hashlib.sha256(PDF).hexdigest()),
        ("screen.png", "image/png", len(PNG), hashlib.sha256(PNG).hexdigest()),
    ]
    assert all("data_base64" not in each for each in listed)


def test_include_attachments_puts_their_bytes_in_the_json_export(served: RunningServer) -> None:
    listed = exported_message(served, include="attachments")["attachments"]

    report, screen = listed
    assert base64.b64decode(report["data_base64"]) == PDF
    assert base64.b64decode(screen["data_base64"]) == PNG


def test_an_unknown_include_is_refused(served: RunningServer) -> None:
    with served.client() as client:
        response = client.get("/api/export", params={"format": "json", "include": "everything"})

    assert response.status_code == 400
    assert "include must be attachments" in response.json()["error"]["message"]


def test_the_markdown_export_names_them(served: RunningServer) -> None:
    with served.client() as client:
        response = client.get("/api/export", params={"format": "md"})

    assert response.status_code == 200
    assert f"Attached: Q3 “report”.pdf (application/pdf, {len(PDF):,} bytes)" in response.text
    assert f"Attached: screen.png (image/png, {len(PNG):,} bytes)" in response.text


def test_in_the_window_the_app_saves_an_attachment_into_downloads(
    served: RunningServer, isolated_user_dirs: Path
) -> None:
    downloads = isolated_user_dirs / "Downloads"
    with served.client() as client:
        assert client.post("/api/attachments/atc_report/save").status_code == 409
        attach_window_controller(served.local.app, RecordingController())
        first = client.post("/api/attachments/atc_report/save")
        second = client.post("/api/attachments/atc_report/save")

    assert first.status_code == 200, first.text
    assert first.json() == {"path": str(downloads / "Q3 “report”.pdf"), "folder": str(downloads)}
    assert Path(second.json()["path"]).name == "Q3 “report” (2).pdf"
    assert (downloads / "Q3 “report”.pdf").read_bytes() == PDF


def test_a_download_folder_that_cannot_be_written_leaves_no_file(
    served: RunningServer, isolated_user_dirs: Path
) -> None:
    (isolated_user_dirs / "Downloads").write_text("a file where the folder should be")
    attach_window_controller(served.local.app, RecordingController())
    with served.client() as client:
        answer = client.post("/api/attachments/atc_screen/save")

    assert answer.status_code == 503
    assert "Downloads" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    ("name", "saved_as"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\notes.txt", "notes.txt"),
        ("..hidden", "hidden"),
        ("a\x00b?.txt", "a_b_.txt"),
        ("/", "attachment"),
        ("x" * 10_000, "x" * 180),
    ],
)
def test_saved_names_are_never_paths(name: str, saved_as: str) -> None:
    assert safe_file_name(name) == saved_as
