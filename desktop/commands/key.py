"""``chatkit-desktop key set | status | clear``: the OpenAI API key in the system keyring.

Nothing printed here ever contains the key. Failures go to stderr with a non-zero status:
``1`` when no usable keyring exists, ``2`` when the text given is not a key.
"""

import argparse
import getpass
import sys

from common.api_key import (
    API_KEY_ENV,
    InvalidApiKey,
    KeyringUnavailable,
    KeyStatus,
    api_key_from_environment,
    clear_api_key,
    key_status,
    store_api_key,
)

NO_KEYRING = 1
INVALID_KEY = 2
INTERRUPTED = 130
PROMPT = "OpenAI API key (typing is hidden): "


def run(args: argparse.Namespace) -> int:
    action = {"set": _set, "status": _status, "clear": _clear}[args.action]
    try:
        return action()
    except KeyringUnavailable as error:
        _complain(str(error))
        return NO_KEYRING
    except InvalidApiKey as error:
        _complain(f"{error} Nothing was stored.")
        return INVALID_KEY
    except KeyboardInterrupt:
        _complain("Interrupted.")
        return INTERRUPTED


def _set() -> int:
    backend = store_api_key(_read_key())
    print(f"Stored the API key in the system keyring ({backend}).")
    if api_key_from_environment() is not None:
        print(f"Note: {API_KEY_ENV} is set in this environment and is used instead.")
    return 0


def _read_key() -> str:
    """From a hidden prompt at a terminal, else one line of standard input (for pipes)."""
    if sys.stdin is None:
        raise InvalidApiKey("No API key given: standard input is closed.")
    if sys.stdin.isatty():
        try:
            return getpass.getpass(PROMPT)
        except EOFError:
            return ""
    try:
        return sys.stdin.readline()
    except UnicodeDecodeError:
        raise InvalidApiKey("The API key is not text in the terminal's encoding.") from None


def _status() -> int:
    status = key_status()
    print(_describe(status))
    if status.problem is None:
        return 0
    _complain(status.problem)
    return 0 if status.source == "environment" else NO_KEYRING


def _describe(status: KeyStatus) -> str:
    if status.source == "environment":
        if status.stored_in_keyring:
            return (
                f"The API key comes from the {API_KEY_ENV} environment variable, which overrides "
                f"the key stored in the system keyring ({status.backend})."
            )
        return f"The API key comes from the {API_KEY_ENV} environment variable."
    if status.source == "keyring":
        return f"The API key comes from the system keyring ({status.backend})."
    if status.problem is not None:
        return "No API key is set."
    return (
        "No API key is set. Store one with `chatkit-desktop key set`, "
        f"or set the {API_KEY_ENV} environment variable."
    )


def _clear() -> int:
    if clear_api_key():
        print("Removed the API key from the system keyring.")
    else:
        print("No API key was stored in the system keyring; nothing to remove.")
    if api_key_from_environment() is not None:
        print(f"Note: {API_KEY_ENV} is still set in this environment and is used.")
    return 0


def _complain(message: str) -> None:
    print(f"chatkit-desktop: {message}", file=sys.stderr)
