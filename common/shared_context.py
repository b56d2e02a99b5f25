"""The context a user shares with a message: the window they were in and the text they had
selected. One shape from the capture to the prompt: the capture makes it, the page shows and
sends it as ``metadata.context`` (``threads.create``, ``threads.add_user_message``, ``/api/ask``),
the server parses it back and keeps it beside the message for the model's later turns."""

from dataclasses import dataclass, field
from typing import Any

SELECTION_LIMIT = 20_000
TRUNCATION_MARK = "\n[… selection truncated]"
WINDOW_FIELD_LIMIT = 1_000


class SharedContextError(ValueError):
    """``metadata.context`` has the wrong shape; the message names the field."""


@dataclass(frozen=True)
class SharingChoice:
    """Which parts the user lets go with a message (the settings' two toggles). A part not
    shared is never read by the capture, and dropped wherever else it turns up."""

    active_window: bool = True
    selection: bool = True


@dataclass(frozen=True)
class ActiveWindow:
    """``pid`` is the window's process as the capture read it, to tell our own windows apart;
    it is never sent, so a parsed window has none. ``handle`` (the X window id, the HWND, the
    macOS process) and ``wm_class`` (X11's instance and class) are what an answer needs to be
    inserted back into this window; they stay on the desktop side and are never sent either."""

    title: str = ""
    app: str = ""
    pid: int | None = None
    handle: int | None = field(default=None, compare=False)
    wm_class: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class SharedContext:
    active_window: ActiveWindow | None = None
    selection: str | None = None

    def is_empty(self) -> bool:
        return self.active_window is None and not self.selection

    def shared_under(self, choice: SharingChoice) -> tuple["SharedContext", list[str]]:
        """What ``choice`` lets through, and the names of the parts it holds back."""
        withheld = []
        if self.active_window is not None and not choice.active_window:
            withheld.append("active_window")
        if self.selection and not choice.selection:
            withheld.append("selection")
        kept = SharedContext(
            active_window=self.active_window if choice.active_window else None,
            selection=self.selection if choice.selection else None,
        )
        return kept, withheld

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


def limited_selection(text: str | None, cut: bool = False) -> str | None:
    """The selection as it is shared: None when empty, cut at SELECTION_LIMIT and ended with
    TRUNCATION_MARK when longer, or when its reader already had to stop short (``cut``)."""
    if not text:
        return None
    if cut or len(text) > SELECTION_LIMIT:
        return text[:SELECTION_LIMIT] + TRUNCATION_MARK
    return text


def parse_shared_context(metadata: dict[str, Any] | None) -> SharedContext | None:
    """Reads ``metadata.context``; None when there is none, an error when it is malformed."""
    if not metadata or metadata.get("context") is None:
        return None
    return shared_context_from_json(metadata["context"])


def shared_context_from_json(raw: Any) -> SharedContext | None:
    """The inverse of ``SharedContext.as_json``, checked; None when nothing is shared."""
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
    return limited_selection(raw)
