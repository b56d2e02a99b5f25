"""Settings → Diagnostics on the desktop side: the log folder handed to the system's opener for
real (xdg-open, in its generic mode, with a file manager of the test's own), without waiting for
the file manager, and with the person's own library path in a packaged app."""

import sys
import time
from pathlib import Path

import pytest

from common.paths import profile_of
from desktop.doctor.app_diagnostics import OPENER_VERDICT_SECONDS, AppDiagnostics
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


@pytest.mark.parametrize(
    ("bundle_sets", "file_manager_sees"),
    [
        (
            {
                "LD_LIBRARY_PATH": "/opt/app/_internal:/opt/mine",
                "LD_LIBRARY_PATH_ORIG": "/opt/mine",
            },
            "/opt/mine",
        ),
        ({"LD_LIBRARY_PATH": "/opt/app/_internal"}, "(unset)"),
    ],
)
def test_a_packaged_app_gives_the_file_manager_the_persons_library_path(
    tmp_path: Path,
    x_session: XSession,
    monkeypatch: pytest.MonkeyPatch,
    bundle_sets: dict[str, str],
    file_manager_sees: str,
) -> None:
    # What PyInstaller's bootloader does before our code runs.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    for name, value in bundle_sets.items():
        monkeypatch.setenv(name, value)
    file_manager = install_file_manager(tmp_path / "file-manager")
    generic_desktop(monkeypatch, x_session.display)

    AppDiagnostics(tmp_path / "data").open_log_folder()

    assert file_manager.library_path() == file_manager_sees
