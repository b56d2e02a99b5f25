from collections.abc import Iterator

import pytest

from testing.x_display import x_session_or_skip
from testing.x_session import XSession


@pytest.fixture(scope="module")
def x_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XSession]:
    yield from x_session_or_skip(tmp_path_factory)
