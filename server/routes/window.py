"""``/api/window/show`` and ``/api/clipboard``: what a second launch and the page may ask of the
native window; ``/api/window/hide`` and ``/api/window/quit``: the close notice's answers. Only
the desktop app has a window; under ``chatkit-desktop serve`` these answer 409.
``GET /api/window`` tells the page which of the two it is in."""

from pathlib import Path
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel

NO_WINDOW_MESSAGE = "This server has no window: it was started with `chatkit-desktop serve`."
NO_NATIVE_CLIPBOARD_MESSAGE = (
    "This window's backend has no native clipboard here; use the page's own clipboard access."
)


class WindowController(Protocol):
    """The native window as the server sees it. Called on the server's thread: implementations
    hand the work to the GUI thread and return at once."""

    def show(self) -> None:
        """Show, raise and focus the window, wherever it is (hidden, minimized, behind)."""

    def hide(self) -> None:
        """Hide the window; the app goes on running for its shortcut (the close notice)."""

    def quit(self) -> None:
        """Quit the app, as Ctrl+Q does (the close notice's "Quit instead")."""

    def copy_text(self, text: str) -> bool:
        """Put ``text`` on the system clipboard; False when this backend cannot."""

    def open_folder(self, folder: Path) -> None:
        """Show ``folder`` in the system's file manager. Blocking for up to a second; raises
        ``server.http.folders.FolderNotOpened``."""


def attach_window_controller(app: FastAPI, controller: WindowController) -> None:
    app.state.window_controller = controller


def window_controller(request: Request) -> WindowController | None:
    controller: WindowController | None = getattr(request.app.state, "window_controller", None)
    return controller


def _window_controller(request: Request) -> WindowController:
    controller = window_controller(request)
    if controller is None:
        raise HTTPException(status_code=409, detail=NO_WINDOW_MESSAGE)
    return controller


Window = Annotated[WindowController, Depends(_window_controller)]

router = APIRouter(prefix="/api")


class ClipboardText(BaseModel):
    text: str


@router.get("/window")
async def describe_window(request: Request) -> dict[str, Any]:
    """``native`` is false under ``serve``: the page is then in a browser, which downloads
    exports itself, while the native window's engine may drop downloads."""
    return {"native": window_controller(request) is not None}


@router.post("/window/show", status_code=204)
async def show_window(window: Window) -> None:
    window.show()


@router.post("/window/hide", status_code=204)
async def hide_window(window: Window) -> None:
    window.hide()


@router.post("/window/quit", status_code=204)
async def quit_app(window: Window) -> None:
    window.quit()


@router.post("/clipboard", status_code=204)
async def copy_to_clipboard(body: ClipboardText, window: Window) -> None:
    # The page cannot write the clipboard itself inside the Qt window: the web permission it
    # would need is refused there, since granting it would let any frame read the clipboard too.
    if not window.copy_text(body.text):
        raise HTTPException(status_code=501, detail=NO_NATIVE_CLIPBOARD_MESSAGE)
