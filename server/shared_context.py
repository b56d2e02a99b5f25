"""What the page says the user chose to share with a message: the active window and the
selected text. It arrives as ``metadata.context`` on ``threads.create`` and
``threads.add_user_message``."""

from dataclasses import dataclass
from typing import Any

SELECTION_LIMIT = 20_000
TRUNCATION_MARK = "\n[… selection truncated]"
WINDOW_FIELD_LIMIT = 1_000


class SharedContextError(ValueError):
    """``metadata.context`` has the wrong shape; the message names the field."""


@dataclass(frozen=True)
class ActiveWindow:
    title: str = ""
    app: str = ""


@dataclass(frozen=True)
class SharedContext:
    active_window: ActiveWindow | None = None
    selection: str | None = None

    def is_empty(self) -> bool:
        return self.active_window is None and not self.selection

    def without(self, *, active_window: bool, selection: bool) -> "SharedContext":
        """Drops the parts the user's settings do not allow to be sent."""
        return SharedContext(
            active_window=self.active_window if active_window else None,
            selection=self.selection if selection else None,
        )

    def as_json(self) -> dict[str, Any]:
        shared: dict[str, Any] = {}
        if self.active_window is not None:
            shared["active_window"] = {
                "title": self.active_window.title,
                "app": self.active_window.app,
            }
        if self.selection:
            shared["selection"] = self.selection
        return shared


def parse_shared_context(metadata: dict[str, Any] | None) -> SharedContext | None:
    """Reads ``metadata.context``; None when there is none, an error when it is malformed."""
    if not metadata or metadata.get("context") is None:
        return None
    raw = metadata["context"]
    if not isinstance(raw, dict):
        raise SharedContextError("metadata.context must be an object")
    unknown = sorted(set(raw) - {"active_window", "selection"})
    if unknown:
        raise SharedContextError(f"metadata.context has unknown fields: {', '.join(unknown)}")
    shared = SharedContext(
        active_window=_parse_window(raw.get("active_window")),
        selection=_parse_selection(raw.get("selection")),
    )
    return None if shared.is_empty() else shared


def _parse_window(raw: Any) -> ActiveWindow | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise SharedContextError("metadata.context.active_window must be an object")
    fields = {}
    for name in ("title", "app"):
        value = raw.get(name, "")
        if not isinstance(value, str):
            raise SharedContextError(f"metadata.context.active_window.{name} must be a string")
        fields[name] = value[:WINDOW_FIELD_LIMIT]
    if not fields["title"] and not fields["app"]:
        return None
    return ActiveWindow(**fields)


def _parse_selection(raw: Any) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise SharedContextError("metadata.context.selection must be a string")
    if len(raw) > SELECTION_LIMIT:
        return raw[:SELECTION_LIMIT] + TRUNCATION_MARK
    return raw or None
