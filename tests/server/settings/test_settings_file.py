import json
import stat
from pathlib import Path

import pytest

from common.paths import profile_of
from common.shared_context import SharingChoice
from server.settings.settings_file import Settings, SettingsError, SettingsFile


def test_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    assert SettingsFile(tmp_path).load() == Settings()


def test_the_attachment_limit_defaults_to_20_mb_and_can_change(tmp_path: Path) -> None:
    assert Settings().attachment_max_mb == 20
    SettingsFile(tmp_path).update({"attachment_max_mb": 100})
    assert SettingsFile(tmp_path).load().attachment_max_mb == 100


def test_update_is_saved_and_read_back(tmp_path: Path) -> None:
    settings_file = SettingsFile(tmp_path)
    settings_file.update({"model": "llama3.2", "base_url": "http://localhost:11434/v1"})
    loaded = SettingsFile(tmp_path).load()
    assert loaded.model == "llama3.2"
    assert loaded.base_url == "http://localhost:11434/v1"
    assert stat.S_IMODE((tmp_path / "settings.json").stat().st_mode) == 0o600


def test_save_leaves_no_temporary_files(tmp_path: Path) -> None:
    folder = tmp_path / "config"
    SettingsFile(folder).update({"share_selection": False})
    assert [path.name for path in folder.iterdir()] == ["settings.json"]


@pytest.mark.parametrize(
    "changes",
    [
        {"unknown": 1},
        {"model": ""},
        {"base_url": "ftp://x"},
        {"api_flavor": "soap"},
        {"share_selection": "yes"},
        {"request_timeout_seconds": 0},
        {"max_retries": True},
        {"max_retries": 99},
        {"attachment_max_mb": 0},
        {"attachment_max_mb": 101},
        {"attachment_max_mb": 2.5},
        {"attachment_max_mb": True},
        {"shortcut": "Ctrl+Banana"},
        {"shortcut": "Space"},
        {"shortcut": 7},
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    tmp_path: Path, changes: dict[str, object]
) -> None:
    with pytest.raises(SettingsError):
        SettingsFile(tmp_path).update(changes)
    assert not (tmp_path / "settings.json").exists()


def test_a_damaged_file_gives_the_defaults_and_keeps_good_values(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{not json")
    assert SettingsFile(tmp_path).load() == Settings()
    (tmp_path / "settings.json").write_text(json.dumps({"model": "m", "max_retries": "many"}))
    assert SettingsFile(tmp_path).load() == Settings(model="m")


def test_settings_live_in_the_user_config_directory(isolated_user_dirs: Path) -> None:
    SettingsFile().update({"model": "m"})
    assert (isolated_user_dirs / ".config/chatkit-desktop/settings.json").exists()


def test_the_shortcut_defaults_to_the_platforms_and_can_be_turned_off(tmp_path: Path) -> None:
    settings_file = SettingsFile(tmp_path)
    assert settings_file.load().shortcut == "Ctrl+Alt+Space"
    settings_file.update({"shortcut": ""})
    assert SettingsFile(tmp_path).load().shortcut == ""


def test_a_shortcut_saved_under_its_earlier_name_is_kept(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"hotkey": "Ctrl+Shift+K"}))
    settings_file = SettingsFile(tmp_path)
    assert settings_file.load().shortcut == "Ctrl+Shift+K"
    settings_file.update({"model": "m"})
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["shortcut"] == "Ctrl+Shift+K"
    assert "hotkey" not in saved


def test_listeners_hear_of_every_update_after_it_is_saved(tmp_path: Path) -> None:
    settings_file = SettingsFile(tmp_path)
    heard: list[str] = []
    settings_file.on_change(lambda _settings: heard.append(SettingsFile(tmp_path).load().shortcut))
    settings_file.update({"shortcut": "Ctrl+Shift+K"})
    assert heard == ["Ctrl+Shift+K"]


def test_a_new_profile_starts_from_the_platforms_settings_once(
    isolated_user_dirs: Path, tmp_path: Path
) -> None:
    SettingsFile().update({"model": "from-the-platform"})
    profile = profile_of(tmp_path / "profile")
    assert SettingsFile.of_profile(profile).load().model == "from-the-platform"
    SettingsFile.of_profile(profile).update({"model": "the-profiles-own"})
    SettingsFile().update({"model": "changed-later"})
    assert SettingsFile.of_profile(profile).load().model == "the-profiles-own"
    assert SettingsFile().load().model == "changed-later"


def test_a_new_profile_without_platform_settings_has_the_defaults(tmp_path: Path) -> None:
    settings_file = SettingsFile.of_profile(profile_of(tmp_path / "profile"))
    assert settings_file.load() == Settings()
    assert not settings_file.path.exists()


def test_the_sharing_settings_toggles_are_the_sharing_choice() -> None:
    settings = Settings(share_active_window=False)
    assert settings.sharing == SharingChoice(active_window=False, selection=True)


def test_the_close_notice_is_on_until_turned_off_and_must_be_a_flag(tmp_path: Path) -> None:
    settings_file = SettingsFile(tmp_path)
    assert settings_file.load().close_notice is True
    with pytest.raises(SettingsError, match="close_notice must be true or false"):
        settings_file.update({"close_notice": "no"})
    assert settings_file.update({"close_notice": False}).close_notice is False
    assert SettingsFile(tmp_path).load().close_notice is False
