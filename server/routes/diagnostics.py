"""``GET /api/diagnostics`` and ``POST /api/diagnostics/open-log-folder``: Settings → Diagnostics.

The checks are those of ``chatkit-desktop doctor``, which belong to the desktop side (the
keyring, the display, the global shortcut); the app and ``serve`` attach them here, and the
server only carries them to the page. A server started without them answers 501.
"""

from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from server.http.folders import FolderNotOpened

NO_DIAGNOSTICS_MESSAGE = (
    "This server was started without the app's diagnostics; run `chatkit-desktop doctor` in a "
    "terminal instead."
)

router = APIRouter(prefix="/api")


class DiagnosticsSource(Protocol):
    def report(self) -> dict[str, Any]:
        """``{"checks": [{"name", "status", "detail", "fix"?}], "text": str}``, paths under the
        home folder written as ``~``. Blocking, for as long as the slowest check's time limit
        (several seconds when the network does not answer)."""
        ...

    def open_log_folder(self) -> str:
        """Shows the log folder in the system's file manager, creating it when missing, and
        returns its path. Raises ``FolderNotOpened``."""
        ...


def attach_diagnostics(app: FastAPI, source: DiagnosticsSource) -> None:
    app.state.diagnostics = source


def _diagnostics(request: Request) -> DiagnosticsSource:
    source: DiagnosticsSource | None = getattr(request.app.state, "diagnostics", None)
    if source is None:
        raise HTTPException(status_code=501, detail=NO_DIAGNOSTICS_MESSAGE)
    return source


Diagnostics = Annotated[DiagnosticsSource, Depends(_diagnostics)]


@router.get("/diagnostics")
async def read_diagnostics(source: Diagnostics) -> dict[str, Any]:
    return await run_in_threadpool(source.report)


@router.post("/diagnostics/open-log-folder")
async def open_log_folder(source: Diagnostics) -> dict[str, str]:
    try:
        folder = await run_in_threadpool(source.open_log_folder)
    except FolderNotOpened as error:
        # The person asked for nothing wrong: this system has no way to show the folder now.
        raise HTTPException(status_code=503, detail=str(error)) from error
    return {"folder": folder}
