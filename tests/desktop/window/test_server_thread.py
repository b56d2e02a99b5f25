"""The window's server thread, with a real server on a real socket: the window opens on the
address before the server is built, so a page's first request must wait for it, not fail."""

import threading
from pathlib import Path

import httpx

from common.paths import database_path
from desktop.window.server_thread import ServerThread
from server.http.local_server import LocalServer
from server.http.loopback_endpoint import LoopbackEndpoint
from server.store import StoreError
from tests.server.store.builders import database_from_a_newer_app

TIMEOUT = 30.0


def test_a_request_sent_before_the_server_exists_is_answered_once_it_is_prepared(
    tmp_path: Path,
) -> None:
    endpoint = LoopbackEndpoint.open()
    answers: list[httpx.Response] = []
    # As the window's page does: it asks as soon as the address exists.
    asking = threading.Thread(
        target=lambda: answers.append(httpx.get(f"{endpoint.url}/", timeout=TIMEOUT))
    )
    asking.start()
    prepared: list[LocalServer] = []
    server = ServerThread(tmp_path, endpoint)
    server.start()
    server.serve(prepared.append, on_build_failure=lambda error: None)
    try:
        asking.join(TIMEOUT)
        assert [answer.status_code for answer in answers] == [200]
        assert [local.page_url for local in prepared] == [endpoint.page_url]
    finally:
        assert server.stop(TIMEOUT)
    assert endpoint.socket.fileno() == -1


def test_a_database_it_cannot_use_is_reported_and_the_socket_closed(tmp_path: Path) -> None:
    database_from_a_newer_app(database_path(tmp_path))
    endpoint = LoopbackEndpoint.open()
    failures: list[BaseException] = []
    reported = threading.Event()

    def on_build_failure(error: BaseException) -> None:
        failures.append(error)
        reported.set()

    server = ServerThread(tmp_path, endpoint)
    server.serve(lambda local: None, on_build_failure)
    server.start()
    assert reported.wait(TIMEOUT)
    assert isinstance(failures[0], StoreError)
    assert server.build_failure is failures[0]
    assert endpoint.socket.fileno() == -1
    assert server.stop(TIMEOUT)


def test_stopped_while_it_is_built_it_never_serves_and_closes_what_it_built(
    tmp_path: Path,
) -> None:
    # As when the user quits while the window is still opening.
    endpoint = LoopbackEndpoint.open()
    server = ServerThread(tmp_path, endpoint)
    server.start()
    assert server.stop(TIMEOUT)
    assert endpoint.socket.fileno() == -1
    assert not (tmp_path / "runtime.json").exists()
    # SQLite removes the write-ahead log when the last connection closes cleanly.
    assert database_path(tmp_path).exists()
    assert not database_path(tmp_path).with_name("chatkit.db-wal").exists()
