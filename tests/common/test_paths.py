from pathlib import Path

import pytest

from common.paths import data_dir, profile_of


def test_the_flag_wins_over_the_environment(tmp_path: Path) -> None:
    assert data_dir(tmp_path / "flag") == (tmp_path / "flag").resolve()


def test_the_environment_wins_over_the_os_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHATKIT_DESKTOP_DATA_DIR", str(tmp_path / "env"))
    assert data_dir() == (tmp_path / "env").resolve()


def test_the_os_default_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHATKIT_DESKTOP_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "chatkit-desktop"


def test_a_data_folder_of_its_own_is_a_whole_profile(tmp_path: Path) -> None:
    profile = profile_of(data_dir(tmp_path / "work"))
    assert profile.is_self_contained
    assert profile.settings == profile.state == (tmp_path / "work").resolve()
    assert profile.logs == (tmp_path / "work" / "log").resolve()


def test_the_platforms_data_folder_keeps_the_platforms_other_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHATKIT_DESKTOP_DATA_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    # ``chatkit-desktop ask`` names it explicitly when it starts the app.
    named = data_dir(str(data_dir()))
    profile = profile_of(named)
    assert not profile.is_self_contained
    assert profile.settings == tmp_path / "config" / "chatkit-desktop"
    assert profile.state == tmp_path / "state" / "chatkit-desktop"
    assert profile.logs == tmp_path / "state" / "chatkit-desktop" / "log"
