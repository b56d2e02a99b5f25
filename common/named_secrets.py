"""Secrets other than the API key, each under a name, in the same system keyring.

An MCP server's ``Authorization`` header, for one. The same rules as the key's
(``api_key.py``): only a real keyring, never a file; nothing here logs or raises a secret.

Blocking: every function may wait on D-Bus or an unlock dialog; call them off the event loop.
"""

from common.api_key import SERVICE_NAME, KeyringUnavailable, keyring_errors, usable_backends
from common.log_redaction import keep_out_of_logs

__all__ = ["KeyringUnavailable", "delete_secret", "read_secret", "store_secret"]

# Apart from the key's own entry: "secret:<name>" cannot collide with "openai-api-key".
_USERNAME_PREFIX = "secret:"


def store_secret(name: str, secret: str) -> None:
    """Keeps ``secret`` under ``name``; raises ``KeyringUnavailable`` when it cannot."""
    keep_out_of_logs(secret)
    target = usable_backends()[0]
    with keyring_errors(target, secret=secret):
        target.set_password(SERVICE_NAME, _USERNAME_PREFIX + name, secret)
        kept = target.get_password(SERVICE_NAME, _USERNAME_PREFIX + name) == secret
    if not kept:
        raise KeyringUnavailable(f"No usable system keyring: it did not keep the secret {name}.")


def read_secret(name: str) -> str | None:
    """The secret kept under ``name``, or ``None``; raises ``KeyringUnavailable``."""
    for candidate in usable_backends():
        with keyring_errors(candidate):
            secret = candidate.get_password(SERVICE_NAME, _USERNAME_PREFIX + name)
        if secret is not None:
            keep_out_of_logs(secret)
            return secret
    return None


def delete_secret(name: str) -> None:
    """Forgets the secret under ``name`` wherever it is kept; raises ``KeyringUnavailable``."""
    for candidate in usable_backends():
        with keyring_errors(candidate):
            if candidate.get_password(SERVICE_NAME, _USERNAME_PREFIX + name) is not None:
                candidate.delete_password(SERVICE_NAME, _USERNAME_PREFIX + name)
