"""A stand-in for the window, for the server's side of the window endpoints."""

from pathlib import Path


class RecordingController:
    def __init__(self, clipboard: bool = True) -> None:
        self.shown = 0
        self.hidden = 0
        self.quitted = 0
        self.copied: list[str] = []
        self.opened: list[Path] = []
        self._clipboard = clipboard

    def show(self) -> None:
        self.shown += 1

    def hide(self) -> None:
        self.hidden += 1

    def quit(self) -> None:
        self.quitted += 1

    def copy_text(self, text: str) -> bool:
        if self._clipboard:
            self.copied.append(text)
        return self._clipboard

    def open_folder(self, folder: Path) -> None:
        self.opened.append(folder)
