from collections.abc import Iterator
from pathlib import Path

import pytest

from common.paths import data_dir
from server.settings.settings_file import SettingsFile
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.running_server import RunningServer, running_server


@pytest.fixture
def chat(fake_openai_env: FakeOpenAIServer, tmp_path: Path) -> Iterator[RunningServer]:
    """A real server whose agent talks to the fake OpenAI API, failing fast: no retries and a
    short timeout, so failure tests see the first error."""
    SettingsFile(data_dir()).update({"max_retries": 0, "request_timeout_seconds": 3})
    with running_server(tmp_path / "data") as server:
        yield server
