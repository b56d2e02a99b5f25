"""The doctor inside the app: Settings → Diagnostics shows the report of ``chatkit-desktop
doctor`` for the profile the app serves, copies it as text, and opens the log folder in the
system's file manager. The app and ``serve`` attach it to the server (``attach_diagnostics``);
both run on the person's own machine, so a folder opened here opens in front of them."""

from pathlib import Path
from typing import Any

from common.paths import profile_of
from desktop.folder_opener import open_folder
from server.http.folders import FolderNotOpened


class AppDiagnostics:
    def __init__(self, data: Path) -> None:
        self._data = data

    def report(self) -> dict[str, Any]:
        # Imported on the first report, not with the app: the checks bring in the shortcut
        # backends, the store's inspection and an HTTP client.
        from desktop.doctor.checks import run_doctor
        from desktop.doctor.report import as_report, as_text

        checks = run_doctor(self._data)
        return {**as_report(checks), "text": as_text(checks)}

    def open_log_folder(self) -> str:
        folder = profile_of(self._data).logs
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise FolderNotOpened(
                f"{folder} could not be created: {error.strerror or error}"
            ) from error
        open_folder(folder)
        return str(folder)
