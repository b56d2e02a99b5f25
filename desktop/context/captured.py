"""What a capture found, in the shape the server reads as ``metadata.context``."""

from dataclasses import dataclass

from server.shared_context import TRUNCATION_MARK

SELECTION_LIMIT = 20_000


@dataclass(frozen=True)
class ActiveWindowInfo:
    title: str
    app: str
    pid: int | None


@dataclass(frozen=True)
class CapturedContext:
    active_window: ActiveWindowInfo | None = None
    selection: str | None = None
    selection_truncated: bool = False

    def as_metadata(self) -> dict[str, object]:
        """``{"active_window": {"title", "app"}, "selection": str}`` without the absent parts,
        as ``server.shared_context`` parses it. The pid stays here: it is for us, not the model."""
        metadata: dict[str, object] = {}
        if self.active_window is not None:
            metadata["active_window"] = {
                "title": self.active_window.title,
                "app": self.active_window.app,
            }
        if self.selection:
            metadata["selection"] = self.selection
        return metadata


def limited_selection(text: str | None, cut: bool = False) -> tuple[str | None, bool]:
    """The selection as it is sent: None when empty, cut at SELECTION_LIMIT and ended with the
    server's truncation mark when longer, or when the reader already had to stop short
    (``cut``); and whether it was truncated."""
    if not text:
        return None, False
    if cut or len(text) > SELECTION_LIMIT:
        return text[:SELECTION_LIMIT] + TRUNCATION_MARK, True
    return text, False
