"""The ``models`` setting: a list of names, refused in words when it is anything else, and
skipped with a warning when a hand-edited file has a bad one."""

import json

import pytest

from common.paths import data_dir
from server.settings.model_names import MAX_MODEL_NAMES
from server.settings.settings_file import SettingsError, SettingsFile


def test_a_list_of_names_is_kept() -> None:
    settings_file = SettingsFile(data_dir())
    settings_file.update({"models": ["llama3.2", "qwen2.5:7b"]})
    assert settings_file.load().models == ["llama3.2", "qwen2.5:7b"]
    assert SettingsFile(data_dir()).load().as_json()["models"] == ["llama3.2", "qwen2.5:7b"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("gpt-4.1", "models must be a list of model names"),
        ([""], "without surrounding spaces"),
        ([" gpt-4.1"], "without surrounding spaces"),
        ([42], "without surrounding spaces"),
        (["x" * 201], "longer than 200 characters"),
        ([f"m{n}" for n in range(MAX_MODEL_NAMES + 1)], f"at most {MAX_MODEL_NAMES} names"),
    ],
)
def test_anything_else_is_refused_in_words(value: object, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        SettingsFile(data_dir()).update({"models": value})


def test_a_bad_value_in_the_file_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    settings_file = SettingsFile(data_dir())
    settings_file.path.parent.mkdir(parents=True, exist_ok=True)
    settings_file.path.write_text(json.dumps({"models": "gpt-4.1", "model": "gpt-4o-mini"}))
    settings = settings_file.load()
    assert settings.models == []
    assert settings.model == "gpt-4o-mini"
    assert "models must be a list" in caplog.text
