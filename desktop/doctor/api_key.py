"""Where the API key comes from (never the key) and whether the keyring can be used."""

from common.api_key import KeyStatus, api_key_from_environment, key_status
from desktop.doctor.check import Check, failed, ok

SET_THE_KEY = "Run `chatkit-desktop key set`, or paste it in Settings."


def check_api_key(uses_openai: bool) -> list[Check]:
    """``uses_openai``: OpenAI's endpoint needs a key; a local server usually does not.

    While ``OPENAI_API_KEY`` is set the keyring is not opened: the app does not need it then,
    and reading it could pop up an unlock prompt each time Settings opens its diagnostics."""
    if api_key_from_environment() is not None:
        return [
            ok("API key", "from OPENAI_API_KEY"),
            ok("keyring", "not opened: OPENAI_API_KEY is set, so the app does not use it"),
        ]
    status = key_status()
    return [_source(status, uses_openai), _keyring(status)]


def _source(status: KeyStatus, uses_openai: bool) -> Check:
    if status.source == "keyring":
        return ok("API key", f"from the keyring ({status.backend})")
    if uses_openai:
        return failed("API key", "none: OpenAI's endpoint answers nothing without one", SET_THE_KEY)
    return ok("API key", "none, and the endpoint in use is not OpenAI's, which may need none")


def _keyring(status: KeyStatus) -> Check:
    if status.problem is None:
        return ok("keyring", f"usable: {status.backend}")
    return failed(
        "keyring",
        f"not usable: {status.problem}",
        "Make a system keyring available as said above, or set OPENAI_API_KEY instead.",
    )
