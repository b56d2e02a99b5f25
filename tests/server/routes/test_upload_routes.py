"""``POST /api/uploads/<token>``: what is refused, and that the token in the path is the only
credential it takes, on that path only."""

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from server.attachments.attachment_store import UPLOAD_PATH_PREFIX
from tests.server.attachments.uploading import (
    PDF,
    create,
    created,
    files_in,
    png,
    record,
    stored_file,
    upload,
    uploaded,
)
from tests.server.running_server import RunningServer, running_server

JPEG_START = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(28)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[RunningServer]:
    with running_server(tmp_path / "data") as server:
        yield server


def assert_nothing_uploaded(served: RunningServer, attachment_id: str) -> None:
    assert not stored_file(served, attachment_id).exists()
    assert files_in(served.local.data_dir) == []
    metadata = record(served, attachment_id).metadata or {}
    assert metadata["uploaded"] is False
    assert "sha256" not in metadata


@pytest.mark.parametrize("sent", [b"12345", b"1234567"], ids=["short", "long"])
def test_a_size_other_than_announced_is_refused(served: RunningServer, sent: bytes) -> None:
    attachment = created(served, "a.txt", b"123456", "text/plain")

    response = upload(attachment, sent)

    assert response.status_code == 400
    assert "announced" in response.json()["error"]["message"]
    assert_nothing_uploaded(served, attachment["id"])


def test_an_announced_size_over_the_limit_is_refused_at_create(served: RunningServer) -> None:
    served.local.settings_file.update({"attachment_max_mb": 1})

    response = create(served, "big.pdf", 1024 * 1024 + 1, "application/pdf")

    assert response.status_code == 400
    assert "at most 1 MB" in response.json()["error"]["message"]
    assert "attachment_max_mb" in response.json()["error"]["message"]


def test_a_body_over_the_limit_is_refused_before_it_is_read(served: RunningServer) -> None:
    attachment = created(served, "a.pdf", PDF, "application/pdf")
    served.local.settings_file.update({"attachment_max_mb": 1})

    response = upload(attachment, PDF + bytes(2 * 1024 * 1024))

    assert response.status_code == 413
    assert files_in(served.local.data_dir) == []


def test_the_limit_lowered_after_create_still_applies(served: RunningServer) -> None:
    data = PDF + bytes(1024 * 1024)
    attachment = created(served, "a.pdf", data, "application/pdf")
    served.local.settings_file.update({"attachment_max_mb": 1})

    response = upload(attachment, data)

    assert response.status_code in (400, 413)
    assert files_in(served.local.data_dir) == []


def test_unsupported_types_are_refused_at_create_with_the_list(served: RunningServer) -> None:
    response = create(served, "setup.exe", 10, "application/x-msdownload")

    assert response.status_code == 400
    detail = response.json()["error"]["message"]
    assert "application/x-msdownload" in detail
    assert "PNG, JPEG, GIF, WebP" in detail
    assert "PDF" in detail
    assert "UTF-8 text" in detail


@pytest.mark.parametrize(
    ("mime_type", "data"),
    [
        ("image/png", b"GIF89a" + bytes(40)),
        ("image/jpeg", b"\x89PNG\r\n\x1a\n" + bytes(40)),
        ("image/gif", JPEG_START + bytes(40)),
        ("image/webp", b"RIFF\x24\x00\x00\x00AVI " + bytes(40)),
        ("application/pdf", b"<html>not a pdf</html>"),
        ("text/plain", b"caf\xe9 in Latin-1"),
        ("text/markdown", "# split ✓".encode()[:-1]),
    ],
    ids=["png", "jpeg", "gif", "webp", "pdf", "latin-1 text", "cut utf-8"],
)
def test_bytes_that_are_not_the_announced_type_are_refused(
    served: RunningServer, mime_type: str, data: bytes
) -> None:
    attachment = created(served, "file", data, mime_type)

    response = upload(attachment, data)

    assert response.status_code == 400, response.text
    assert_nothing_uploaded(served, attachment["id"])


@pytest.mark.parametrize(
    ("mime_type", "data"),
    [
        ("image/png", png()),
        ("image/jpeg", JPEG_START + bytes(40)),
        ("image/gif", b"GIF87a" + bytes(40)),
        ("image/webp", WEBP),
        ("application/pdf", PDF),
        ("text/csv", "a,b\n1,ü\n".encode()),
        ("application/json", b'{"a": 1}'),
        ("text/plain", b""),
    ],
)
def test_each_supported_type_is_taken(served: RunningServer, mime_type: str, data: bytes) -> None:
    attachment = uploaded(served, "file", data, mime_type)

    assert stored_file(served, attachment["id"]).read_bytes() == data


def test_an_expired_link_is_refused(served: RunningServer) -> None:
    attachment = created(served, "a.txt", b"late", "text/plain")
    served.local.attachments.clock = lambda: time.time() + 10 * 60 + 1

    response = upload(attachment, b"late")

    assert response.status_code == 410
    assert "expired" in response.json()["error"]["message"]
    assert_nothing_uploaded(served, attachment["id"])


def test_a_link_just_inside_its_ten_minutes_works(served: RunningServer) -> None:
    attachment = created(served, "a.txt", b"in time", "text/plain")
    served.local.attachments.clock = lambda: time.time() + 9 * 60

    assert upload(attachment, b"in time").status_code == 200


def test_a_link_works_once(served: RunningServer) -> None:
    attachment = uploaded(served, "a.txt", b"first", "text/plain")
    sha256 = (record(served, attachment["id"]).metadata or {})["sha256"]

    again = upload(attachment, b"other")

    assert again.status_code == 404
    assert stored_file(served, attachment["id"]).read_bytes() == b"first"
    assert (record(served, attachment["id"]).metadata or {})["sha256"] == sha256


def test_a_failed_upload_spends_the_link(served: RunningServer) -> None:
    attachment = created(served, "a.txt", b"12345", "text/plain")
    assert upload(attachment, b"123").status_code == 400

    assert upload(attachment, b"12345").status_code == 404


def test_a_made_up_token_is_refused(served: RunningServer) -> None:
    response = httpx.post(f"{served.url}/api/uploads/guess", files={"file": ("a", b"a")})

    assert response.status_code == 404
    assert "guess" not in response.text


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "a/b/c.txt", "..", "nul\x00name.txt", "x" * 10_000, "/abs/path"],
    ids=["dot-dot", "slashes", "just-dot-dot", "nul", "10000-chars", "absolute"],
)
def test_a_path_like_name_is_only_text(served: RunningServer, name: str) -> None:
    attachment = uploaded(served, name, b"content", "text/plain")

    assert files_in(served.local.data_dir) == [attachment["id"]]
    assert record(served, attachment["id"]).name == name
    on_disk = {path.name for path in served.local.data_dir.parent.rglob("*")}
    assert not on_disk & {"passwd", "c.txt", "b", "path", "abs", "nul", "x" * 200}


def test_a_form_without_a_file_field_is_refused(served: RunningServer) -> None:
    attachment = created(served, "a.txt", b"a", "text/plain")

    response = httpx.post(attachment["upload_descriptor"]["url"], files={"other": ("a", b"a")})

    assert response.status_code == 400
    assert "'file'" in response.json()["error"]["message"]


def test_raw_bytes_are_refused_as_the_descriptor_says_multipart(served: RunningServer) -> None:
    attachment = created(served, "a.txt", b"a", "text/plain")

    response = httpx.post(attachment["upload_descriptor"]["url"], content=b"a")

    assert response.status_code == 415


def test_the_upload_takes_another_origin_and_no_token(served: RunningServer) -> None:
    attachment = created(served, "a.txt", b"a", "text/plain")

    response = upload(attachment, b"a", Origin="https://cdn.platform.openai.com")

    assert response.status_code == 200, response.text
    # ChatKit's frame may read that it worked; no other origin is told anything.
    assert response.headers["access-control-allow-origin"] == "https://cdn.platform.openai.com"
    other = created(served, "b.txt", b"b", "text/plain")
    elsewhere = upload(other, b"b", Origin="https://example.com")
    assert elsewhere.status_code == 200, elsewhere.text
    assert "access-control-allow-origin" not in elsewhere.headers


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/chatkit"),
        ("GET", "/api/attachments/atc_1"),
        ("GET", "/api/uploadsx"),
        ("POST", "/api/uploads"),
        ("GET", "/api/settings"),
    ],
)
def test_other_paths_still_need_the_token_and_our_origin(
    served: RunningServer, method: str, path: str
) -> None:
    assert httpx.request(method, served.url + path).status_code == 401
    foreign = {"Origin": "https://cdn.platform.openai.com"}
    assert httpx.request(method, served.url + path, headers=foreign).status_code == 403


def test_the_upload_route_is_the_only_one_under_the_open_prefix(served: RunningServer) -> None:
    paths = served.local.app.openapi()["paths"]
    open_routes = {
        path: sorted(methods) for path, methods in paths.items() if path.startswith("/api/upload")
    }

    assert open_routes == {UPLOAD_PATH_PREFIX + "{token}": ["post"]}
