"""Showing a folder in the file manager, for real: xdg-open in its generic mode with a file
manager of the test's own. The opener gives the file manager the person's own library path in
a packaged app, and says in words when the folder cannot be shown."""

import sys
from pathlib import Path

import pytest

from desktop.folder_opener import open_folder
from server.http.folders import FolderNotOpened
from testing.x_session import XSession
from tests.fixtures.file_manager import generic_desktop, install_file_manager


def test_the_folder_reaches_the_file_manager(
    tmp_path: Path, x_session: XSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_manager = install_file_manager(tmp_path / "file-manager")
    generic_desktop(monkeypatch, x_session.display)
    folder = tmp_path / "Downloads"
    folder.mkdir()

    open_folder(folder)

    assert file_manager.opened() == [str(folder)]


def test_without_a_display_it_says_the_folder_was_not_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No display: xdg-open has no file manager to start, and finds no text browser either.
    file_manager = install_file_manager(tmp_path / "file-manager")
    generic_desktop(monkeypatch, None)
    folder = tmp_path / "Downloads"
    folder.mkdir()

    with pytest.raises(FolderNotOpened) as refused:
        open_folder(folder)

    assert str(refused.value).startswith(f"{folder} could not be opened: ")
    assert "no method available" in str(refused.value)
    assert not (file_manager.folder / "opened").exists()


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

    open_folder(tmp_path)

    assert file_manager.library_path() == file_manager_sees
