from pathlib import Path

from common.paths import profile_of
from desktop.doctor.folders import check_folders


def test_folders_that_exist_or_can_be_made_are_writable(tmp_path: Path) -> None:
    (tmp_path / "profile").mkdir()
    check = check_folders(profile_of(tmp_path / "profile"))
    assert check.status == "ok"
    assert f"log {tmp_path / 'profile' / 'log'}" in check.detail


def test_a_folder_that_cannot_be_a_folder_fails_with_the_fix(tmp_path: Path) -> None:
    (tmp_path / "a file").write_text("in the way")
    check = check_folders(profile_of(tmp_path / "a file" / "profile"))
    assert check.status == "failed"
    assert f"{tmp_path / 'a file'} is not a folder" in check.detail
    assert check.fix is not None
    assert "--data-dir" in check.fix
