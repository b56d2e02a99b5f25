"""Where the API key comes from (never the key) and whether the keyring can be used."""

from common.api_key import KeyStatus, key_status
from desktop.doctor.check import Check, failed, ok, warning

SET_THE_KEY = "Run `chatkit-desktop key set`, or paste it in Settings."


def check_api_key(uses_openai: bool) -> list[Check]:
    """``uses_openai``: OpenAI's endpoint needs a key; a local server usually does not."""
    status = key_status()
    return [_source(status, uses_openai), _keyring(status)]


def _source(status: KeyStatus, uses_openai: bool) -> Check:
    if status.source == "environment":
        overrides = " (it overrides the key in the keyring)" if status.stored_in_keyring else ""
        return ok("API key", f"from OPENAI_API_KEY{overrides}")
    if status.source == "keyring":
        return ok("API key", f"from the keyring ({status.backend})")
    if uses_openai:
        return failed("API key", "none: OpenAI's endpoint answers nothing without one", SET_THE_KEY)
    return ok("API key", "none, and the endpoint in use is not OpenAI's, which may need none")


def _keyring(status: KeyStatus) -> Check:
    if status.problem is None:
        return ok("keyring", f"usable: {status.backend}")
    if status.source == "environment":
        return warning(
            "keyring",
            f"not usable: {status.problem}",
            "Nothing to do while OPENAI_API_KEY is set; to keep the key in the keyring "
            "instead, make a Secret Service available (gnome-keyring, KWallet, KeePassXC).",
        )
    return failed(
        "keyring",
        f"not usable: {status.problem}",
        "Make a system keyring available as said above, or set OPENAI_API_KEY instead.",
    )
