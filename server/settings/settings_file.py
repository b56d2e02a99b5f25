"""The user's settings: a small JSON file in the config directory, written atomically.

Secrets never live here: the API key has its own home in the system keyring.
"""

import dataclasses
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, get_args

from common.atomic_file import write_atomically
from common.paths import Profile, config_dir
from common.shared_context import SharingChoice
from common.shortcut_combination import CombinationError, default_combination, parse_combination

logger = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
ApiFlavor = Literal["auto", "responses", "chat_completions"]
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
        for flag in ("share_user_name", "share_active_window", "share_selection", "tracing"):
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

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class SettingsFile:
    """Loads and saves ``Settings``; a damaged file gives the defaults, with a warning."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or config_dir()) / SETTINGS_FILE
        self._listeners: list[Callable[[Settings], None]] = []

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

    def update(self, changes: dict[str, Any]) -> Settings:
        settings = self.load().updated(changes)
        self.save(settings)
        for listener in self._listeners:
            listener(settings)
        return settings
