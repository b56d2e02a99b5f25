"""The id this installation goes by at OpenAI's ChatKit (a session's ``user``, the owner of its
threads): random, made the first time it is needed and kept in the settings. Never the OS
login or name, which would tell OpenAI who sits at the computer."""

import secrets
import threading

from server.settings.settings_file import Settings, SettingsFile

_making = threading.Lock()


def hosted_user_id(settings_file: SettingsFile, settings: Settings) -> str:
    """The id in ``settings`` (just loaded from ``settings_file``), else one made and kept there.
    Blocking when it is made (the settings file): call it off the event loop."""
    if settings.hosted_user_id:
        return settings.hosted_user_id
    with _making:
        # Read again under the lock: another request may have made it since.
        existing = settings_file.load().hosted_user_id
        if existing:
            return existing
        made = f"user_{secrets.token_hex(16)}"
        settings_file.update({"hosted_user_id": made})
        return made
