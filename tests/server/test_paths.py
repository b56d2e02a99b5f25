from pathlib import Path

import pytest

from server.paths import data_dir


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
