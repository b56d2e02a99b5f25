"""Where the app keeps its files. The platform's folders (``platformdirs``) by default; a data
folder named by ``--data-dir`` or ``$CHATKIT_DESKTOP_DATA_DIR`` is a profile of its own, holding
the settings and the window's state beside the conversations, so two profiles share nothing."""

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "chatkit-desktop"
DATA_DIR_ENV = "CHATKIT_DESKTOP_DATA_DIR"
DATABASE_FILE = "chatkit.db"


@dataclass(frozen=True)
class Profile:
    """The folders of one profile: ``data`` for the database, its backups and ``runtime.json``,
    ``settings`` for ``settings.json``, ``state`` for the window's size and place, ``logs`` for
    the log files."""

    data: Path
    settings: Path
    state: Path
    logs: Path

    @property
    def is_self_contained(self) -> bool:
        return self.settings == self.data


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``--data-dir``, else ``$CHATKIT_DESKTOP_DATA_DIR``, else the OS's."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return default_data_dir()


def default_data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def downloads_dir() -> Path:
    """The person's Downloads folder, where exports go; it may not exist yet. On Linux the one
    named in ``user-dirs.dirs`` (``XDG_DOWNLOAD_DIR``), else ``~/Downloads``."""
    return Path(platformdirs.user_downloads_dir())


def profile_of(data: Path) -> Profile:
    """The profile whose conversations live in ``data``. The platform's own data folder, even
    when named explicitly (``chatkit-desktop ask`` starts the app with ``--data-dir``), keeps
    the platform's folders for the rest."""
    if data.resolve() == default_data_dir().resolve():
        return Profile(
            data=data,
            settings=config_dir(),
            state=platformdirs.user_state_path(APP_NAME, appauthor=False),
            logs=platformdirs.user_log_path(APP_NAME, appauthor=False),
        )
    return Profile(data=data, settings=data, state=data, logs=data / "log")


def database_path(data: Path) -> Path:
    return data / DATABASE_FILE
