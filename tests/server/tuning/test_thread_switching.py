import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.tuning.thread_switching import SWITCH_INTERVAL_SECONDS
from tests.server.running_server import running_server


@pytest.fixture
def default_switch_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield
    sys.setswitchinterval(before)


def test_a_running_server_hands_the_gil_over_within_a_millisecond(
    default_switch_interval: None, tmp_path: Path
) -> None:
    with running_server(tmp_path / "data"):
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_SECONDS)
