from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from testing.running_app import RunningApp, app_env, free_port, launch_app
from testing.x_session import XSession

LaunchApp = Callable[..., RunningApp]


@pytest.fixture
def launch(x_session: XSession, tmp_path: Path) -> Iterator[LaunchApp]:
    """Starts ``chatkit-desktop`` on the test display; every app started is killed (its whole
    process group) after the test, whatever happened."""
    apps: list[RunningApp] = []

    def start(*options: str, data_dir: Path | None = None) -> RunningApp:
        env = app_env(x_session.env, tmp_path / "xdg-runtime", free_port())
        app = launch_app(
            data_dir or tmp_path / "data", env, tmp_path / f"app-{len(apps)}.log", *options
        )
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.kill()
