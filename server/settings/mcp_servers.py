"""The ``mcp_servers`` setting: which MCP servers the agent may use, checked and parsed.

Each entry is a stdio server (``{"name", "command": [...], "env": {...}}``) or a streamable HTTP
server (``{"name", "url", "headers": {...}}``), with ``"enabled"`` and ``"confirm"`` (ask the
user before each call), both true unless set.

A header or environment value that is a secret is never saved here: it is saved as a reference
to the keyring, ``{"keyring": "mcp:<server>:<header>"}`` (``mcp:<server>:env:<NAME>`` for an
environment variable). ``mcp_secrets.py`` turns the values a user typed into such references
before the settings are saved; a plain value for a header that is always a secret
(``Authorization`` and its kin) is refused, so it cannot reach the file.
"""

import re
from dataclasses import dataclass, field
from typing import Any

# Names the model's tool names are built from: letters, digits, "_" and "-" (the APIs' rule).
_SERVER_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,200}$")
KEYRING_REFERENCE_PREFIX = "mcp:"
# Headers that always carry a credential: their value goes to the keyring, whatever the user says.
SECRET_HEADER_NAMES = frozenset(
    {"authorization", "proxy-authorization", "x-api-key", "api-key", "cookie"}
)
MAX_SERVERS = 50
MAX_VALUE_LENGTH = 8192


class McpSettingError(ValueError):
    """An ``mcp_servers`` value that cannot work; the message says which entry and why."""


def keyring_reference(server: str, header: str) -> str:
    """The keyring's name for one server's secret header."""
    return f"{KEYRING_REFERENCE_PREFIX}{server}:{header.lower()}"


def env_keyring_reference(server: str, variable: str) -> str:
    """The keyring's name for one server's secret environment variable."""
    return f"{KEYRING_REFERENCE_PREFIX}{server}:env:{variable}"


def is_secret_header(name: str) -> bool:
    return name.lower() in SECRET_HEADER_NAMES


@dataclass(frozen=True)
class McpServerConfig:
    """One entry of ``mcp_servers``, checked. ``env`` and ``headers`` map a name to its plain
    value or to a ``KeyringValue``."""

    name: str
    command: tuple[str, ...] = ()
    env: "dict[str, str | KeyringValue]" = field(default_factory=dict)
    url: str | None = None
    headers: "dict[str, str | KeyringValue]" = field(default_factory=dict)
    enabled: bool = True
    confirm: bool = True

    @property
    def transport(self) -> str:
        return "stdio" if self.command else "streamable_http"


@dataclass(frozen=True)
class KeyringValue:
    """A secret kept in the keyring under ``reference``. ``stored`` changes each time a new
    secret is stored there, so a server whose secret changed counts as changed, and restarts."""

    reference: str
    stored: str = ""


def parse_mcp_servers(value: Any) -> list[McpServerConfig]:
    """The checked entries of an ``mcp_servers`` value, or ``McpSettingError``."""
    if not isinstance(value, list):
        raise McpSettingError("mcp_servers must be a list of servers")
    if len(value) > MAX_SERVERS:
        raise McpSettingError(f"mcp_servers may list at most {MAX_SERVERS} servers")
    servers = [_parse_entry(index, entry) for index, entry in enumerate(value)]
    seen: set[str] = set()
    for server in servers:
        if server.name.lower() in seen:
            raise McpSettingError(f"mcp_servers: the name {server.name!r} is used twice")
        seen.add(server.name.lower())
    return servers


def _parse_entry(index: int, entry: Any) -> McpServerConfig:
    where = f"mcp_servers[{index}]"
    if not isinstance(entry, dict):
        raise McpSettingError(f"{where} must be an object with a name and a command or a url")
    known = {"name", "command", "env", "url", "headers", "enabled", "confirm"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise McpSettingError(f"{where}: unknown field {', '.join(map(repr, unknown))}")
    name = entry.get("name")
    if not isinstance(name, str) or not _SERVER_NAME.match(name):
        raise McpSettingError(
            f"{where}: name must be 1 to 40 letters, digits, '_' or '-' (it prefixes tool names)"
        )
    where = f"mcp_servers {name!r}"
    for flag in ("enabled", "confirm"):
        if not isinstance(entry.get(flag, True), bool):
            raise McpSettingError(f"{where}: {flag} must be true or false")
    has_command, has_url = "command" in entry, "url" in entry
    if has_command == has_url:
        raise McpSettingError(f"{where} needs either a command (stdio) or a url (HTTP), not both")
    common = {
        "name": name,
        "enabled": entry.get("enabled", True),
        "confirm": entry.get("confirm", True),
    }
    if has_command:
        if "headers" in entry:
            raise McpSettingError(f"{where}: headers are for a url; a command takes env")
        return McpServerConfig(
            command=_command(where, entry["command"]),
            env=_env(where, name, entry.get("env", {})),
            **common,
        )
    if "env" in entry:
        raise McpSettingError(f"{where}: env is for a command; a url takes headers")
    return McpServerConfig(
        url=_url(where, entry["url"]),
        headers=_headers(where, name, entry.get("headers", {})),
        **common,
    )


def _command(where: str, command: Any) -> tuple[str, ...]:
    if (
        not isinstance(command, list)
        or not command
        or not all(isinstance(part, str) and part for part in command)
        or not command[0].strip()
    ):
        raise McpSettingError(
            f'{where}: command must be a list of words, the program first, e.g. ["npx", "-y", …]'
        )
    if any(len(part) > MAX_VALUE_LENGTH or "\0" in part for part in command):
        raise McpSettingError(f"{where}: a word of the command is too long or holds a NUL")
    return tuple(command)


def _env(where: str, server: str, env: Any) -> "dict[str, str | KeyringValue]":
    if not isinstance(env, dict):
        raise McpSettingError(f"{where}: env must be an object of NAME: value")
    checked: dict[str, str | KeyringValue] = {}
    for name, value in env.items():
        if not _ENV_NAME.match(name):
            raise McpSettingError(f"{where}: {name!r} is not an environment variable's name")
        if _is_reference(value):
            if value["keyring"] != env_keyring_reference(server, name):
                raise McpSettingError(f"{where}: env {name} refers to another server's secret")
            checked[name] = KeyringValue(value["keyring"], value.get("stored", ""))
            continue
        if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH or "\0" in value:
            raise McpSettingError(f"{where}: env {name} must be text")
        checked[name] = value
    return checked


def _url(where: str, url: Any) -> str:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise McpSettingError(f"{where}: url must start with http:// or https://")
    if len(url) > MAX_VALUE_LENGTH or any(character.isspace() for character in url):
        raise McpSettingError(f"{where}: url must be one address without spaces")
    return url


def _headers(where: str, server: str, headers: Any) -> "dict[str, str | KeyringValue]":
    if not isinstance(headers, dict):
        raise McpSettingError(f"{where}: headers must be an object of Name: value")
    checked: dict[str, str | KeyringValue] = {}
    for name, value in headers.items():
        if not _HEADER_NAME.match(name):
            raise McpSettingError(f"{where}: {name!r} is not a header name")
        if _is_reference(value):
            if value["keyring"] != keyring_reference(server, name):
                raise McpSettingError(f"{where}: header {name} refers to another server's secret")
            checked[name] = KeyringValue(value["keyring"], value.get("stored", ""))
            continue
        if not isinstance(value, str) or any(c in value for c in "\r\n\0"):
            raise McpSettingError(f"{where}: header {name} must be one line of text")
        if is_secret_header(name):
            raise McpSettingError(
                f"{where}: header {name} is a secret and is kept in the keyring; "
                'send it as {"secret": "…"}'
            )
        checked[name] = value
    return checked


def _is_reference(value: Any) -> bool:
    """``{"keyring": name}``, with the optional ``"stored"`` stamp."""
    return (
        isinstance(value, dict)
        and "keyring" in value
        and set(value) <= {"keyring", "stored"}
        and isinstance(value.get("stored", ""), str)
        and len(value.get("stored", "")) <= 64
    )
