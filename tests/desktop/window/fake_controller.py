"""A stand-in for the window, for the server's side of the window endpoints."""


class RecordingController:
    def __init__(self, clipboard: bool = True) -> None:
        self.shown = 0
        self.copied: list[str] = []
        self._clipboard = clipboard

    def show(self) -> None:
        self.shown += 1

    def copy_text(self, text: str) -> bool:
        if self._clipboard:
            self.copied.append(text)
        return self._clipboard
