"""The id this installation goes by at OpenAI's ChatKit (a session's ``user``, the owner of its
threads): random, made the first time it is needed and kept in the settings. Never the OS
login or name, which would tell OpenAI who sits at the computer."""

import secrets
import threading

from server.settings.settings_file import SettingsFile

_making = threading.Lock()


def hosted_user_id(settings_file: SettingsFile) -> str:
    """Blocking (the settings file): call it off the event loop."""
    with _making:
        existing = settings_file.load().hosted_user_id
        if existing:
            return existing
        made = f"user_{secrets.token_hex(16)}"
        settings_file.update({"hosted_user_id": made})
        return made
