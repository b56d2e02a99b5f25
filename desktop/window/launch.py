"""The app with its window: the local server on a background thread, pywebview on the main
thread, until the window closes; then the server stops (``runtime.json`` goes) and the store
closes."""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from common.paths import profile_of
from desktop.opening_progress import SlowOpening
from desktop.window.backend import QT
from desktop.window.close_notice import CloseNotice
from desktop.window.display import no_display_message
from desktop.window.geometry import (
    DEFAULT_HEIGHT,
    DEFAULT_WIDTH,
    MIN_HEIGHT,
    MIN_WIDTH,
    Rect,
    geometry_path,
    load_geometry,
)
from desktop.window.identity import WINDOW_TITLE
from desktop.window.lifecycle import WindowLifecycle
from desktop.window.opening_page import OpeningPage
from desktop.window.server_thread import ServerThread
from server.http.loopback_endpoint import LoopbackEndpoint

if TYPE_CHECKING:
    from server.http.local_server import LocalServer

SHUTDOWN_TIMEOUT_SECONDS = 15.0


class Integration(Protocol):
    def screens(self) -> list[Rect] | None: ...

    def origin(self) -> tuple[int, int]: ...

    def attach(
        self, window: Any, geometry_file: Path, background_allowed: Callable[[], bool]
    ) -> WindowLifecycle: ...

    def start_options(self) -> dict[str, Any]: ...


def run_window_app(data_dir: Path, gui: str | None) -> int:
    try:
        endpoint = LoopbackEndpoint.open()
    except OSError as error:
        print(f"chatkit-desktop: cannot listen on the loopback interface: {error}", file=sys.stderr)
        return 1
    opening_page = OpeningPage(endpoint.page_url)
    server = ServerThread(data_dir, endpoint, SlowOpening(opening_page.show, opening_page.finish))
    server.start()
    try:
        geometry_file = geometry_path(profile_of(data_dir).state)
        return _run(server, endpoint, opening_page, _integration(gui), gui, geometry_file)
    except KeyboardInterrupt:  # Ctrl+C before the window's own handler is in place
        return 0
    finally:
        if not server.stop(SHUTDOWN_TIMEOUT_SECONDS):
            print("chatkit-desktop: the local server did not stop in time", file=sys.stderr)


def _run(
    server: ServerThread,
    endpoint: LoopbackEndpoint,
    opening_page: OpeningPage,
    integration: Integration,
    gui: str | None,
    geometry_file: Path,
) -> int:
    # Nothing of the server is imported here: its modules are the server thread's to import,
    # and waiting for them would hold the window back.
    import webview

    from desktop.shortcut.deferred import DeferredGlobalShortcut

    window = webview.create_window(
        WINDOW_TITLE,
        url=endpoint.page_url,
        min_size=(MIN_WIDTH, MIN_HEIGHT),
        **_placement(integration, geometry_file),
    )
    opening_page.attach(window)
    shortcut = DeferredGlobalShortcut()
    # Closing the window keeps the app in the background only while the shortcut can bring
    # it back; otherwise it would linger where the user cannot see it.
    lifecycle = integration.attach(window, geometry_file, shortcut.active)
    window.events.closing += lifecycle.on_closing

    def prepare(local: "LocalServer") -> None:
        from desktop.doctor.app_diagnostics import AppDiagnostics
        from server.routes.diagnostics import attach_diagnostics
        from server.routes.window import attach_window_controller
        from server.tuning.long_lived_objects import freeze_long_lived_objects

        attach_window_controller(local.app, lifecycle)
        lifecycle.ask_before_hiding(
            CloseNotice(window, wanted=lambda: local.settings_file.load().close_notice)
        )
        attach_diagnostics(local.app, AppDiagnostics(local.data_dir))
        local.chatkit_server.when_loaded(freeze_long_lived_objects)
        shortcut.attach(local)
        window.events.loaded += local.load_agent
        window.events.loaded += lambda: shortcut.install(lifecycle.show)

    server.serve(prepare, on_build_failure=lambda _error: lifecycle.quit())
    if server.build_failure is not None:
        return _report_build_failure(server.build_failure)
    try:
        webview.start(gui=gui, **integration.start_options())
    except webview.WebViewException as error:
        print(f"chatkit-desktop: cannot open a window: {error}", file=sys.stderr)
        return 1
    finally:
        shortcut.close()
    if server.build_failure is not None:
        return _report_build_failure(server.build_failure)
    if server.failure is not None:
        print(f"chatkit-desktop: the local server stopped: {server.failure}", file=sys.stderr)
        return 1
    return 0


def _report_build_failure(error: BaseException) -> int:
    """A database the app cannot use (``StoreError`` says why in words), or the unexpected."""
    from server.store import StoreError

    if isinstance(error, StoreError):
        print(f"chatkit-desktop: {error}", file=sys.stderr)
    else:
        print(f"chatkit-desktop: the local server could not start: {error}", file=sys.stderr)
    return 1


def _placement(integration: Integration, geometry_file: Path) -> dict[str, Any]:
    geometry = load_geometry(geometry_file)
    if geometry is None:
        return {"width": DEFAULT_WIDTH, "height": DEFAULT_HEIGHT}
    placement: dict[str, Any] = {
        "width": geometry.width,
        "height": geometry.height,
        "maximized": geometry.maximized,
    }
    screens = integration.screens()
    if screens is None or geometry.fits_on(screens):
        origin_x, origin_y = integration.origin()
        placement.update(x=geometry.x - origin_x, y=geometry.y - origin_y)
    return placement


def _integration(gui: str | None) -> Integration:
    if gui == QT:
        from desktop.window.qt_integration import QtIntegration

        return QtIntegration(_cannot_reach_display)
    from desktop.window.plain_integration import PlainIntegration

    return PlainIntegration()


def _cannot_reach_display(reason: str) -> NoReturn:
    print(no_display_message(f"Qt could not use the display ({reason})"), file=sys.stderr)
    # Qt aborts the process once this returns; nothing has been served yet, and SQLite's
    # journal makes an unclosed store safe.
    os._exit(1)
