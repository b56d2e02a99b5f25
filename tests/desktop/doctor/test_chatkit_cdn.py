"""The CDN check against a real HTTP server on loopback, standing where OpenAI's CDN would."""

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from desktop.doctor.chatkit_cdn import check_chatkit_cdn


@pytest.fixture
def cdn(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "chatkit.js").write_text("customElements.define('openai-chatkit', class {});\n")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_reachable_script_is_ok(cdn: str) -> None:
    check = check_chatkit_cdn(f"{cdn}/chatkit.js")
    assert (check.status, check.detail) == ("ok", f"{cdn}/chatkit.js reachable")


def test_a_missing_script_is_a_warning_that_the_built_in_view_remains(cdn: str) -> None:
    check = check_chatkit_cdn(f"{cdn}/gone.js")
    assert check.status == "warning"
    assert check.detail == f"cannot fetch {cdn}/gone.js: HTTP 404"
    assert check.fix is not None
    assert "built-in view" in check.fix
