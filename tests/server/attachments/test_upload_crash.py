"""A server killed with SIGKILL during an upload leaves no record that points at a missing or
half file: after the restart the attachment is either uploaded, whole and matching its
SHA-256, or not uploaded, and no temporary file is left."""

import hashlib
import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.server.attachments.uploading import record
from tests.server.running_server import running_server

REPOSITORY = Path(__file__).resolve().parents[3]
BOUNDARY = "crashtestboundary"
DATA = ("line of text ✓ " * 64 + "\n").encode() * 4096  # about 4 MB


@contextmanager
def server_process(data_dir: Path) -> Iterator[dict[str, str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.server.attachments.crash_server", str(data_dir)],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        assert line, f"the server stopped by itself (exit code {process.poll()})"
        yield json.loads(line)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
    finally:
        process.kill()
        process.wait(timeout=30)
        process.stdout.close()


def multipart(data: bytes) -> bytes:
    return (
        (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="file"; filename="big.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def start_upload(url: str, body: bytes, send_bytes: int) -> socket.socket:
    """Sends the request and the first ``send_bytes`` of its body; the rest never comes."""
    parts = urlsplit(url)
    connection = socket.create_connection((parts.hostname, parts.port))
    head = (
        f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    connection.sendall(head + body[:send_bytes])
    return connection


@pytest.mark.parametrize(
    ("fraction", "wait_seconds"),
    [(0.5, 0.2), (1.0, 0.0), (1.0, 0.05), (1.0, 0.3)],
    ids=["half-sent", "killed-as-it-arrives", "killed-while-writing", "killed-after"],
)
def test_a_kill_during_an_upload_leaves_no_record_of_a_missing_or_half_file(
    tmp_path: Path, fraction: float, wait_seconds: float
) -> None:
    data_dir = tmp_path / "data"
    body = multipart(DATA)
    with server_process(data_dir) as server:
        created = httpx.post(
            f"{server['url']}/chatkit",
            headers={"Authorization": f"Bearer {server['token']}"},
            json={
                "type": "attachments.create",
                "params": {"name": "big.txt", "size": len(DATA), "mime_type": "text/plain"},
            },
            timeout=60,
        )
        assert created.status_code == 200, created.text
        attachment = created.json()
        connection = start_upload(
            attachment["upload_descriptor"]["url"], body, int(len(body) * fraction)
        )
        time.sleep(wait_seconds)
    connection.close()

    folder = data_dir / "attachments"
    with running_server(data_dir) as served:
        for _ in range(100):
            if not list(folder.glob(".upload-*")):
                break
            time.sleep(0.05)
        stored = record(served, attachment["id"])
        assert not list(folder.glob(".upload-*"))
    metadata = stored.metadata or {}
    path = folder / attachment["id"]
    if metadata["uploaded"]:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == metadata["sha256"]
        assert metadata["sha256"] == hashlib.sha256(DATA).hexdigest()
    else:
        assert "sha256" not in metadata
        assert not path.exists() or path.read_bytes() == DATA
