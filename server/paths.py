"""Where the app keeps its files: ``platformdirs`` locations, with an override for the data."""

import os
from pathlib import Path

import platformdirs

APP_NAME = "chatkit-desktop"
DATA_DIR_ENV = "CHATKIT_DESKTOP_DATA_DIR"
DATABASE_FILE = "chatkit.db"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``--data-dir``, else ``$CHATKIT_DESKTOP_DATA_DIR``, else the OS's."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def database_path(data: Path) -> Path:
    return data / DATABASE_FILE
