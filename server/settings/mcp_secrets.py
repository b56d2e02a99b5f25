"""Secrets typed into an MCP server's settings go to the keyring once the change is accepted,
before the settings are saved.

A client sends a header's or an environment variable's value as ``{"secret": "…"}`` (a header
that is always a secret, such as ``Authorization``, may come as plain text); what is saved in
its place is ``{"keyring": "mcp:<server>:<header>"}`` or ``{"keyring": "mcp:<server>:env:<NAME>"}``.
The values are read back when the server is started (``resolved_headers``, ``resolved_env``)
and never go to the page.

Blocking: these reach the keyring; call them off the event loop.
"""

import logging
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from common.named_secrets import KeyringUnavailable, delete_secret, read_secret, store_secret
from server.settings.mcp_servers import (
    KeyringValue,
    McpServerConfig,
    env_keyring_reference,
    is_secret_header,
    keyring_reference,
)
from server.settings.settings_file import Settings, SettingsFile

logger = logging.getLogger(__name__)


class McpSecretError(ValueError):
    """A secret value that cannot be taken; the message never repeats it."""


def update_keeping_secrets(settings_file: SettingsFile, changes: dict[str, Any]) -> Settings:
    """``settings_file.update(changes)`` with typed secrets kept in the keyring once the changes
    are accepted (a refused change leaves a running server's secret alone), and the secrets of
    servers or headers no longer configured removed from it after. Raises what ``update``
    raises, ``KeyringUnavailable`` or ``McpSecretError``."""
    if "mcp_servers" not in changes:
        return settings_file.update(changes)
    referenced, typed = with_secret_references(changes)
    unused: set[str] = set()

    def store_typed(before: Settings, after: Settings) -> None:
        for reference, secret in typed.items():
            store_secret(reference, secret)
        unused.update(_references(before) - _references(after))

    settings = settings_file.update(referenced, before_saving=store_typed)
    for reference in unused:
        try:
            delete_secret(reference)
        except KeyringUnavailable as error:
            logger.warning("The secret %s stays in the keyring: %s", reference, error)
    return settings


def _references(settings: Settings) -> set[str]:
    return {
        value.reference
        for server in settings.mcp_server_configs
        for value in (*server.headers.values(), *server.env.values())
        if isinstance(value, KeyringValue)
    }


def with_secret_references(changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """``changes`` with each typed secret of ``mcp_servers`` replaced by its keyring reference,
    and the secrets by reference, to store once the changes are accepted. Raises
    ``McpSecretError``."""
    servers = changes.get("mcp_servers")
    typed: dict[str, str] = {}
    if not isinstance(servers, list):
        return changes, typed
    return {**changes, "mcp_servers": [_referenced(entry, typed) for entry in servers]}, typed


def _referenced(entry: Any, typed: dict[str, str]) -> Any:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return entry
    server: str = entry["name"]
    referenced = dict(entry)
    if isinstance(entry.get("headers"), dict):
        referenced["headers"] = _references_for(
            entry["headers"],
            lambda header: keyring_reference(server, header),
            plain_is_secret=is_secret_header,
            what="header",
            typed=typed,
        )
    if isinstance(entry.get("env"), dict):
        referenced["env"] = _references_for(
            entry["env"],
            lambda variable: env_keyring_reference(server, variable),
            plain_is_secret=lambda _variable: False,
            what="env",
            typed=typed,
        )
    return referenced


def _references_for(
    values: Mapping[Any, Any],
    reference_of: Callable[[str], str],
    plain_is_secret: Callable[[str], bool],
    what: str,
    typed: dict[str, str],
) -> dict[Any, Any]:
    """``values`` with each typed secret replaced by its reference, the secret put in
    ``typed``."""
    referenced: dict[Any, Any] = {}
    for name, value in values.items():
        secret = _typed_secret(name, value, plain_is_secret, what)
        if secret is None or not isinstance(name, str):
            referenced[name] = value
            continue
        if not secret or any(character in secret for character in "\r\n\0"):
            raise McpSecretError(f"the secret for {what} {name} must be one line of text")
        reference = reference_of(name)
        typed[reference] = secret
        referenced[name] = {"keyring": reference, "stored": secrets.token_hex(4)}
    return referenced


def _typed_secret(
    name: Any, value: Any, plain_is_secret: Callable[[str], bool], what: str
) -> str | None:
    if isinstance(value, dict) and set(value) == {"secret"}:
        if not isinstance(value["secret"], str):
            raise McpSecretError(f"the secret for {what} {name} must be text")
        return value["secret"]
    if isinstance(name, str) and isinstance(value, str) and plain_is_secret(name):
        return value
    return None


def resolved_headers(server: McpServerConfig) -> dict[str, str]:
    """The headers to send, with secrets read from the keyring. Raises
    ``KeyringUnavailable``."""
    return _resolved(server.headers)


def resolved_env(server: McpServerConfig) -> dict[str, str]:
    """The environment to start the server with, with secrets read from the keyring. Raises
    ``KeyringUnavailable``."""
    return _resolved(server.env)


def _resolved(values: "Mapping[str, str | KeyringValue]") -> dict[str, str]:
    """A secret missing from the keyring is left out: the server then says what it lacks."""
    resolved: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, KeyringValue):
            secret = read_secret(value.reference)
            if secret is not None:
                resolved[name] = secret
        else:
            resolved[name] = value
    return resolved
