"""Every check of ``chatkit-desktop doctor``, in the order of the report, each with its time
limit and what to do when it hangs."""

from pathlib import Path

from common.api_key import read_api_key
from common.paths import profile_of
from desktop.doctor.api_key import check_api_key
from desktop.doctor.chatkit_cdn import check_chatkit_cdn
from desktop.doctor.check import Check
from desktop.doctor.database import check_database
from desktop.doctor.display import check_display
from desktop.doctor.endpoint import check_endpoint
from desktop.doctor.folders import check_folders
from desktop.doctor.running import CheckRun, run_all
from desktop.doctor.shortcut import check_shortcut
from desktop.doctor.versions import check_versions
from server.settings.model_choice import choose_model
from server.settings.settings_file import SettingsFile

KEYRING_HANGS = (
    "The keyring did not answer: it may be waiting for you to unlock it in a dialog. Unlock it "
    "(or set OPENAI_API_KEY) and run the doctor again."
)


def run_doctor(data: Path) -> list[Check]:
    profile = profile_of(data)
    settings = SettingsFile.of_profile(profile).load()

    def endpoint() -> list[Check]:
        return check_endpoint(choose_model(settings, read_api_key))

    def api_key() -> list[Check]:
        return check_api_key(choose_model(settings, lambda: None).is_openai)

    return run_all(
        [
            CheckRun("versions", check_versions, 2.0, "Reinstall the app (`make install`)."),
            CheckRun(
                "folders",
                lambda: check_folders(profile),
                3.0,
                "The disk does not answer: check that it is mounted and not full.",
            ),
            CheckRun(
                "database",
                lambda: check_database(data),
                10.0,
                "Another program may hold the database locked; close it and try again.",
            ),
            CheckRun("API key", api_key, 5.0, KEYRING_HANGS),
            CheckRun("endpoint", endpoint, 7.0, KEYRING_HANGS),
            CheckRun(
                "ChatKit",
                check_chatkit_cdn,
                7.0,
                "The network did not answer; the built-in view works without ChatKit.",
            ),
            CheckRun(
                "display",
                check_display,
                5.0,
                "Loading Qt took too long: check the display server, or reinstall the app.",
            ),
            CheckRun(
                "shortcut",
                lambda: check_shortcut(data, settings.shortcut),
                5.0,
                "The display or the running app did not answer: try again, or restart the app.",
            ),
        ]
    )
