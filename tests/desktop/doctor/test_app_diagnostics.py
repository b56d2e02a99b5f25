"""Settings → Diagnostics on the desktop side: the log folder created and handed to the system's
opener for real (xdg-open, in its generic mode, with a file manager of the test's own), without
waiting for the file manager. The opener itself is tested in tests/desktop/test_folder_opener.py."""

import time
from pathlib import Path

import pytest

from common.paths import profile_of
from desktop.doctor.app_diagnostics import AppDiagnostics
from desktop.folder_opener import OPENER_VERDICT_SECONDS
from testing.x_session import XSession
from tests.fixtures.file_manager import generic_desktop, install_file_manager


def test_a_file_manager_that_stays_open_does_not_hold_the_answer(
    tmp_path: Path, x_session: XSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_manager = install_file_manager(tmp_path / "file-manager", stays_open=True)
    generic_desktop(monkeypatch, x_session.display)
    data = tmp_path / "data"
    try:
        started = time.monotonic()
        shown = AppDiagnostics(data).open_log_folder()
        waited = time.monotonic() - started

        assert shown == str(profile_of(data).logs)
        assert waited < OPENER_VERDICT_SECONDS + 1.0
        assert file_manager.opened() == [shown]
    finally:
        file_manager.close()
