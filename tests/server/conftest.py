from collections.abc import Iterator
from pathlib import Path

import pytest

from server.model.settings import SettingsFile
from tests.fakes.openai_server import FakeOpenAIServer
from tests.server.running_server import RunningServer, running_server


@pytest.fixture
def chat(fake_openai_env: FakeOpenAIServer, tmp_path: Path) -> Iterator[RunningServer]:
    """A real server whose agent talks to the fake OpenAI API, failing fast: no retries and a
    short timeout, so failure tests see the first error."""
    SettingsFile().update({"max_retries": 0, "request_timeout_seconds": 3})
    with running_server(tmp_path / "data") as server:
        yield server
