import asyncio
import logging
import time
from pathlib import Path

import pytest

from tests.server.running_server import running_server

LOGGER = "server.http.local_server"


def test_an_error_no_one_awaits_on_the_loop_is_logged_with_its_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def fail() -> None:
        raise RuntimeError("the loop's canary failure")

    async def schedule_a_failure() -> dict[str, bool]:
        asyncio.get_running_loop().call_soon(fail)
        return {"scheduled": True}

    caplog.set_level(logging.ERROR, logger=LOGGER)
    with running_server(tmp_path / "data") as server:
        server.local.app.add_api_route("/test/schedule-a-failure", schedule_a_failure)
        with server.client() as client:
            assert client.get("/test/schedule-a-failure").status_code == 200
        deadline = time.monotonic() + 10
        while not [record for record in caplog.records if record.name == LOGGER]:
            assert time.monotonic() < deadline, "nothing was logged"
            time.sleep(0.02)

    (record,) = [record for record in caplog.records if record.name == LOGGER]
    assert record.getMessage().startswith("unexpected error in the server's event loop: ")
    assert record.exc_info is not None
    assert str(record.exc_info[1]) == "the loop's canary failure"
