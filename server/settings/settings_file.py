"""The user's settings: a small JSON file in the config directory, written atomically.

Secrets never live here: the API key has its own home in the system keyring.
"""

import dataclasses
import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, get_args

from common.atomic_file import write_atomically
from common.paths import Profile, config_dir
from common.shared_context import SharingChoice
from common.shortcut_combination import CombinationError, default_combination, parse_combination
from server.settings.mcp_servers import McpServerConfig, McpSettingError, parse_mcp_servers
from server.settings.model_names import ModelNamesError, check_model_names

logger = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
ApiFlavor = Literal["auto", "responses", "chat_completions"]
AgentChoice = Literal["local", "workflow"]
# Agent Builder's ids and versions as OpenAI writes them; the user id is ours (hosted_user.py).
WORKFLOW_ID_PATTERN = re.compile(r"wf_[A-Za-z0-9]{1,128}")
WORKFLOW_VERSION_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")
HOSTED_USER_ID_PATTERN = re.compile(r"(user_[0-9a-f]{32})?")
DEFAULT_MODEL = "gpt-4.1-mini"
# ChatKit's schema wants a domain key; for a page on a loopback address any value is accepted.
LOCAL_DOMAIN_KEY = "domain_pk_localhost_dev"
# The largest attachment_max_mb: also what the upload route's body limit is built for.
MAX_ATTACHMENT_MB = 100
# Names that earlier versions saved settings under, and what each is called now.
RENAMED_SETTINGS = {"hotkey": "shortcut"}


class SettingsError(ValueError):
    """A value a user tried to save that cannot work; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_flavor: ApiFlavor = "auto"
    domain_key: str = LOCAL_DOMAIN_KEY
    share_user_name: bool = True
    share_active_window: bool = True
    share_selection: bool = True
    tracing: bool = False
    shortcut: str = field(default_factory=lambda: default_combination())
    """The global shortcut that asks about the selection; empty turns it off."""
    request_timeout_seconds: float = 60.0
    max_retries: int = 2
    attachment_max_mb: int = 20
    """The largest file that may be attached, in megabytes (MiB)."""
    close_notice: bool = True
    """Whether closing the window, while the shortcut keeps the app running, first says so."""
    agent: AgentChoice = "local"
    """This app's own agent, or an Agent Builder workflow hosted by OpenAI."""
    workflow_id: str = ""
    workflow_version: str = ""
    """Empty: the workflow's latest deployed version."""
    hosted_user_id: str = ""
    """Who this installation is to OpenAI's ChatKit: random, made once, never the OS account."""
    mcp_servers: list[dict[str, Any]] = field(default_factory=list)
    """MCP servers whose tools the agent may use (``mcp_servers.py`` says what an entry is)."""
    tool_timeout_seconds: float = 60.0
    """How long one tool call may take before the model is told it failed."""
    search_conversations_tool: bool = True
    """Whether the agent may search the user's saved conversations (``search_conversations``)."""
    models: list[str] = field(default_factory=list)
    """What the composer's model picker offers besides ``model``; empty: chosen for the
    endpoint (``offered_models.py``)."""

    @property
    def sharing(self) -> SharingChoice:
        return SharingChoice(active_window=self.share_active_window, selection=self.share_selection)

    def updated(self, changes: dict[str, Any]) -> "Settings":
        """A copy with ``changes`` applied, each checked; unknown names are refused."""
        known = {field.name for field in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise SettingsError(f"unknown setting: {', '.join(unknown)}")
        candidate = dataclasses.replace(self, **changes)
        candidate.validate()
        return candidate

    def validate(self) -> None:
        if not isinstance(self.model, str) or not self.model.strip():
            raise SettingsError("model must be a non-empty name, e.g. gpt-4.1-mini")
        if self.base_url is not None and (
            not isinstance(self.base_url, str)
            or not self.base_url.startswith(("http://", "https://"))
        ):
            raise SettingsError("base_url must start with http:// or https://")
        if self.api_flavor not in get_args(ApiFlavor):
            raise SettingsError("api_flavor must be auto, responses or chat_completions")
        if not isinstance(self.domain_key, str) or not self.domain_key.strip():
            raise SettingsError("domain_key must not be empty")
        if not isinstance(self.shortcut, str):
            raise SettingsError("shortcut must be text such as Ctrl+Alt+Space, or empty for none")
        if self.shortcut:
            try:
                parse_combination(self.shortcut)
            except CombinationError as error:
                raise SettingsError(f"shortcut: {error}") from error
        for flag in (
            "share_user_name",
            "share_active_window",
            "share_selection",
            "tracing",
            "search_conversations_tool",
            "close_notice",
        ):
            if not isinstance(getattr(self, flag), bool):
                raise SettingsError(f"{flag} must be true or false")
        timeout = self.request_timeout_seconds
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise SettingsError("request_timeout_seconds must be a positive number")
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise SettingsError("max_retries must be a whole number")
        if not 0 <= self.max_retries <= 10:
            raise SettingsError("max_retries must be between 0 and 10")
        limit = self.attachment_max_mb
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise SettingsError("attachment_max_mb must be a whole number of megabytes")
        if not 1 <= limit <= MAX_ATTACHMENT_MB:
            raise SettingsError(f"attachment_max_mb must be between 1 and {MAX_ATTACHMENT_MB}")
        self._validate_workflow()
        self._validate_tools()
        try:
            check_model_names(self.models)
        except ModelNamesError as error:
            raise SettingsError(str(error)) from error

    def _validate_tools(self) -> None:
        try:
            parse_mcp_servers(self.mcp_servers)
        except McpSettingError as error:
            raise SettingsError(str(error)) from error
        timeout = self.tool_timeout_seconds
        if isinstance(timeout, bool) or not isinstance(timeout, int | float):
            raise SettingsError("tool_timeout_seconds must be a number of seconds")
        if not 1 <= timeout <= 3600:
            raise SettingsError("tool_timeout_seconds must be between 1 and 3600")

    @property
    def mcp_server_configs(self) -> list[McpServerConfig]:
        return parse_mcp_servers(self.mcp_servers)

    def _validate_workflow(self) -> None:
        if self.agent not in get_args(AgentChoice):
            raise SettingsError("agent must be local or workflow")
        if not isinstance(self.workflow_id, str) or not (
            self.workflow_id == "" or WORKFLOW_ID_PATTERN.fullmatch(self.workflow_id)
        ):
            raise SettingsError("workflow_id must be an Agent Builder id such as wf_68df4b…")
        if not isinstance(self.workflow_version, str) or not (
            self.workflow_version == "" or WORKFLOW_VERSION_PATTERN.fullmatch(self.workflow_version)
        ):
            raise SettingsError(
                "workflow_version must be a version such as 3 or draft, or empty for the latest"
            )
        if not isinstance(self.hosted_user_id, str) or not HOSTED_USER_ID_PATTERN.fullmatch(
            self.hosted_user_id
        ):
            raise SettingsError("hosted_user_id must be user_ and 32 hexadecimal digits")

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class SettingsFile:
    """Loads and saves ``Settings``; a damaged file gives the defaults, with a warning."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or config_dir()) / SETTINGS_FILE
        self._listeners: list[Callable[[Settings], None]] = []
        # Two changes at once must not each save their own copy, losing the other's change.
        self._updating = threading.Lock()

    @classmethod
    def of_profile(cls, profile: Profile) -> "SettingsFile":
        """The profile's settings. A self-contained profile used for the first time starts
        from the platform's settings, so moving to one keeps the model, endpoint and shortcut."""
        settings_file = cls(profile.settings)
        if profile.is_self_contained and not settings_file.path.exists():
            platform_settings = config_dir() / SETTINGS_FILE
            try:
                write_atomically(settings_file.path, platform_settings.read_text(encoding="utf-8"))
            except FileNotFoundError:
                pass
            except (OSError, UnicodeDecodeError) as error:
                logger.warning("Not copying the settings from %s: %s", platform_settings, error)
        return settings_file

    def on_change(self, listener: Callable[[Settings], None]) -> None:
        """Calls ``listener`` with the new settings after every ``update``, on the caller's
        thread: for what applies a setting outside the server (the global shortcut)."""
        self._listeners.append(listener)

    def load(self) -> Settings:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Settings()
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            logger.warning("Ignoring unreadable settings file %s: %s", self.path, error)
            return Settings()
        if not isinstance(raw, dict):
            logger.warning("Ignoring settings file %s: not a JSON object", self.path)
            return Settings()
        settings = Settings()
        for saved_name, value in raw.items():
            name = RENAMED_SETTINGS.get(saved_name, saved_name)
            try:
                settings = settings.updated({name: value})
            except SettingsError as error:
                logger.warning("Ignoring setting %r in %s: %s", name, self.path, error)
        return settings

    def save(self, settings: Settings) -> None:
        settings.validate()
        write_atomically(self.path, json.dumps(settings.as_json(), indent=2) + "\n")

    def update(
        self,
        changes: dict[str, Any],
        before_saving: Callable[[Settings, Settings], None] | None = None,
    ) -> Settings:
        """``before_saving(old, new)`` runs once the changes are checked, before they are
        saved: for what only an accepted change may do (keep its secrets in the keyring)."""
        with self._updating:
            before = self.load()
            settings = before.updated(changes)
            if before_saving is not None:
                before_saving(before, settings)
            self.save(settings)
        for listener in self._listeners:
            listener(settings)
        return settings
