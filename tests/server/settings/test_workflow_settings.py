"""Settings → Agent: this app's agent or an Agent Builder workflow, its id and version checked
with a message that says what is valid; a saved choice loads again whatever the order."""

from pathlib import Path

import pytest

from server.settings.settings_file import Settings, SettingsError, SettingsFile

WORKFLOW = "wf_68df4b13a2c08190b0e1bb12e5d0a1c5"


def test_the_agent_is_this_apps_by_default() -> None:
    settings = Settings()
    assert (settings.agent, settings.workflow_id, settings.workflow_version) == ("local", "", "")
    assert settings.hosted_user_id == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"agent": "openai"}, "agent must be local or workflow"),
        ({"workflow_id": "68df4b13"}, "workflow_id must be an Agent Builder id"),
        ({"workflow_id": "wf_a b"}, "workflow_id must be an Agent Builder id"),
        ({"workflow_id": 12}, "workflow_id must be an Agent Builder id"),
        ({"workflow_version": "3; drop"}, "workflow_version must be a version"),
        ({"hosted_user_id": "alice"}, "hosted_user_id must be user_"),
    ],
)
def test_a_bad_value_is_refused_in_words(changes: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings().updated(changes)


def test_a_workflow_choice_is_saved_and_loads_again(tmp_path: Path) -> None:
    settings_file = SettingsFile(tmp_path)
    settings_file.update(
        {"agent": "workflow", "workflow_id": WORKFLOW, "workflow_version": "draft"}
    )

    loaded = SettingsFile(tmp_path).load()

    assert (loaded.agent, loaded.workflow_id, loaded.workflow_version) == (
        "workflow",
        WORKFLOW,
        "draft",
    )
