"""Secrets other than the API key, each under a name, in the same system keyring.

An MCP server's ``Authorization`` header, for one. The same rules as the key's
(``api_key.py``): only a real keyring, never a file; nothing here logs or raises a secret.

Blocking: every function may wait on D-Bus or an unlock dialog; call them off the event loop.
"""

from common.api_key import (
    KeyringUnavailable,
    delete_secret_as,
    read_secret_as,
    store_secret_as,
)

__all__ = ["KeyringUnavailable", "delete_secret", "read_secret", "store_secret"]

# Apart from the key's own entry: "secret:<name>" cannot collide with "openai-api-key".
_USERNAME_PREFIX = "secret:"


def store_secret(name: str, secret: str) -> None:
    """Keeps ``secret`` under ``name``; raises ``KeyringUnavailable`` when it cannot."""
    store_secret_as(_USERNAME_PREFIX + name, secret, f"the secret {name}")


def read_secret(name: str) -> str | None:
    """The secret kept under ``name``, or ``None``; raises ``KeyringUnavailable``."""
    return read_secret_as(_USERNAME_PREFIX + name)[0]


def delete_secret(name: str) -> None:
    """Forgets the secret under ``name`` wherever it is kept; raises ``KeyringUnavailable``."""
    delete_secret_as(_USERNAME_PREFIX + name)
