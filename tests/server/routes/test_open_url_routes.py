"""``POST /api/open-url``: a web address handed to the system browser (a recorder of the
test's own, through ``BROWSER``, in a served app of its own, since ``webbrowser`` reads it once
per process); anything but http and https refused in words, and nothing opened."""

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from common.paths import data_dir
from tests.fixtures.browser import ServedApp, start_served_app
from tests.fixtures.recording_browser import RecordingBrowser, install_recording_browser
from tests.server.running_server import running_server

Served = tuple[ServedApp, RecordingBrowser]


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    browser = install_recording_browser(tmp_path / "browser", monkeypatch)
    app = start_served_app(tmp_path / "data")
    yield app, browser
    app.stop()


def post(app: ServedApp, body: object) -> httpx.Response:
    headers = {"Authorization": f"Bearer {app.token}"}
    return httpx.post(f"{app.url}/api/open-url", json=body, headers=headers, timeout=30)


def test_opening_needs_the_token() -> None:
    with (
        running_server(data_dir()) as server,
        server.client(headers={"Authorization": ""}) as client,
    ):
        response = client.post("/api/open-url", json={"url": "https://example.com/"})
    assert response.status_code == 401


def test_a_web_address_goes_to_the_system_browser(
    served: Served,
) -> None:
    app, browser = served
    response = post(app, {"url": "https://example.com/a?b=c&d=e#f"})
    assert response.status_code == 204, response.text
    assert browser.wait_for(1) == ["https://example.com/a?b=c&d=e#f"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https addresses are opened, not file:"),
        ("javascript:alert(1)", "only http and https addresses are opened, not javascript:"),
        ("JavaScript:alert(1)", "only http and https addresses are opened, not javascript:"),
        ("ftp://example.com/file", "only http and https addresses are opened, not ftp:"),
        ("/relative/path", "not an address without a scheme"),
        ("https://", "the address has no host"),
        ("https://example.com/a b", "must not contain spaces"),
    ],
)
def test_anything_else_is_refused_and_nothing_is_opened(
    served: Served, url: str, reason: str
) -> None:
    app, browser = served
    response = post(app, {"url": url})
    assert response.status_code == 400
    assert reason in response.json()["error"]["message"]
    # A last address that is allowed shows the browser had its chance to record the others.
    assert post(app, {"url": "https://example.com/after"}).status_code == 204
    assert browser.wait_for(1) == ["https://example.com/after"]


@pytest.mark.parametrize("body", [{}, {"url": 42}, {"url": ["https://example.com"]}, "x"])
def test_a_malformed_request_is_a_4xx(served: Served, body: object) -> None:
    app, browser = served
    response = post(app, body)
    assert 400 <= response.status_code < 500
    assert response.json()["error"]["message"]
    time.sleep(0.2)
    assert browser.opened() == []
